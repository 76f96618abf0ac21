import type { Readable } from 'node:stream';
import ky, { type KyInstance } from 'ky';
import { streamRequest } from './stream-request.js';

/** Where the EMR HTTP client gets its bearer token; implemented by `AuthSession`. */
export interface TokenSource {
  accessToken(): Promise<string>;
  afterUnauthorized(rejectedToken: string): Promise<string>;
}

export interface EmrHttpOptions {
  prefixUrl: string;
  tokens: TokenSource;
  /** Per JSON request; streamed uploads have no overall timeout and rely on the outbox's stall watchdog. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** A non-2xx answer to a streamed upload; the connector's error mapping reads `response`. */
export class HttpStatusError extends Error {
  readonly response: Response;

  constructor(response: Response) {
    super(`HTTP ${response.status}`);
    this.name = 'HttpStatusError';
    this.response = response;
  }
}

export interface EmrHttp {
  /** JSON calls: timeouts, one retry for reads (honouring Retry-After), errors thrown as ky's HTTPError. */
  api: KyInstance;
  /**
   * A body streamed from disk, sent with node:http rather than ky or fetch: ky clones every
   * request to be able to retry it, and both that clone and fetch itself buffer a streamed body
   * (1 GB in, 1 GB of memory). The token is attached and a 401 refreshes it, as for `api`.
   */
  sendStream(path: string, init: { method: 'POST' | 'PUT'; body: Readable; headers: Record<string, string>; signal?: AbortSignal }): Promise<Response>;
}

/**
 * Every connector's HTTP: the bearer token is attached at the last moment, after a proactive
 * refresh; on a 401 the token is refreshed once (single-flight, in the session) and a bodiless
 * request is replayed. A request with a body is not replayed — its stream is spent — so the 401
 * surfaces as `auth` and the outbox retries with the fresh token.
 */
export function createEmrHttp(options: EmrHttpOptions): EmrHttp {
  const authorizedFetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const token = await options.tokens.accessToken();
    request.headers.set('Authorization', `Bearer ${token}`);
    const replay = request.body === null ? request.clone() : undefined;
    const response = await fetch(request);
    if (response.status !== 401) return response;
    const fresh = await options.tokens.afterUnauthorized(token);
    if (!replay) return response;
    await response.body?.cancel();
    replay.headers.set('Authorization', `Bearer ${fresh}`);
    return fetch(replay);
  };

  const base = options.prefixUrl.replace(/\/+$/, '');
  return {
    api: ky.create({
      prefixUrl: options.prefixUrl,
      fetch: authorizedFetch,
      timeout: options.timeoutMs ?? 20_000,
      // Writes are retried only by the outbox, which knows how to prove a write did not land first.
      retry: { limit: 1, methods: ['get', 'head'], statusCodes: [408, 429, 502, 503, 504] },
      headers: options.headers,
    }),
    async sendStream(path, init) {
      const token = await options.tokens.accessToken();
      const response = await streamRequest(new URL(`${base}/${path}`), {
        ...init,
        headers: { ...options.headers, ...init.headers, Authorization: `Bearer ${token}` },
      });
      // The body is spent: refresh now so the outbox's next attempt carries a fresh token.
      if (response.status === 401) await options.tokens.afterUnauthorized(token);
      if (!response.ok) throw new HttpStatusError(response);
      return response;
    },
  };
}
