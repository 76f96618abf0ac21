import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { JwtSigner } from '../auth-double/jwt-signer.js';
import { presentedClient } from '../auth-double/http-io.js';
import { verifierMatchesS256 } from '../auth-double/pkce.js';
import { findUserByLogin } from '../users.js';
import { LeagueError, type ClientRegistry, type RegisteredClient } from './client-registry.js';
import type { GrantStore } from './grant-store.js';
import { userUuid } from './user-uuid.js';

export interface TokenEndpointContext {
  clients: ClientRegistry;
  grants: GrantStore;
  signer: JwtSigner;
  accessTokenTtlSeconds: number;
}

const ID_TOKEN_TTL_SECONDS = 3600;

/**
 * `POST /oauth2/{site}/token`, form-encoded (shared/api/openemr.md §6.5): the code exchange with
 * PKCE and the authorize-time `state` and `redirect_uri`, and refresh with rotation. Throws a
 * LeagueError for every refusal.
 */
export async function exchangeAtTokenEndpoint(req: IncomingMessage, form: URLSearchParams, context: TokenEndpointContext): Promise<Record<string, unknown>> {
  const presented = presentedClient(req, form);
  const client = context.clients.authenticate(presented.clientId, presented.secret);
  switch (form.get('grant_type')) {
    case 'authorization_code':
      return exchangeCode(form, client, context);
    case 'refresh_token':
      return refresh(form, client, context);
    default:
      throw new LeagueError(400, 'unsupported_grant_type', 'The authorization grant type is not supported by the authorization server.');
  }
}

async function exchangeCode(form: URLSearchParams, client: RegisteredClient, context: TokenEndpointContext): Promise<Record<string, unknown>> {
  const code = context.grants.takeCode(form.get('code') ?? '');
  if (!code || code.clientId !== client.clientId) throw new LeagueError(400, 'invalid_grant', 'Authorization code has expired or has been revoked');
  if (form.get('redirect_uri') !== code.redirectUri) throw new LeagueError(400, 'invalid_request', 'Invalid redirect URI');
  const verifier = form.get('code_verifier');
  if (code.codeChallenge === undefined ? verifier !== null : verifier === null || !verifierMatchesS256(verifier, code.codeChallenge)) {
    throw new LeagueError(400, 'invalid_grant', 'Failed to verify `code_verifier`.');
  }
  // OpenEMR keeps `state` as the session's csrf value and refuses the exchange without it (§6.3).
  if (code.state === '') throw new LeagueError(400, 'invalid_request', 'Bad request');
  return issueTokens(client, code.login, code.scopes, code.nonce, context);
}

async function refresh(form: URLSearchParams, client: RegisteredClient, context: TokenEndpointContext): Promise<Record<string, unknown>> {
  const grant = context.grants.takeRefreshToken(form.get('refresh_token') ?? '');
  if (!grant || grant.clientId !== client.clientId) throw new LeagueError(400, 'invalid_grant', 'The refresh token is invalid. Token has been revoked');
  return issueTokens(client, grant.login, grant.scopes, undefined, context);
}

async function issueTokens(client: RegisteredClient, login: string, scopes: string[], nonce: string | undefined, context: TokenEndpointContext): Promise<Record<string, unknown>> {
  const sub = userUuid(login);
  const accessToken = await context.signer.sign({ aud: client.clientId, sub, jti: randomBytes(16).toString('hex'), scopes }, context.accessTokenTtlSeconds);
  const idToken = scopes.includes('openid')
    ? await context.signer.sign({ aud: client.clientId, sub, name: findUserByLogin(login)?.displayName ?? login, ...(nonce === undefined ? {} : { nonce }) }, ID_TOKEN_TTL_SECONDS)
    : undefined;
  // A refresh token only for `offline_access` (§6.5).
  const refreshToken = scopes.includes('offline_access') ? context.grants.issueRefreshToken({ clientId: client.clientId, login, scopes }) : undefined;
  return {
    token_type: 'Bearer',
    expires_in: context.accessTokenTtlSeconds,
    access_token: accessToken,
    ...(idToken === undefined ? {} : { id_token: idToken }),
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope: scopes.join(' '),
  };
}
