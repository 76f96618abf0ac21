import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { toErrorView } from '../shared/errors.js';
import { PAGE_PROTOCOL } from './page-protocol.js';
import { answer } from './static-files.js';

export interface TransferGate {
  /** Made once per launch and given only to the app page's init script. */
  token: string;
  /** The app's own origin: a POST from any other page is refused even if it learnt the token. */
  appOrigin: string;
  receive(body: Readable, name: string): Promise<string>;
}

/** Compares digests so neither the content nor the length of the token leaks through timing. */
function tokenMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/**
 * `POST /__transfer?name=…`: a dropped file's bytes, streamed straight into the core (never
 * buffered whole), answered with the opaque id the renderer passes back in `files:register`.
 */
export async function handleTransfer(gate: TransferGate, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    answer(res, 405, { Allow: 'POST' });
    return;
  }
  if (req.headers.origin !== gate.appOrigin || !tokenMatches(gate.token, req.headers[PAGE_PROTOCOL.tokenHeader])) {
    req.resume();
    answer(res, 403, { Connection: 'close' });
    return;
  }
  const name = url.searchParams.get('name') ?? '';
  if (name === '') {
    req.resume();
    reply(res, 400, { error: { kind: 'validation', message: 'The file has no name.', field: 'name' } });
    return;
  }
  try {
    const id = await gate.receive(req, name);
    reply(res, 200, { $upload: id });
  } catch (error) {
    const view = toErrorView(error);
    if (view.kind === 'too-large') {
      // Reading the rest only to throw it away is what kept a 300 MB refusal waiting for seconds
      // (issue 8): answer now and close the connection instead of draining the body.
      reply(res, 413, { error: view }, { Connection: 'close' });
      return;
    }
    req.resume();
    // A fault of ours is logged, by class only: the message may carry the file's name.
    if (view.kind === 'internal') console.error(`ChartDrop app host: a transfer failed (${view.message})`);
    reply(res, view.kind === 'transient' || view.kind === 'internal' ? 500 : 400, { error: view });
  }
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
  res.end(JSON.stringify(body));
}
