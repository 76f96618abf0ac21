import { HTTPError, TimeoutError, type NormalizedOptions } from 'ky';
import { describe, expect, it } from 'vitest';
import { fhirErrorFrom } from './fhir-errors.js';

const request = new Request('http://127.0.0.1/fhir/R4/DocumentReference', { method: 'POST' });

function httpError(status: number, body?: unknown, headers: Record<string, string> = {}): HTTPError {
  const response = new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
  return new HTTPError(response, request, {} as NormalizedOptions);
}

const outcome = (code: string, text?: string, expression?: string) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, ...(text ? { details: { text } } : {}), ...(expression ? { expression: [expression] } : {}) }],
});

describe('FHIR error mapping', () => {
  it('names the field the server objected to', async () => {
    const error = await fhirErrorFrom(httpError(400, outcome('invalid', 'Invalid date', 'DocumentReference.date')));
    expect(error.toView()).toEqual({ kind: 'validation', message: 'The EMR refused the request. Invalid date', field: 'DocumentReference.date', status: 400 });
  });

  it('honours Retry-After on 429 and 503', async () => {
    expect((await fhirErrorFrom(httpError(429, outcome('throttled'), { 'Retry-After': '12' }))).toView()).toMatchObject({ kind: 'rate-limited', retryAfterMs: 12_000 });
    expect((await fhirErrorFrom(httpError(503, undefined, { 'Retry-After': '3' }))).toView()).toMatchObject({ kind: 'transient', retryAfterMs: 3000 });
  });

  it('maps scope/permission, duplicates, unsupported interactions and size', async () => {
    expect((await fhirErrorFrom(httpError(403))).kind).toBe('forbidden');
    expect((await fhirErrorFrom(httpError(412, outcome('multiple-matches')))).kind).toBe('conflict');
    expect((await fhirErrorFrom(httpError(405, outcome('not-supported')))).kind).toBe('unsupported');
    const tooBig = await fhirErrorFrom(httpError(413));
    expect(tooBig.toView()).toMatchObject({ kind: 'validation', message: 'The file is larger than the EMR accepts.' });
  });

  it('does not retry an answer that is not FHIR JSON', async () => {
    expect((await fhirErrorFrom(new SyntaxError('Unexpected token <'))).kind).toBe('unsupported');
  });

  it('treats timeouts and network failures as transient', async () => {
    expect((await fhirErrorFrom(new TimeoutError(request))).kind).toBe('transient');
    expect((await fhirErrorFrom(new TypeError('fetch failed'))).kind).toBe('transient');
  });
});
