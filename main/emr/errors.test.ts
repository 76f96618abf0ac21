import { describe, expect, it } from 'vitest';
import { EmrError, isRetryable, kindFromStatus, parseRetryAfter, toErrorView } from './errors.js';

describe('error taxonomy', () => {
  it('maps statuses onto kinds', () => {
    expect([401, 403, 404, 405, 409, 412, 429, 500, 503, 400, 422].map(kindFromStatus)).toEqual([
      'auth', 'forbidden', 'not-found', 'unsupported', 'conflict', 'conflict', 'rate-limited', 'transient', 'transient', 'validation', 'validation',
    ]);
  });

  it('retries only transient and rate-limited failures', () => {
    expect(isRetryable('transient')).toBe(true);
    expect(isRetryable('rate-limited')).toBe(true);
    expect(isRetryable('validation')).toBe(false);
    expect(isRetryable('auth')).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('reports unknown failures as transient without leaking their text', () => {
    expect(toErrorView(new Error('ECONNREFUSED 10.0.0.1 patient Jane Doe'))).toEqual({ kind: 'transient', message: 'Could not reach the server.' });
    expect(toErrorView(new EmrError('forbidden', 'No'))).toEqual({ kind: 'forbidden', message: 'No' });
  });
});
