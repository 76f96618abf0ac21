import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { PAGE_PROTOCOL } from './page-protocol.js';
import { answer, serveRendererFile } from './static-files.js';
import { handleTransfer, type TransferGate } from './transfer-endpoint.js';

export interface HttpHost {
  /** `http://127.0.0.1:<port>`: the app page's origin. */
  origin: string;
  /** The per-launch transfer token, handed only to the app page. */
  token: string;
  close(): Promise<void>;
}

/**
 * The browser shell's http server: the built renderer plus the transfer endpoint, on the IP
 * literal 127.0.0.1 and an ephemeral port (a Vite build cannot run from file://).
 */
export async function startHttpHost(options: { rendererDir: string; receiveTransfer(body: Readable, name: string): Promise<string> }): Promise<HttpHost> {
  const token = randomBytes(32).toString('base64url');
  let gate: TransferGate | undefined;
  let expectedHost = '';

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (req.headers.host !== expectedHost || gate === undefined) {
      req.resume();
      answer(res, 403);
      return;
    }
    const pathname = new URL(req.url ?? '/', gate.appOrigin).pathname;
    const handled =
      pathname === PAGE_PROTOCOL.transferPath ? handleTransfer(gate, req, res) : serveRendererFile(options.rendererDir, req, res);
    handled.catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  const origin = `http://${expectedHost}`;
  gate = { token, appOrigin: origin, receive: options.receiveTransfer };

  return {
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
