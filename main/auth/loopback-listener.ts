import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmrError } from '../shared/errors.js';
import { guardRequestHandler, requestUrl } from '../shared/http-request.js';
import { renderSignInPage } from './sign-in-page.js';

/** The outcome the user sees in the browser tab once the app has used (or refused) the callback. */
export type CallbackOutcome = { ok: true } | { ok: false; message: string };

export interface ReceivedCallback {
  /** The full callback URL, as openid-client wants it for its own state/iss checks. */
  url: URL;
  /** Finish the browser's request: redirect it to the no-store result page, then close. */
  respond(outcome: CallbackOutcome): void;
}

export interface LoopbackOptions {
  /** The profile's fixed redirect path (`/chartdrop/callback`). */
  path: string;
  /** 0 = ephemeral; a fixed port for servers that match the registered URI exactly. */
  port: number;
}

const DONE_SUFFIX = '/done';
/** The result page's query parameter carrying the per-attempt nonce. */
const NONCE_PARAM = 'n';
/** After the result page has been served (or not fetched), the port is released after this long. */
const LINGER_MS = 10_000;

/**
 * RFC 8252 loopback redirect receiver. Binds the literal 127.0.0.1 (servers ignore the port
 * only for IP literals, §7.3; `localhost` may resolve elsewhere, §8.3) and accepts exactly one
 * callback carrying the expected `state`. Anything else — another path, a missing or wrong
 * `state`, a Host other than the redirect URI's, a malformed request — is refused without ending
 * the wait, so a stray or forged request cannot cancel a genuine sign-in. The result page answers
 * only the redirect that carries its per-attempt nonce: any web page can send a blind GET here,
 * but none can learn the nonce.
 */
export class LoopbackListener {
  readonly redirectUri: string;
  readonly #server: Server;
  readonly #path: string;
  readonly #origin: string;
  /** Browsers omit the port from Host for port 80 (RFC 9110 §7.2). */
  readonly #expectedHosts: ReadonlySet<string>;
  readonly #resultNonce = randomBytes(24).toString('base64url');
  #expectedState: string | undefined;
  #pending: ((callback: ReceivedCallback) => void) | undefined;
  #abandon: (() => void) | undefined;
  #accepted = false;
  #result: CallbackOutcome | undefined;
  #closed = false;

  private constructor(server: Server, path: string) {
    this.#server = server;
    this.#path = path;
    const { port } = server.address() as AddressInfo;
    this.#origin = `http://127.0.0.1:${port}`;
    this.#expectedHosts = new Set(port === 80 ? ['127.0.0.1:80', '127.0.0.1'] : [`127.0.0.1:${port}`]);
    this.redirectUri = `${this.#origin}${path}`;
    server.on('request', guardRequestHandler('ChartDrop sign-in listener', (req, res) => this.#handle(req, res)));
  }

  static async open(options: LoopbackOptions): Promise<LoopbackListener> {
    const server = createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new EmrError(
                'validation',
                `Port ${options.port} on this computer is used by another program, so sign-in cannot receive its answer. Close that program or ask IT to change the clinic profile's redirect port.`,
                { field: 'redirect.port' },
              )
            : error,
        );
      });
      server.listen({ host: '127.0.0.1', port: options.port, exclusive: true }, resolve);
    });
    return new LoopbackListener(server, options.path);
  }

  /**
   * Waits for the one genuine callback. Rejects with `auth` on timeout, when the user cancels and
   * when the listener is closed first; in every case the port is released.
   */
  waitForCallback(expectedState: string, timeoutMs: number, signal?: AbortSignal): Promise<ReceivedCallback> {
    this.#expectedState = expectedState;
    return new Promise<ReceivedCallback>((resolve, reject) => {
      const settle = (outcome: { callback: ReceivedCallback } | { error: EmrError }) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending = undefined;
        this.#abandon = undefined;
        if ('callback' in outcome) return resolve(outcome.callback);
        void this.close();
        reject(outcome.error);
      };
      const timer = setTimeout(
        () => settle({ error: new EmrError('auth', 'Sign-in took too long and was stopped. Click Sign in to try again.') }),
        timeoutMs,
      );
      const onAbort = () => settle({ error: new EmrError('auth', 'Sign-in was cancelled.') });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#abandon = onAbort;
      this.#pending = (callback) => settle({ callback });
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // A wait nobody can answer any more ends now rather than at its timeout.
    this.#abandon?.();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    // DNS rebinding and requests not meant for this listener name another host.
    const url = this.#expectedHosts.has(req.headers.host ?? '') ? requestUrl(req.url, this.#origin) : null;
    if (url === null) return send(res, 400, renderSignInPage('refused', 'This address only answers sign-in redirects.'));
    if (req.method !== 'GET') return send(res, 405, renderSignInPage('refused', 'This address only answers sign-in redirects.'));
    if (url.pathname === this.#path + DONE_SUFFIX) return this.#serveResult(url, res);
    if (url.pathname !== this.#path) return send(res, 404, renderSignInPage('refused', 'Nothing here.'));
    if (this.#accepted) {
      return send(res, 409, renderSignInPage('refused', 'ChartDrop has already finished this sign-in. You can close this tab.'));
    }
    const state = url.searchParams.get('state');
    if (!this.#pending || !this.#expectedState || state !== this.#expectedState) {
      return send(res, 400, renderSignInPage('refused', 'This sign-in answer is not the one ChartDrop is waiting for. Start the sign-in again from ChartDrop.'));
    }
    this.#accepted = true;
    this.#pending({
      url,
      respond: (outcome) => {
        if (this.#result) return;
        this.#result = outcome;
        const location = `${this.#path}${DONE_SUFFIX}?${NONCE_PARAM}=${this.#resultNonce}`;
        res.writeHead(303, { Location: location, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).end();
        setTimeout(() => void this.close(), LINGER_MS).unref();
      },
    });
  }

  #serveResult(url: URL, res: ServerResponse): void {
    if (!this.#result || !sameSecret(this.#resultNonce, url.searchParams.get(NONCE_PARAM))) {
      return send(res, 404, renderSignInPage('refused', 'Nothing here.'));
    }
    const page = this.#result.ok
      ? renderSignInPage('done', 'You are signed in to ChartDrop. You can close this tab.')
      : renderSignInPage('failed', this.#result.message);
    send(res, 200, page);
    void this.close();
  }
}

function sameSecret(expected: string, presented: string | null): boolean {
  if (presented === null) return false;
  const [want, got] = [Buffer.from(expected), Buffer.from(presented)];
  return want.length === got.length && timingSafeEqual(want, got);
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Referrer-Policy': 'no-referrer',
  });
  res.end(html);
}
