import { describe, expect, it } from 'vitest';
import { EmrError, isRetryable, kindFromStatus, parseRetryAfter, toErrorView } from './errors.js';

describe('error taxonomy', () => {
  it('maps statuses onto kinds', () => {
    expect([401, 403, 404, 405, 409, 412, 413, 429, 500, 503, 400, 422].map(kindFromStatus)).toEqual([
      'auth', 'forbidden', 'not-found', 'unsupported', 'conflict', 'conflict', 'too-large', 'rate-limited', 'transient', 'transient', 'validation', 'validation',
    ]);
  });

  it('retries only transient and rate-limited failures', () => {
    expect(isRetryable('transient')).toBe(true);
    expect(isRetryable('rate-limited')).toBe(true);
    expect(isRetryable('validation')).toBe(false);
    expect(isRetryable('auth')).toBe(false);
    expect(isRetryable('unreachable')).toBe(true);
    for (const kind of ['too-large', 'mismatch', 'internal'] as const) expect(isRetryable(kind)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('reports network failures as unreachable and anything else as internal, never with their text', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1 patient Jane Doe'), { code: 'ECONNREFUSED' });
    expect(toErrorView(refused)).toEqual({ kind: 'unreachable', message: 'No answer from the server.' });
    expect(toErrorView(new TypeError('fetch failed', { cause: refused }))).toMatchObject({ kind: 'unreachable' });
    expect(toErrorView(new Error('patient Jane Doe'))).toEqual({ kind: 'internal', message: 'Unexpected Error in ChartDrop.' });
    expect(toErrorView('oops')).toEqual({ kind: 'internal', message: 'Unexpected string in ChartDrop.' });
    expect(toErrorView(new EmrError('forbidden', 'No'))).toEqual({ kind: 'forbidden', message: 'No' });
  });
});
