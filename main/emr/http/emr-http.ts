import type { KyInstance } from 'ky';
import type { TokenSource } from './bearer.js';
import { createJsonClient } from './json-client.js';
import type { RequestDefaultsSource } from './request-defaults.js';
import { createStreamSender, type StreamSender } from './stream-sender.js';

export interface EmrHttpOptions {
  prefixUrl: string;
  tokens: TokenSource;
  /** Query parameters and headers on every call, JSON and streamed alike (Accuro's `uuid` and subscription key). */
  defaults?: RequestDefaultsSource;
  /** Per JSON request; streamed uploads have no overall timeout and rely on the outbox's stall watchdog. */
  timeoutMs?: number;
}

/**
 * Every connector's HTTP. Both halves attach the bearer token at the last moment (after the
 * session's proactive refresh) and the connector's defaults, and on a 401 refresh the token once
 * (single-flight, in the session) and send the request once more.
 */
export interface EmrHttp {
  /** JSON calls: timeouts, one retry for reads (honouring Retry-After), errors thrown as ky's HTTPError. */
  api: KyInstance;
  /** One upload streamed from disk with backpressure: a file as the body, or a multipart form with its Content-Length. */
  sendStream: StreamSender;
}

export function createEmrHttp(options: EmrHttpOptions): EmrHttp {
  const shared = { prefixUrl: options.prefixUrl, tokens: options.tokens, ...(options.defaults ? { defaults: options.defaults } : {}) };
  return {
    api: createJsonClient({ ...shared, timeoutMs: options.timeoutMs ?? 20_000 }),
    sendStream: createStreamSender(shared),
  };
}
