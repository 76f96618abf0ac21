import { describe, expect, it } from 'vitest';
import { inspectRefreshedIdToken } from './refresh-grant.js';

const expected = { issuer: 'https://idp.example/oidc', subject: 'user-1', clientId: 'chartdrop' };

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('inspectRefreshedIdToken', () => {
  it('finds nothing wrong with an id_token for the same user and this client', () => {
    expect(inspectRefreshedIdToken(jwt({ iss: expected.issuer, sub: 'user-1', aud: ['chartdrop', 'other'] }), expected)).toEqual({ sameUser: true, problems: [] });
  });

  it('keeps the user but names the flaw when aud is missing or names another client', () => {
    expect(inspectRefreshedIdToken(jwt({ iss: expected.issuer, sub: 'user-1' }), expected)).toEqual({ sameUser: true, problems: ['no aud'] });
    expect(inspectRefreshedIdToken(jwt({ iss: expected.issuer, sub: 'user-1', aud: 'other' }), expected)).toEqual({ sameUser: true, problems: ['aud does not name this client'] });
  });

  it('is not the same user when sub or iss differ from the sign-in', () => {
    expect(inspectRefreshedIdToken(jwt({ iss: expected.issuer, sub: 'user-2', aud: 'chartdrop' }), expected)).toEqual({ sameUser: false, problems: ['sub differs from the sign-in'] });
    expect(inspectRefreshedIdToken(jwt({ iss: 'https://elsewhere.example', sub: 'user-1', aud: 'chartdrop' }), expected)).toEqual({ sameUser: false, problems: ['iss differs from the sign-in'] });
  });

  it('reports an unreadable token without quoting it', () => {
    const result = inspectRefreshedIdToken('not-a-jwt-secret-value', expected);
    expect(result).toEqual({ sameUser: true, problems: ['not a readable JWT'] });
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('never puts claim values in its problems', () => {
    const { problems } = inspectRefreshedIdToken(jwt({ iss: 'https://elsewhere.example', sub: 'user-2', aud: 'other' }), expected);
    expect(problems.join(' ')).not.toMatch(/elsewhere|user-2|other\b/);
  });
});
