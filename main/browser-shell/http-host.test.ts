import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawGet, sendRaw } from '../../tests/support/raw-http.js';
import { EmrError } from '../shared/errors.js';
import { RENDERER_CSP } from '../launch/renderer-assets.js';
import { startHttpHost, type HttpHost } from './http-host.js';
import { PAGE_PROTOCOL } from './page-protocol.js';

let workDir: string;
let host: HttpHost;
let received: { name: string; bytes: Buffer }[];
let onFirstChunk: (() => void) | undefined;

async function collect(body: Readable, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    onFirstChunk?.();
    onFirstChunk = undefined;
  }
  received.push({ name, bytes: Buffer.concat(chunks) });
  return `upload-${received.length}`;
}

/** Raw requests: fetch would normalise `..` and forbids setting Origin and Host. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const url = new URL(host.origin);
    const req = request({ host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function transferHeaders(overrides: Record<string, string> = {}): Record<string, string> {
  return { origin: host.origin, [PAGE_PROTOCOL.tokenHeader]: host.token, 'content-type': 'application/octet-stream', ...overrides };
}

beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'chartdrop-host-'));
  await mkdir(join(workDir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(workDir, 'renderer', 'index.html'), '<!doctype html><title>ChartDrop</title>');
  await writeFile(join(workDir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(workDir, 'secret.txt'), 'not for the page');
  received = [];
  host = await startHttpHost({ rendererDir: join(workDir, 'renderer'), receiveTransfer: collect });
});

afterEach(async () => {
  await host.close();
  await rm(workDir, { recursive: true, force: true });
});

describe('browser shell http host: renderer files', () => {
  it('listens on the 127.0.0.1 literal and serves the index with the CSP and nosniff', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await send({ path: '/' });

    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>ChartDrop</title>');
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const res = await send({ path: '/assets/app.js?v=1' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html'])(
    'refuses to leave the renderer folder: %s',
    async (path) => {
      const res = await send({ path });

      expect(res.status).toBe(404);
      expect(res.body).not.toContain('not for the page');
    },
  );

  it('lists no directory', async () => {
    expect((await send({ path: '/assets/' })).status).toBe(404);
    expect((await send({ path: '/assets' })).status).toBe(404);
  });

  it('refuses a request whose Host is not the 127.0.0.1 origin (DNS rebinding)', async () => {
    expect((await send({ path: '/', headers: { host: `evil.example:${new URL(host.origin).port}` } })).status).toBe(403);
  });

  it('refuses methods other than GET and HEAD on renderer files', async () => {
    expect((await send({ method: 'PUT', path: '/index.html', body: Buffer.from('x') })).status).toBe(405);
  });
});

describe('browser shell http host: POST /__transfer', () => {
  it('streams the body into the core and answers the upload id', async () => {
    const res = await send({ method: 'POST', path: '/__transfer?name=scan%201.pdf', headers: transferHeaders(), body: Buffer.from('%PDF-1.7 bytes') });

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ $upload: 'upload-1' });
    expect(received).toEqual([{ name: 'scan 1.pdf', bytes: Buffer.from('%PDF-1.7 bytes') }]);
  });

  it('hands the core the first bytes before the rest of the body has been sent', async () => {
    const url = new URL(host.origin);
    const firstChunkSeen = new Promise<void>((resolve) => {
      onFirstChunk = resolve;
    });
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: 'POST', path: '/__transfer?name=big.pdf', headers: transferHeaders() },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(64 * 1024, 1));
      void firstChunkSeen.then(() => req.end(Buffer.alloc(64 * 1024, 2)));
    });

    expect(await answered).toBe(200);
    expect(received[0]?.bytes.length).toBe(128 * 1024);
  });

  it('refuses a wrong token with 403 and never calls the core', async () => {
    const res = await send({ method: 'POST', path: '/__transfer?name=a.pdf', headers: transferHeaders({ [PAGE_PROTOCOL.tokenHeader]: 'guess' }), body: Buffer.from('x') });

    expect(res.status).toBe(403);
    expect(received).toEqual([]);
  });

  it('refuses a missing token with 403', async () => {
    const headers = transferHeaders();
    delete headers[PAGE_PROTOCOL.tokenHeader];
    const res = await send({ method: 'POST', path: '/__transfer?name=a.pdf', headers, body: Buffer.from('x') });

    expect(res.status).toBe(403);
    expect(received).toEqual([]);
  });

  it('refuses another origin with 403 even with the right token', async () => {
    const res = await send({ method: 'POST', path: '/__transfer?name=a.pdf', headers: transferHeaders({ origin: 'http://127.0.0.1:1' }), body: Buffer.from('x') });

    expect(res.status).toBe(403);
    expect(received).toEqual([]);
  });

  it('refuses a request without an Origin with 403', async () => {
    const headers = transferHeaders();
    delete headers.origin;
    const res = await send({ method: 'POST', path: '/__transfer?name=a.pdf', headers, body: Buffer.from('x') });

    expect(res.status).toBe(403);
  });

  it('answers the error view when the core refuses the file', async () => {
    await host.close();
    host = await startHttpHost({
      rendererDir: join(workDir, 'renderer'),
      receiveTransfer: async () => {
        throw new EmrError('validation', 'The file is larger than this clinic accepts.');
      },
    });
    const res = await send({ method: 'POST', path: '/__transfer?name=a.pdf', headers: transferHeaders(), body: Buffer.from('x') });

    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: { kind: 'validation', message: 'The file is larger than this clinic accepts.' } });
  });
});

describe('browser shell http host: malformed requests', () => {
  const port = () => Number(new URL(host.origin).port);
  const hostHeader = () => new URL(host.origin).host;

  // `new URL()` throws on these targets; any local process can send them.
  it.each(['//[', 'http://[::1', '//[::1/__transfer', 'http://[::1]:0/x', '*'])('answers 400 to the request target %s and keeps serving', async (target) => {
    const bad = await sendRaw(port(), rawGet(target, hostHeader()));

    expect(bad.status).toBe(400);
    const good = await sendRaw(port(), rawGet('/', hostHeader()));
    expect(good.status).toBe(200);
    expect(good.body).toContain('<title>ChartDrop</title>');
  });

  it('answers 400 to a malformed transfer target instead of reading the body', async () => {
    const bad = await sendRaw(
      port(),
      `POST //[/__transfer?name=a.pdf HTTP/1.1\r\nHost: ${hostHeader()}\r\nOrigin: ${host.origin}\r\n${PAGE_PROTOCOL.tokenHeader}: ${host.token}\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx`,
    );

    expect(bad.status).toBe(400);
    expect(received).toEqual([]);
    expect((await sendRaw(port(), rawGet('/', hostHeader()))).status).toBe(200);
  });

  it('answers 500 and a log line free of the file name when the core fails with a fault of its own, and keeps serving', async () => {
    const lines: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => lines.push(args);
    try {
      await host.close();
      host = await startHttpHost({
        rendererDir: join(workDir, 'renderer'),
        receiveTransfer: () => {
          throw new TypeError('Siobhán O’Brien scan.pdf');
        },
      });
      const res = await send({ method: 'POST', path: '/__transfer?name=O%E2%80%99Brien.pdf', headers: transferHeaders(), body: Buffer.from('x') });

      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toEqual({ error: { kind: 'internal', message: 'Unexpected TypeError in ChartDrop.' } });
      expect((await send({ path: '/' })).status).toBe(200);
      expect(lines.length).toBe(1);
      expect(JSON.stringify(lines)).not.toMatch(/Siobh|Brien|scan/);
    } finally {
      console.error = original;
    }
  });
});
