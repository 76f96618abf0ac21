import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileIntake } from '../outbox/file-intake.js';
import { PAGE_PROTOCOL } from './page-protocol.js';
import { handleTransfer, type TransferGate } from './transfer-endpoint.js';

const LIMIT = 200 * 1024 * 1024;
let dir: string;
let server: Server;
let origin: string;
let bytesRead: number;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'transfer-endpoint-'));
  const intake = new FileIntake(dir);
  await intake.start();
  bytesRead = 0;
  server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => {
      bytesRead += chunk.length;
    });
    const gate: TransferGate = { token: 'token', appOrigin: origin, receive: (body) => intake.receiveTransfer(body, LIMIT) };
    void handleTransfer(gate, new URL(req.url ?? '/', origin), req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('the transfer endpoint', () => {
  it('answers a body declared over the limit with 413 and both figures before it arrives, and closes', async () => {
    const declared = 300 * 1024 * 1024;
    const answer = await new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const req = request(`${origin}/__transfer?name=scan.pdf`, {
        method: 'POST',
        headers: { origin, [PAGE_PROTOCOL.tokenHeader]: 'token', 'content-length': String(declared) },
      });
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      });
      req.on('error', reject);
      // Only the first megabyte is ever sent: the answer must not wait for the other 299.
      req.write(Buffer.alloc(1024 * 1024));
    });
    expect(answer.status).toBe(413);
    expect(answer.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { kind: 'too-large', sizeBytes: declared, limitBytes: LIMIT } });
    expect(bytesRead).toBeLessThan(declared);
  });
});
