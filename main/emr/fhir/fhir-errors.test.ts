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
    expect(error.toView()).toEqual({ kind: 'validation', message: 'Invalid date', field: 'DocumentReference.date', status: 400 });
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
    expect(tooBig.toView()).toMatchObject({ kind: 'too-large', status: 413 });
  });

  it('takes a body that says "too large" for too-large whatever the status, so it is not retried', async () => {
    const proxy = new HTTPError(new Response('<html><h1>413 Request Entity Too Large</h1></html>', { status: 500 }), request, {} as NormalizedOptions);
    expect((await fhirErrorFrom(proxy)).kind).toBe('too-large');
    expect((await fhirErrorFrom(httpError(400, outcome('invalid', 'Payload too large for this endpoint')))).kind).toBe('too-large');
    expect((await fhirErrorFrom(httpError(500, outcome('exception', 'Database down')))).kind).toBe('transient');
  });

  it('keeps a bare 5xx apart from no answer at all', async () => {
    expect((await fhirErrorFrom(httpError(503))).toView()).toMatchObject({ kind: 'transient', status: 503 });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect((await fhirErrorFrom(refused)).kind).toBe('unreachable');
  });

  it('calls a fault in ChartDrop itself internal, not network trouble', async () => {
    expect((await fhirErrorFrom(new RangeError('bad index'))).toView()).toEqual({ kind: 'internal', message: 'Unexpected RangeError in ChartDrop.' });
  });

  it('does not retry an answer that is not FHIR JSON', async () => {
    expect((await fhirErrorFrom(new SyntaxError('Unexpected token <'))).kind).toBe('unsupported');
  });

  it('treats timeouts as transient and network failures as unreachable', async () => {
    expect((await fhirErrorFrom(new TimeoutError(request))).kind).toBe('transient');
    expect((await fhirErrorFrom(new TypeError('fetch failed'))).kind).toBe('unreachable');
  });
});
