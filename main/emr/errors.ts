import { z } from 'zod';

/**
 * The one error taxonomy (DESIGN.md "Contracts"). Every connector maps its server's failures onto
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
  'unsupported', // the server cannot do this
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
});
export type ErrorView = z.infer<typeof ErrorViewSchema>;

export class EmrError extends Error {
  readonly kind: ErrorKind;
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(kind: ErrorKind, message: string, extra: Omit<ErrorView, 'kind' | 'message'> & { cause?: unknown } = {}) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'EmrError';
    this.kind = kind;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.retryAfterMs !== undefined) this.retryAfterMs = extra.retryAfterMs;
    if (extra.status !== undefined) this.status = extra.status;
  }

  toView(): ErrorView {
    return ErrorViewSchema.parse({
      kind: this.kind,
      message: this.message,
      field: this.field,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
    });
  }
}

export function isEmrError(error: unknown): error is EmrError {
  return error instanceof EmrError;
}

/** Only these kinds are worth sending again unchanged. */
export function isRetryable(kind: ErrorKind): boolean {
  return kind === 'transient' || kind === 'rate-limited';
}

/** The default status mapping; connectors refine it where their server means something else. */
export function kindFromStatus(status: number): ErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 405 || status === 501) return 'unsupported';
  if (status === 409 || status === 412) return 'conflict';
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

/** Anything thrown anywhere becomes a view; unknown failures are reported as transient network trouble. */
export function toErrorView(error: unknown): ErrorView {
  if (isEmrError(error)) return error.toView();
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return { kind: 'transient', message: 'The server took too long to answer.' };
  }
  return { kind: 'transient', message: 'Could not reach the server.' };
}
