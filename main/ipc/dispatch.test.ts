import { describe, expect, it } from 'vitest';
import { EmrError } from '../shared/errors.js';
import { dispatch, type Handlers } from './dispatch.js';

const patient = { id: 'p1', displayName: 'Tremblay, Amélie', familyName: 'Tremblay', givenNames: 'Amélie', identifiers: [{ label: 'MRN', value: 'MRN-1' }] };

function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => target[key as keyof Handlers] ?? (async () => { throw new Error(`unexpected call ${key}`); }),
  });
}

describe('dispatch', () => {
  it('refuses a channel that is not in the contract', async () => {
    const result = await dispatch(handlersWith({}), 'fs:readFile', { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: { kind: 'unsupported', message: 'Unknown request.' } });
  });

  it('rejects input that fails the channel schema and names the field', async () => {
    const result = await dispatch(handlersWith({}), 'patients:select', { patientId: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('validation');
      expect(result.error.field).toBe('patientId');
    }
  });

  it('refuses an empty patient search before it reaches the EMR', async () => {
    const result = await dispatch(handlersWith({}), 'patients:search', {});
    expect(result.ok).toBe(false);
  });

  it('strips anything the output schema does not declare, so secrets cannot leak to the renderer', async () => {
    const leaky = { ...patient, accessToken: 'secret-token', path: '/home/x/scan.pdf' };
    const result = await dispatch(handlersWith({ 'patients:select': async () => leaky }), 'patients:select', { patientId: 'p1' });
    expect(result).toEqual({ ok: true, value: patient });
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('turns a thrown EmrError into its view', async () => {
    const handlers = handlersWith({
      'documents:list': async () => {
        throw new EmrError('rate-limited', 'Busy', { retryAfterMs: 3000, status: 429 });
      },
    });
    const result = await dispatch(handlers, 'documents:list', { patientId: 'p1' });
    expect(result).toEqual({ ok: false, error: { kind: 'rate-limited', message: 'Busy', retryAfterMs: 3000, status: 429 } });
  });
});
