import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { streamRequest } from './stream-request.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/Binary`);
}

describe('streamRequest', () => {
  it('streams the body and returns the answer as a fetch Response', async () => {
    let received = 0;
    const url = await serve((req, res) => {
      req.on('data', (chunk: Buffer) => (received += chunk.length));
      req.on('end', () => res.writeHead(201, { Location: 'Binary/1' }).end('{"id":"1"}'));
    });
    const response = await streamRequest(url, { method: 'POST', body: Readable.from([Buffer.alloc(70_000), Buffer.alloc(30_000)]), headers: {} });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('Binary/1');
    expect(await response.json()).toEqual({ id: '1' });
    expect(received).toBe(100_000);
  });

  it('rejects with the caller’s reason when aborted, also while the answer’s body is stalled', async () => {
    const url = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(201).write('{"id":'));
    });
    const abort = new AbortController();
    const response = await streamRequest(url, { method: 'POST', body: Readable.from([Buffer.from('x')]), headers: {}, signal: abort.signal });
    const reading = response.text();
    const reason = new Error('stalled');
    abort.abort(reason);
    await expect(reading).rejects.toThrow();
  });
});
