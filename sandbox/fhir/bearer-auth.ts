import { errors as joseErrors, jwtVerify, type CryptoKey } from 'jose';

export interface AccessGrant {
  subject: string;
  clientId: string;
  scopes: string[];
}

export type BearerCheck = { ok: true; grant: AccessGrant } | { ok: false; description: string };

/**
 * Verifies the provider's JWT access tokens the way a resource server must: signature,
 * issuer, audience = this FHIR base, expiry (shared/api/fhir.md §8.2).
 */
export function createBearerVerifier(options: { issuer: string; audience: string; publicKey: CryptoKey }) {
  return async function verifyBearer(authorization: string | undefined): Promise<BearerCheck> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) return { ok: false, description: 'Missing bearer token' };
    try {
      const { payload } = await jwtVerify(match[1], options.publicKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      const scope = typeof payload.scope === 'string' ? payload.scope : '';
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : '';
      return { ok: true, grant: { subject: payload.sub ?? '', clientId, scopes: scope.split(' ').filter(Boolean) } };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, description: 'Access token expired' };
      return { ok: false, description: 'Access token invalid' };
    }
  };
}
