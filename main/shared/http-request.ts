import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The URL a request names on `origin`, or null when its target is not one a browser sends to it.
 * `new URL(target, base)` throws on targets such as `//[` or `http://[::1`, and reads `//x/…` as
 * another host; any local process can send those, so they are a 400, never an exception.
 */
export function requestUrl(target: string | undefined, origin: string): URL | null {
  if (target === undefined) return null;
  try {
    // Origin-form (RFC 9112 §3.2.1). A path whose first segment is empty is nothing these servers
    // serve, and it is the shape a URL parser takes for a host: refused rather than guessed.
    if (target.startsWith('/')) return target.startsWith('//') ? null : new URL(origin + target);
    // Absolute-form is valid HTTP, but only for this very origin.
    const absolute = new URL(target);
    return absolute.origin === origin ? absolute : null;
  } catch {
    return null;
  }
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * A request handler that cannot take its server down: whatever it throws or rejects with is
 * answered 500 (or the connection dropped, if the answer had begun) and logged by server name and
 * error class only, since messages carry file names and URLs, which are PHI here.
 */
export function guardRequestHandler(server: string, handler: RequestHandler, log: (line: string) => void = console.error): RequestHandler {
  const fail = (res: ServerResponse, error: unknown) => {
    const kind = error instanceof Error ? error.name : typeof error;
    const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
    log(`${server}: a request failed (${kind}${code}); it was answered 500.`);
    try {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'close' });
      res.end('500\n');
    } catch {
      res.destroy();
    }
  };
  return (req, res) => {
    try {
      const pending = handler(req, res);
      if (pending) pending.catch((error: unknown) => fail(res, error));
    } catch (error) {
      fail(res, error);
    }
  };
}
