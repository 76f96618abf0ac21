import { ByteCounter } from '../../shared/byte-counter.js';
import { bearer, type TokenSource } from './bearer.js';
import { HttpStatusError } from './http-status-error.js';
import { applyDefaultHeaders, resolveDefaults, withDefaultParams, type RequestDefaultsSource } from './request-defaults.js';
import { openBody, type StreamBody } from './stream-body.js';
import { streamRequest } from './stream-request.js';

export interface StreamSend {
  method: 'POST' | 'PUT';
  body: StreamBody;
  headers?: Readonly<Record<string, string>>;
  searchParams?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /** Bytes of the body sent so far, of `totalBytes` (its Content-Length); from 0 again if it is sent again. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
}

/** Resolves with a 2xx answer, its body unread; any other status is thrown as an `HttpStatusError`. */
export type StreamSender = (path: string, init: StreamSend) => Promise<Response>;

export interface StreamSenderOptions {
  prefixUrl: string;
  tokens: TokenSource;
  defaults?: RequestDefaultsSource;
}

/**
 * A body streamed from disk, sent with node:http rather than ky or fetch: ky clones every request
 * to be able to retry it, and both that clone and fetch itself buffer a streamed body (1 GB in,
 * 1 GB of memory). No overall timeout: a large file takes long, and the outbox's stall watchdog
 * aborts through `signal` when the bytes stop. A 401 refreshes the token once and sends the body
 * once more, read from disk again.
 */
export function createStreamSender(options: StreamSenderOptions): StreamSender {
  const base = options.prefixUrl.replace(/\/+$/, '');
  return async (path, init) => {
    const defaults = await resolveDefaults(options.defaults);
    const url = withDefaultParams(new URL(`${base}/${path}`), { searchParams: { ...defaults.searchParams, ...init.searchParams } });
    const send = async (token: string): Promise<Response> => {
      const body = await openBody(init.body);
      const headers = new Headers(init.headers);
      applyDefaultHeaders(headers, defaults);
      // What the body is and how long it is are the body's to say, whatever the caller passed.
      for (const [name, value] of Object.entries(body.headers)) headers.set(name, value);
      headers.set('Authorization', bearer(token));
      const { onProgress } = init;
      return streamRequest(url, {
        method: init.method,
        body: body.stream,
        ...(onProgress ? { through: [new ByteCounter((_chunk, sent) => onProgress(sent, body.length))] } : {}),
        headers: Object.fromEntries(headers),
        ...(init.signal ? { signal: init.signal } : {}),
      });
    };

    const token = await options.tokens.accessToken();
    let response = await send(token);
    if (response.status === 401) {
      const fresh = await options.tokens.afterUnauthorized(token);
      await response.body?.cancel();
      response = await send(fresh);
    }
    if (!response.ok) throw new HttpStatusError(response);
    return response;
  };
}
