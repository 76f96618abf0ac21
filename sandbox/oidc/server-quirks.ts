import { CompactSign, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import type { KoaMiddleware } from 'oidc-provider';
import type { SigningKey } from './signing-key.js';

/** What a refresh answer carries as its id_token (OpenID Connect Core §12.2 makes one optional). */
export const REFRESH_ID_TOKENS = ['as-issued', 'without-aud', 'omitted', 'other-subject'] as const;
export type RefreshIdToken = (typeof REFRESH_ID_TOKENS)[number];

/**
 * TEST-ONLY switches, each off by default: behaviours seen on SMART authorization servers that
 * are not this sandbox (issue 10). Tests set them on `sandbox.quirks` and put them back with
 * `resetQuirks`; every request reads them afresh.
 */
export interface ServerQuirks {
  /**
   * The login of a user the server already knows (a live session, a launch setting): the
   * authorize step skips its login and consent pages and redirects straight back with a code.
   */
  autoApprove: string | undefined;
  /** How refresh answers treat the id_token. */
  refreshIdToken: RefreshIdToken;
  /** The id_token carries no `name`: only the Practitioner resource behind `fhirUser` names the user. */
  idTokenWithoutName: boolean;
  /** No `revocation_endpoint` is advertised (SMART or OpenID discovery), and none answers. */
  withoutRevocation: boolean;
}

export function defaultQuirks(): ServerQuirks {
  return { autoApprove: undefined, refreshIdToken: 'as-issued', idTokenWithoutName: false, withoutRevocation: false };
}

export function resetQuirks(quirks: ServerQuirks): void {
  Object.assign(quirks, defaultQuirks());
}

/** The login that is never a real sandbox user: an id_token for "someone else". */
const OTHER_SUBJECT = 'someone-else';

function withIdToken(body: unknown): (Record<string, unknown> & { id_token: string }) | undefined {
  return typeof body === 'object' && body !== null && typeof (body as { id_token?: unknown }).id_token === 'string'
    ? (body as Record<string, unknown> & { id_token: string })
    : undefined;
}

/** Re-signed with the provider's own key: the id_token is genuine, only its content differs. */
async function resigned(idToken: string, change: (claims: Record<string, unknown>) => void, signingKey: SigningKey): Promise<string> {
  const claims: Record<string, unknown> = { ...decodeJwt(idToken) };
  change(claims);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ ...decodeProtectedHeader(idToken), alg: 'RS256' })
    .sign(await importJWK(signingKey.privateJwk, 'RS256'));
}

async function refreshAnswer(body: Record<string, unknown> & { id_token: string }, kind: RefreshIdToken, signingKey: SigningKey): Promise<Record<string, unknown>> {
  switch (kind) {
    case 'as-issued':
      return body;
    case 'omitted': {
      const { id_token: _dropped, ...rest } = body;
      return rest;
    }
    case 'without-aud':
      return { ...body, id_token: await resigned(body.id_token, (claims) => delete claims['aud'], signingKey) };
    case 'other-subject':
      return { ...body, id_token: await resigned(body.id_token, (claims) => (claims['sub'] = OTHER_SUBJECT), signingKey) };
  }
}

/** Post-middleware on the provider for the switches that show in its own answers. */
export function serverQuirksMiddleware(quirks: ServerQuirks, signingKey: SigningKey): KoaMiddleware {
  return async (ctx, next) => {
    if (quirks.withoutRevocation && ctx.method === 'POST' && ctx.path === '/token/revocation') {
      ctx.status = 404;
      ctx.type = 'json';
      ctx.body = { error: 'not_found', error_description: 'this server does not revoke tokens' };
      return;
    }
    await next();
    if (quirks.withoutRevocation && ctx.path === '/.well-known/openid-configuration' && typeof ctx.body === 'object' && ctx.body !== null) {
      const { revocation_endpoint: _hidden, ...rest } = ctx.body as Record<string, unknown>;
      ctx.body = rest;
      return;
    }
    const body = withIdToken(ctx.body);
    if (body && ctx.method === 'POST' && ctx.path === '/token' && ctx.oidc?.params?.['grant_type'] === 'refresh_token') {
      ctx.body = await refreshAnswer(body, quirks.refreshIdToken, signingKey);
    }
  };
}
