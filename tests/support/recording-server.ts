import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** False when the client went away before its body ended (an aborted upload). */
  complete: boolean;
}

export type Answer = (request: RecordedRequest, res: ServerResponse) => void;

/**
 * A local HTTP server for the HTTP layer's unit tests: it reads each request's body whole (the
 * tests send a few MB at most), records it, and lets the test answer.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  readonly #server: Server;
  #answer: Answer = (_request, res) => res.writeHead(204).end();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<RecordingServer> {
    const recording: RecordingServer = new RecordingServer(createServer((req, res) => recording.#receive(req, res)));
    await new Promise<void>((resolve) => recording.#server.listen(0, '127.0.0.1', resolve));
    return recording;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  answer(answer: Answer): void {
    this.#answer = answer;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #receive(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    const record = (complete: boolean) => {
      const request = { method: req.method ?? '', url: new URL(req.url ?? '/', this.origin), headers: req.headers, body: Buffer.concat(chunks), complete };
      this.requests.push(request);
      return request;
    };
    req.on('end', () => this.#answer(record(true), res));
    req.on('aborted', () => record(false));
  }
}

/** A session whose token `stale` the server refuses; one refresh gives `fresh`. */
export function rotatingTokens(): { accessToken(): Promise<string>; afterUnauthorized(rejected: string): Promise<string>; refreshes: string[] } {
  const refreshes: string[] = [];
  let current = 'stale';
  return {
    refreshes,
    accessToken: async () => current,
    afterUnauthorized: async (rejected) => {
      refreshes.push(rejected);
      current = 'fresh';
      return current;
    },
  };
}
