import { describe, expect, it } from 'vitest';
import { errorViewFrom } from './errorView';

describe('errorViewFrom', () => {
  it('reads the view the preload attaches to its Error', () => {
    const view = { kind: 'rate-limited', message: 'Slow down', retryAfterMs: 3000 } as const;
    expect(errorViewFrom(Object.assign(new Error(view.message), { view }))).toEqual(view);
  });

  it('accepts a plain view', () => {
    expect(errorViewFrom({ kind: 'auth', message: 'expired', field: 'token', status: 401 })).toEqual({
      kind: 'auth',
      message: 'expired',
      field: 'token',
      status: 401,
    });
  });

  it('treats anything else as a fault inside ChartDrop (not network trouble), keeping its message', () => {
    expect(errorViewFrom(new Error('bridge down'))).toEqual({ kind: 'internal', message: 'bridge down' });
    expect(errorViewFrom({ kind: 'exploded', message: 'x' })).toEqual({ kind: 'internal', message: '[object Object]' });
  });
});
