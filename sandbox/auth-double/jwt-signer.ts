import { exportJWK, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { generateSigningKey } from '../oidc/signing-key.js';

export interface JwtSigner {
  /** RS256 JWT with `iat`/`exp` from the double's clock. */
  sign(claims: JWTPayload, ttlSeconds: number): Promise<string>;
  /** The payload when the signature and issuer hold; expiry is the caller's business. */
  verify(token: string): Promise<JWTPayload | undefined>;
  /** The public JWKS document. */
  jwks: { keys: JWK[] };
}

/** One fresh RS256 key per double, so tokens from one run never verify against another. */
export async function createJwtSigner(issuer: string, now: () => number): Promise<JwtSigner> {
  const { privateJwk, publicKey } = await generateSigningKey();
  const privateKey = await importJWK(privateJwk, 'RS256');
  const publicJwk = { ...(await exportJWK(publicKey)), kid: privateJwk.kid, alg: 'RS256', use: 'sig' };
  return {
    async sign(claims, ttlSeconds) {
      const iat = Math.floor(now() / 1000);
      return new SignJWT({ ...claims, iss: issuer, iat, exp: iat + ttlSeconds })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid ?? 'double', typ: 'JWT' })
        .sign(privateKey);
    },
    async verify(token) {
      try {
        return (await jwtVerify(token, publicKey, { issuer, currentDate: new Date(now()), clockTolerance: Number.MAX_SAFE_INTEGER })).payload;
      } catch {
        return undefined;
      }
    },
    jwks: { keys: [publicJwk] },
  };
}
