import ky, { type AfterResponseHook, type BeforeRequestHook, type KyInstance } from 'ky';
import { bearer, bearerToken, type TokenSource } from './bearer.js';
import { applyDefaultHeaders, resolveDefaults, withDefaultParams, type RequestDefaultsSource } from './request-defaults.js';

export interface JsonClientOptions {
  prefixUrl: string;
  tokens: TokenSource;
  defaults?: RequestDefaultsSource;
  timeoutMs: number;
}

/**
 * JSON calls through ky. The defaults and the token are attached in `beforeRequest`, so ky's own
 * retries get them too; a 401 refreshes the token once and replays the request once, through an
 * instance without these hooks, so a second 401 is the answer rather than a loop.
 */
export function createJsonClient(options: JsonClientOptions): KyInstance {
  // ky keeps an unread clone of each request (to retry it), so a JSON body can be replayed.
  const replay = ky.create({ timeout: options.timeoutMs, retry: 0, throwHttpErrors: false });

  // One hook: ky stops running beforeRequest hooks at the first that returns a Request.
  const prepare: BeforeRequestHook = async (request) => {
    const defaults = await resolveDefaults(options.defaults);
    const url = new URL(request.url);
    const target = withDefaultParams(url, defaults);
    const prepared = target === url ? request : new Request(target, request);
    applyDefaultHeaders(prepared.headers, defaults);
    prepared.headers.set('Authorization', bearer(await options.tokens.accessToken()));
    return prepared;
  };

  const refreshOnce: AfterResponseHook = async (request, _options, response) => {
    // The hook is handed a clone (a tee of the body): left unread, it would hold every byte the
    // caller streams (a whole Binary read back). Not awaited: a tee branch's cancel settles only
    // once the other branch is done too.
    void response.body?.cancel().catch(() => undefined);
    if (response.status !== 401) return undefined;
    const fresh = await options.tokens.afterUnauthorized(bearerToken(request.headers));
    request.headers.set('Authorization', bearer(fresh));
    return replay(request);
  };

  return ky.create({
    prefixUrl: options.prefixUrl,
    timeout: options.timeoutMs,
    // Writes are retried only by the outbox, which knows how to prove a write did not land first.
    retry: { limit: 1, methods: ['get', 'head'], statusCodes: [408, 429, 502, 503, 504] },
    hooks: { beforeRequest: [prepare], afterResponse: [refreshOnce] },
  });
}
