import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  /** Private JWK handed to oidc-provider as its `jwks`. */
  privateJwk: JWK;
  /** The matching public key, used by the FHIR server to verify access tokens. */
  publicKey: CryptoKey;
}

/** A fresh RS256 key per sandbox: tokens from one run never verify against another. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return { privateJwk: { ...privateJwk, kid: `sandbox-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' }, publicKey };
}
