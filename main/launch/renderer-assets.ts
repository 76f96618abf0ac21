import { extname, isAbsolute, relative, resolve } from 'node:path';

/**
 * How both shells serve the built renderer (`out/renderer`): the same CSP, headers and path
 * checks for Electron's `app://` protocol and the browser shell's http server.
 */

/**
 * DESIGN.md "Windows": the renderer fetches only its own assets and never talks to the network;
 * pdf.js needs wasm (`'wasm-unsafe-eval'`) and blob: workers. Sent as a header as well as the
 * page's meta tag, because a header also covers responses that are not the page (workers).
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; img-src 'self' blob: data:; connect-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const RENDERER_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  // The browser must not guess a type: an asset served as text must never run as script.
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  // WebAssembly.instantiateStreaming refuses any other type (pdf.js decoders).
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL pathname to a file inside `root`, or null when it would leave it. `/` is the index.
 * Encoded separators and dot segments are decoded first, so `%2e%2e%2f` cannot slip past.
 */
export function resolveRendererFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = resolve(root, wanted);
  const inside = relative(resolve(root), file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}
