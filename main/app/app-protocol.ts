import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { RENDERER_HEADERS, contentTypeFor, resolveRendererFile } from '../launch/renderer-assets.js';
import { APP_ORIGIN } from './validate-sender.js';

const SCHEME = 'app';

/**
 * Must run before `app.whenReady()`. `standard` gives the renderer a real origin (relative URLs,
 * storage); `secure` makes it a secure context, so no http:// page can frame or script it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

function refuse(status: number): Response {
  return new Response(null, { status, headers: RENDERER_HEADERS });
}

/**
 * Serves `app://chartdrop/...` from the packaged renderer folder with the renderer CSP as a header.
 * A custom protocol rather than file:// (DESIGN.md "Windows"): file:// pages may read any local
 * file and share the `null` origin.
 */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.origin !== APP_ORIGIN) return refuse(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    const file = resolveRendererFile(rendererDir, url.pathname);
    const info = file === null ? null : await stat(file).catch(() => null);
    if (file === null || info === null || !info.isFile()) return refuse(404);
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, {
      status: response.status,
      headers: { ...RENDERER_HEADERS, 'Content-Type': contentTypeFor(file) },
    });
  });
}
