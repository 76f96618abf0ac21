import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * A double's own HTTP server on 127.0.0.1 (never reachable from the network), port 0 unless
 * given. Started before its routes exist, because the routes need the origin.
 */
export async function listenOnLoopback(port = 0): Promise<LoopbackServer & { serve(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, log: (line: string) => void): void }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  return {
    origin,
    serve(handler, log) {
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        handler(req, res).catch((error: unknown) => {
          log(`${req.method ?? 'GET'} ${(req.url ?? '/').split('?', 1)[0]} failed: ${error instanceof Error ? error.message : String(error)}`);
          if (res.headersSent) res.destroy();
          else {
            res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
            res.end('Internal error\n');
          }
        });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
    },
  };
}
