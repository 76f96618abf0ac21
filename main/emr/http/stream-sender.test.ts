import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordingServer, rotatingTokens } from '../../../tests/support/recording-server.js';
import { HttpStatusError } from './http-status-error.js';
import { createStreamSender } from './stream-sender.js';

let dir: string;
let scan: { path: string; bytes: Buffer };
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stream-sender-'));
  // Not a multiple of any chunk size, so a lost or doubled tail shows.
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  scan = { path: join(dir, 'scan.pdf'), bytes };
  await writeFile(scan.path, bytes);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let server: RecordingServer;
beforeEach(async () => {
  server = await RecordingServer.start();
});
afterEach(() => server.close());

describe('stream sender', () => {
  it('streams a multipart form with a Content-Length equal to the bytes sent, and the parts parse back to what was put in', async () => {
    const details = JSON.stringify({ patient_id: 7, folder_id: 3, description: 'Référence — ECG' });
    const form = new FormData();
    form.set('details', details);
    form.set('document', await openAsBlob(scan.path, { type: 'application/pdf' }), 'scan.pdf');
    const progress: Array<[number, number]> = [];

    await createStreamSender({ prefixUrl: `${server.origin}/rest/v1`, tokens: rotatingTokens() })('provider-portal/documents', {
      method: 'POST',
      body: { kind: 'multipart', form },
      onProgress: (sent, total) => progress.push([sent, total]),
    });

    const [request] = server.requests;
    expect(request?.headers['transfer-encoding']).toBeUndefined();
    expect(Number(request?.headers['content-length'])).toBe(request?.body.length);
    expect(progress.at(-1)).toEqual([request?.body.length, request?.body.length]);
    const parsed = await new Response(request?.body, { headers: { 'content-type': String(request?.headers['content-type']) } }).formData();
    expect(parsed.get('details')).toBe(details);
    const document = parsed.get('document') as File;
    expect([document.name, document.type]).toEqual(['scan.pdf', 'application/pdf']);
    expect(Buffer.from(await document.arrayBuffer()).equals(scan.bytes)).toBe(true);
  });

  it('sends a file as the raw body with its type and length, counting progress up to its size', async () => {
    const progress: number[] = [];

    await createStreamSender({ prefixUrl: server.origin, tokens: rotatingTokens() })('Binary', {
      method: 'POST',
      body: { kind: 'file', path: scan.path, contentType: 'application/pdf' },
      headers: { 'Content-Type': 'text/plain', Prefer: 'return=minimal' },
      onProgress: (sent) => progress.push(sent),
    });

    const [request] = server.requests;
    expect(request?.body.equals(scan.bytes)).toBe(true);
    expect([request?.headers['content-type'], request?.headers['content-length'], request?.headers.prefer]).toEqual(['application/pdf', String(scan.bytes.length), 'return=minimal']);
    expect(progress.at(-1)).toBe(scan.bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('refreshes once on a 401 and sends the whole body again with the fresh token; a second 401 is thrown', async () => {
    server.answer((req, res) => res.writeHead(req.headers.authorization === 'Bearer fresh' ? 201 : 401).end());
    const session = rotatingTokens();
    const send = createStreamSender({ prefixUrl: server.origin, tokens: session });

    expect((await send('Binary', { method: 'POST', body: { kind: 'file', path: scan.path, contentType: 'application/pdf' } })).status).toBe(201);
    expect(server.requests.map((r) => [r.headers.authorization, r.body.equals(scan.bytes)])).toEqual([['Bearer stale', true], ['Bearer fresh', true]]);
    expect(session.refreshes).toEqual(['stale']);

    server.answer((_req, res) => res.writeHead(401).end());
    const refused = await send('Binary', { method: 'POST', body: { kind: 'file', path: scan.path, contentType: 'application/pdf' } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpStatusError);
    expect((refused as HttpStatusError).response.status).toBe(401);
    expect(session.refreshes).toEqual(['stale', 'fresh']);
    expect(server.requests).toHaveLength(4);
  });

  it('puts the connector’s default query parameters and headers on the upload, beside the call’s own', async () => {
    const send = createStreamSender({
      prefixUrl: server.origin,
      tokens: rotatingTokens(),
      defaults: async () => ({ searchParams: { uuid: 'inst-1' }, headers: { 'X-QHR-Subscription-Key': 'key' } }),
    });
    const form = new FormData();
    form.set('details', '{}');

    await send('documents', { method: 'POST', body: { kind: 'multipart', form }, searchParams: { path: '/Medical Record' } });
    const [request] = server.requests;
    expect([request?.url.searchParams.get('uuid'), request?.url.searchParams.get('path'), request?.headers['x-qhr-subscription-key']]).toEqual(['inst-1', '/Medical Record', 'key']);
  });
});

describe('stream sender against a server that stops reading', () => {
  let stalled: Server;
  let received: Promise<IncomingMessage>;
  beforeEach(async () => {
    let onRequest: (req: IncomingMessage) => void = () => undefined;
    received = new Promise((resolve) => (onRequest = resolve));
    stalled = createServer((req) => {
      req.pause();
      onRequest(req);
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  });
  afterEach(() => {
    stalled.closeAllConnections();
    return new Promise<void>((resolve) => stalled.close(() => resolve()));
  });

  it('reads the file no faster than the socket takes it, and an abort mid-stream ends it with the caller’s reason', async () => {
    const size = 64 * 1024 * 1024;
    const big = join(dir, 'big.pdf');
    await writeFile(big, Buffer.alloc(size));
    const abort = new AbortController();
    let sent = 0;
    let lastMove = Date.now();
    const sending = createStreamSender({ prefixUrl: `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`, tokens: rotatingTokens() })('Binary', {
      method: 'POST',
      body: { kind: 'file', path: big, contentType: 'application/pdf' },
      signal: abort.signal,
      onProgress: (bytes) => {
        sent = bytes;
        lastMove = Date.now();
      },
    });
    const outcome = sending.catch((error: unknown) => error);
    // Backpressure: once the socket's buffers are full the counter stops moving, far short of the file.
    await expect.poll(() => sent > 0 && Date.now() - lastMove > 300, { timeout: 10_000, interval: 50 }).toBe(true);
    expect(sent).toBeLessThan(size / 4);

    const reason = new Error('The upload stopped moving and was restarted.');
    abort.abort(reason);
    expect(await outcome).toBe(reason);
    // The server reads what had reached it and then finds the connection gone, the body unfinished.
    const req = await received;
    let got = 0;
    req.on('data', (chunk: Buffer) => (got += chunk.length));
    const ended = await new Promise<boolean>((resolve) => {
      req.once('end', () => resolve(true));
      req.once('close', () => resolve(req.complete));
      req.resume();
    });
    expect(ended).toBe(false);
    expect(got).toBeLessThan(size);
  });
});
