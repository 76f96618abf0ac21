import { describe, expect, it } from 'vitest';
import { scopeAllows, smartScopes } from './smart-scopes.js';

describe('SMART scopes', () => {
  it('asks for v2 scopes when the server offers permission-v2, else v1, and never launch', () => {
    expect(smartScopes(['permission-v2', 'launch-standalone'])).toContain('user/DocumentReference.crs');
    expect(smartScopes(['permission-v1'])).toContain('user/DocumentReference.write');
    expect(smartScopes(['permission-v2'])).not.toMatch(/\blaunch\b/);
    expect(smartScopes(['permission-v2'], ' user/*.cruds ')).toBe('user/*.cruds');
  });

  it('reads v1, v2 and wildcard grants', () => {
    expect(scopeAllows('user/DocumentReference.crs', 'DocumentReference', 'c')).toBe(true);
    expect(scopeAllows('user/DocumentReference.rs', 'DocumentReference', 'c')).toBe(false);
    expect(scopeAllows('user/DocumentReference.write', 'DocumentReference', 'c')).toBe(true);
    expect(scopeAllows('user/DocumentReference.read', 'DocumentReference', 'c')).toBe(false);
    expect(scopeAllows('user/*.*', 'Binary', 'c')).toBe(true);
    expect(scopeAllows('patient/Patient.rs openid', 'Binary', 'c')).toBe(false);
  });
});
