import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { presentedClient } from '../auth-double/http-io.js';
import type { JwtSigner } from '../auth-double/jwt-signer.js';
import { verifierMatchesS256 } from '../auth-double/pkce.js';
import { findUserByLogin } from '../users.js';
import type { AccuroGrants } from './accuro-grants.js';
import { authenticateClient, type OktaClient } from './okta-clients.js';

/** A refusal; the QHR front and Okta each word it their own way. */
export class TokenRefusal extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly oauthError: string,
  ) {
    super(oauthError);
  }
}

export interface TokenGrantContext {
  clients: ReadonlyArray<OktaClient>;
  grants: AccuroGrants;
  signer: JwtSigner;
  accessTokenTtlSeconds: number;
  /** The clinic the QHR token API resolved from `?tenant=`; undefined when Okta is called directly. */
  tenant: string | undefined;
}

export interface TokenCall {
  grantType: string;
  clientAuth: 'basic' | 'body';
  tenant?: string;
}

const ID_TOKEN_TTL_SECONDS = 3600;

/**
 * The grants behind `/v1/token` (shared/api/accuro.md §2.1, §7 item 1): the code exchange with
 * PKCE S256 and the authorize-time `redirect_uri`, and one-time refresh tokens.
 */
export async function grantTokens(req: IncomingMessage, form: URLSearchParams, context: TokenGrantContext, record: (call: TokenCall) => void): Promise<Record<string, unknown>> {
  const presented = presentedClient(req, form);
  record({ grantType: form.get('grant_type') ?? '', clientAuth: presented.via, ...(context.tenant === undefined ? {} : { tenant: context.tenant }) });
  const client = authenticateClient(context.clients, presented);
  if (!client) throw new TokenRefusal(401, 'invalid_client');
  if (form.get('grant_type') === 'authorization_code') {
    const code = context.grants.takeCode(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    if (!code || code.clientId !== client.clientId || code.redirectUri !== form.get('redirect_uri') || !verifierMatchesS256(verifier, code.codeChallenge)) {
      throw new TokenRefusal(400, 'invalid_grant');
    }
    if (context.tenant !== undefined && code.tenant !== undefined && code.tenant !== context.tenant) throw new TokenRefusal(400, 'invalid_grant');
    return issue(client, code.login, code.scopes, context.tenant ?? code.tenant, code.nonce, context);
  }
  if (form.get('grant_type') === 'refresh_token') {
    const grant = context.grants.takeRefreshToken(form.get('refresh_token') ?? '');
    if (!grant || grant.clientId !== client.clientId || (context.tenant !== undefined && grant.tenant !== undefined && grant.tenant !== context.tenant)) {
      throw new TokenRefusal(400, 'invalid_grant');
    }
    return issue(client, grant.login, grant.scopes, grant.tenant, undefined, context);
  }
  throw new TokenRefusal(400, 'unsupported_grant_type');
}

async function issue(client: OktaClient, login: string, scopes: string[], tenant: string | undefined, nonce: string | undefined, context: TokenGrantContext): Promise<Record<string, unknown>> {
  const user = findUserByLogin(login);
  const sub = `${login}@clinic.example`;
  // The claims the Accuro API reads (§2.1 "How the API reads an Okta token"); `requested_acron`
  // carries the `ACRON-` prefix the API strips.
  const accessToken = await context.signer.sign(
    {
      ver: 1,
      jti: `AT.${randomBytes(16).toString('base64url')}`,
      aud: 'api://default',
      cid: client.clientId,
      sub,
      scp: scopes,
      squid: `squid-${login}`,
      ...(tenant === undefined ? {} : { requested_acron: `ACRON-${tenant}` }),
    },
    context.accessTokenTtlSeconds,
  );
  const idToken = scopes.includes('openid')
    ? await context.signer.sign({ aud: client.clientId, sub, name: user?.displayName ?? login, ...(nonce === undefined ? {} : { nonce }) }, ID_TOKEN_TTL_SECONDS)
    : undefined;
  const refreshToken = scopes.includes('offline_access') ? context.grants.issueRefreshToken({ clientId: client.clientId, login, scopes, ...(tenant === undefined ? {} : { tenant }) }) : undefined;
  return {
    token_type: 'Bearer',
    expires_in: context.accessTokenTtlSeconds,
    access_token: accessToken,
    scope: scopes.join(' '),
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    ...(idToken === undefined ? {} : { id_token: idToken }),
  };
}
