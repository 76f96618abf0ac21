import ky, { type KyInstance } from 'ky';

/** Where the EMR HTTP client gets its bearer token; implemented by `AuthSession`. */
export interface TokenSource {
  accessToken(): Promise<string>;
  afterUnauthorized(rejectedToken: string): Promise<string>;
}

export interface EmrHttpOptions {
  prefixUrl: string;
  tokens: TokenSource;
  /** Per request; uploads pass `timeout: false` and rely on the outbox's stall watchdog instead. */
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/**
 * The ky instance every connector uses. The bearer token is attached at the last moment, after a
 * proactive refresh; on a 401 the token is refreshed once (single-flight, in the session) and a
 * bodiless request is replayed. A request with a body is not replayed here — its stream is spent —
 * so the 401 surfaces as `auth` and the outbox retries with the fresh token.
 */
export function createEmrHttp(options: EmrHttpOptions): KyInstance {
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

  return ky.create({
    prefixUrl: options.prefixUrl,
    fetch: authorizedFetch,
    timeout: options.timeoutMs ?? 20_000,
    // Reads may be retried once by ky (it honours Retry-After); writes are retried only by the
    // outbox, which knows how to prove a write did not land first.
    retry: { limit: 1, methods: ['get', 'head'], statusCodes: [408, 429, 502, 503, 504] },
    headers: options.headers,
  });
}
