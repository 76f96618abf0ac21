import { z } from 'zod';

/**
 * The one error taxonomy (DESIGN.md "Contracts"), in a neutral module: auth, store, the outbox and
 * the connectors all speak it, and none of them owns it. Every connector maps its server's failures onto
 * these kinds; the outbox decides retries from the kind alone and the UI words each kind.
 */
export const ERROR_KINDS = [
  'auth', // sign in again
  'forbidden', // permission or scope
  'validation', // our request is wrong: show the field
  'not-found',
  'conflict', // conflict or duplicate
  'rate-limited', // honour Retry-After
  'transient', // timeouts, 5xx, offline: retry with backoff
  'unreachable', // no answer at all: offline, DNS, refused, reset — retry with backoff
  'unsupported', // the server cannot do this
  'too-large', // the file or request is larger than this server takes: never retried unchanged
  'mismatch', // the server stored something other than what was sent: needs a person, not a retry
  'internal', // a fault in ChartDrop itself: not retried, logged without PHI
] as const;

export const ErrorKindSchema = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

/** What crosses the IPC boundary and lands in the outbox file: plain data, no stack, no PHI. */
export const ErrorViewSchema = z.object({
  kind: ErrorKindSchema,
  message: z.string(),
  field: z.string().optional(),
  retryAfterMs: z.number().int().nonnegative().optional(),
  status: z.number().int().optional(),
  /** `too-large`: the file's size and the limit it broke, so the UI can give both figures. */
  sizeBytes: z.number().int().nonnegative().optional(),
  limitBytes: z.number().int().nonnegative().optional(),
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export class EmrError extends Error {
  readonly kind: ErrorKind;
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly sizeBytes?: number;
  readonly limitBytes?: number;

  constructor(kind: ErrorKind, message: string, extra: Omit<ErrorView, 'kind' | 'message'> & { cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'EmrError';
    this.kind = kind;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.sizeBytes !== undefined) this.sizeBytes = extra.sizeBytes;
    if (extra.limitBytes !== undefined) this.limitBytes = extra.limitBytes;
  }

  toView(): ErrorView {
    return ErrorViewSchema.parse({
      kind: this.kind,
      message: this.message,
      field: this.field,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      sizeBytes: this.sizeBytes,
      limitBytes: this.limitBytes,
    });
  }
}

export function isEmrError(error: unknown): error is EmrError {
  return error instanceof EmrError;
}

/** Only these kinds are worth sending again unchanged. */
export function isRetryable(kind: ErrorKind): boolean {
  return kind === 'transient' || kind === 'unreachable' || kind === 'rate-limited';
}

/** The default status mapping; connectors refine it where their server means something else. */
export function kindFromStatus(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 405 || status === 501) return 'unsupported';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'transient';
  return 'validation';
}

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). Unparseable values are
 * ignored so the caller falls back to its own backoff.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Servers and proxies in front of them say "too large" with many statuses (413, 400, even 500):
 * the body decides, so such a request is never re-sent unchanged (issue 8: a 500 with this body
 * was retried 8 times, 2 MB each).
 */
export function bodySaysTooLarge(text: string): boolean {
  return /request entity too large|payload too large|content too large|request too large|file too large|too large for|exceeds? the (maximum|max) (upload |file )?size|maximum upload size/i.test(text);
}

/** Error codes Node's sockets and DNS give when no answer came back at all. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** True for a failure of the network itself (no answer), as opposed to a fault in our own code. */
export function isNetworkFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    // fetch (undici) wraps every network failure in this TypeError.
    if (current.name === 'TypeError' && current.message === 'fetch failed') return true;
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
  }
  return false;
}

/**
 * Anything thrown anywhere becomes a view. A network failure is `unreachable`; anything else that
 * is not an `EmrError` is a fault in ChartDrop (`internal`): retrying it would fail the same way,
 * and its text may hold PHI, so only its type is kept.
 */
export function toErrorView(error: unknown): ErrorView {
  if (isEmrError(error)) return error.toView();
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { kind: 'transient', message: 'The server took too long to answer.' };
  }
  if (isNetworkFailure(error)) return { kind: 'unreachable', message: 'No answer from the server.' };
  const type = error instanceof Error ? error.name : typeof error;
  return { kind: 'internal', message: `Unexpected ${type} in ChartDrop.` };
}
