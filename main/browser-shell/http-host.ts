import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { guardRequestHandler, requestUrl } from '../shared/http-request.js';
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

  const handle = (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (req.headers.host !== expectedHost || gate === undefined) {
      req.resume();
      answer(res, 403);
      return Promise.resolve();
    }
    const url = requestUrl(req.url, gate.appOrigin);
    if (url === null) {
      req.resume();
      answer(res, 400, { Connection: 'close' });
      return Promise.resolve();
    }
    return url.pathname === PAGE_PROTOCOL.transferPath ? handleTransfer(gate, url, req, res) : serveRendererFile(options.rendererDir, url, req, res);
  };
  const server = createServer(guardRequestHandler('ChartDrop app host', handle));

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
