import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawGet, sendRaw } from '../../tests/support/raw-http.js';
import { guardRequestHandler, requestUrl, type RequestHandler } from './http-request.js';

const ORIGIN = 'http://127.0.0.1:4100';

describe('requestUrl', () => {
  it.each(['//[', 'http://[::1', '//evil.example/index.html', '*', 'example.com:443', ''])('has no URL for the target %j', (target) => {
    expect(requestUrl(target, ORIGIN)).toBeNull();
  });

  it('reads an origin-form target as a path and query on this origin', () => {
    const url = requestUrl('/assets/app.js?v=1', ORIGIN);

    expect([url?.origin, url?.pathname, url?.searchParams.get('v')]).toEqual([ORIGIN, '/assets/app.js', '1']);
  });

  it('takes the absolute form for this origin only', () => {
    expect(requestUrl(`${ORIGIN}/a?b=c`, ORIGIN)?.searchParams.get('b')).toBe('c');
    expect(requestUrl('http://127.0.0.1:4101/a', ORIGIN)).toBeNull();
  });
});

describe('guardRequestHandler', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function serve(handler: RequestHandler, log: (line: string) => void): Promise<number> {
    server = createServer(guardRequestHandler('test server', handler, log));
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  it.each([
    ['throws', (): void => {
      throw new TypeError('O’Brien, Siobhán');
    }],
    ['rejects', async (): Promise<void> => {
      throw Object.assign(new Error('/home/clinic/O’Brien.pdf'), { code: 'ENOENT' });
    }],
  ])('answers 500 when the handler %s, logs no message, and the server keeps answering', async (_how, failing) => {
    const lines: string[] = [];
    let calls = 0;
    const port = await serve((req, res) => {
      calls += 1;
      if (calls === 1) return failing();
      res.end('fine');
    }, (line) => lines.push(line));

    expect((await sendRaw(port, rawGet('/', `127.0.0.1:${port}`))).status).toBe(500);
    const next = await sendRaw(port, rawGet('/', `127.0.0.1:${port}`));
    expect([next.status, next.body]).toEqual([200, 'fine']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^test server: a request failed \((TypeError|Error ENOENT)\)/);
    expect(lines[0]).not.toMatch(/Brien|Siobh|clinic/);
  });

  it('drops the connection when the handler fails after its answer began', async () => {
    const port = await serve(async (_req, res) => {
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('part');
      throw new Error('midway');
    }, () => undefined);

    const answer = await sendRaw(port, rawGet('/', `127.0.0.1:${port}`));
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('part');
  });
});
