import { CompactSign, decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK } from 'jose';
import type { KoaMiddleware } from 'oidc-provider';
import type { SigningKey } from './signing-key.js';

/**
 * TEST-ONLY. Each kind breaks one check OpenID Connect Core §3.1.3.7 asks the client to make
 * on the id_token: the wrong `nonce`, `aud` or `iss`, an `exp` in the past, or a signature
 * made by a key the provider never published.
 */
export const ID_TOKEN_TAMPERS = ['nonce', 'aud', 'iss', 'expired', 'signature'] as const;
export type IdTokenTamper = (typeof ID_TOKEN_TAMPERS)[number];

/** Set `next` and the next token response's id_token is rewritten that way; the switch then turns itself off. */
export interface IdTokenTamperSwitch {
  next: IdTokenTamper | undefined;
}

function hasIdToken(body: unknown): body is Record<string, unknown> & { id_token: string } {
  return typeof body === 'object' && body !== null && typeof (body as { id_token?: unknown }).id_token === 'string';
}

async function tamperedIdToken(idToken: string, kind: IdTokenTamper, signingKey: SigningKey): Promise<string> {
  const claims = decodeJwt(idToken);
  const nowS = Math.floor(Date.now() / 1000);
  switch (kind) {
    case 'nonce':
      claims.nonce = 'a-nonce-the-app-never-sent';
      break;
    case 'aud':
      claims.aud = 'some-other-client';
      break;
    case 'iss':
      claims.iss = 'http://127.0.0.1:9/not-the-issuer';
      break;
    case 'expired':
      claims.iat = nowS - 7200;
      claims.exp = nowS - 3600;
      break;
    case 'signature':
      break;
  }
  // Same header (alg, kid) either way, so only the key tells a forgery apart.
  const key = kind === 'signature' ? (await generateKeyPair('RS256')).privateKey : await importJWK(signingKey.privateJwk, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ ...decodeProtectedHeader(idToken), alg: 'RS256' })
    .sign(key);
}

/** Post-middleware on the provider: rewrites the id_token of the next `/token` answer when the switch is set. */
export function idTokenTamperMiddleware(tamper: IdTokenTamperSwitch, signingKey: SigningKey): KoaMiddleware {
  return async (ctx, next) => {
    await next();
    const kind = tamper.next;
    if (kind === undefined || ctx.method !== 'POST' || ctx.path !== '/token' || !hasIdToken(ctx.body)) return;
    tamper.next = undefined;
    ctx.body = { ...ctx.body, id_token: await tamperedIdToken(ctx.body.id_token, kind, signingKey) };
  };
}
