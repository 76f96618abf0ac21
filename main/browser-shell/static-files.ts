import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor, RENDERER_HEADERS, resolveRendererFile } from '../launch/renderer-assets.js';

/**
 * Serves the built renderer read-only: GET/HEAD of regular files under `root`, with the same CSP
 * as Electron's app:// handler. No directory listing and no way out of `root`.
 */
export async function serveRendererFile(root: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    answer(res, 405, { Allow: 'GET, HEAD' });
    return;
  }
  const file = resolveRendererFile(root, url.pathname);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || info === null || !info.isFile()) {
    answer(res, 404);
    return;
  }
  res.writeHead(200, { ...RENDERER_HEADERS, 'Content-Type': contentTypeFor(file), 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...RENDERER_HEADERS, ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${status}\n`);
}
