import type { ServerResponse } from 'node:http';
import type { PendingSignIn } from '../auth-double/sign-in-pages.js';
import { redirect, sendJson } from '../auth-double/http-io.js';
import { loopbackRedirectMatches } from '../auth-double/loopback-redirect.js';
import { LeagueError, type ClientRegistry } from './client-registry.js';
import { OPENEMR_SERVER_SCOPES } from './openemr-scopes.js';

export interface OpenEmrAuthorization extends PendingSignIn {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge?: string;
  nonce?: string;
}

/**
 * RFC 8252 §7.3 as league ≥ 8.3 implements it (shared/api/openemr.md §6.4): for `http://127.0.0.1`
 * and `http://[::1]` the port is ignored; everything else (`localhost` included) matches exactly.
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  return loopbackRedirectMatches(registered, requested, { hosts: ['127.0.0.1', '[::1]'], onlyWhenRegisteredWithoutPort: false });
}

/**
 * `GET /oauth2/{site}/authorize` (§6.3). Failures before the client and redirect URI are known
 * render JSON (a disabled client's `invalid_client` among them, §6.2 "Enablement"); later ones
 * redirect with `error` and `state`.
 */
export function validateAuthorization(
  res: ServerResponse,
  query: URLSearchParams,
  clients: ClientRegistry,
  audiences: ReadonlyArray<string>,
): OpenEmrAuthorization | undefined {
  const client = clients.find(query.get('client_id') ?? undefined);
  const requestedRedirect = query.get('redirect_uri') ?? client?.redirectUris[0] ?? '';
  if (!client?.enabled || !client.redirectUris.some((uri) => redirectUriMatches(uri, requestedRedirect))) {
    const refusal = new LeagueError(401, 'invalid_client', 'Client authentication failed');
    sendJson(res, refusal.status, refusal.body());
    return undefined;
  }
  const state = query.get('state') ?? '';
  const refuse = (error: string, description: string) => {
    const target = new URL(requestedRedirect);
    target.searchParams.set('error', error);
    target.searchParams.set('error_description', description);
    if (state) target.searchParams.set('state', state);
    redirect(res, 302, target.href);
    return undefined;
  };
  if (query.get('response_type') !== 'code') return refuse('unsupported_response_type', 'The authorization server does not support obtaining an authorization code using this method');
  const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
  const unknown = scopes.find((scope) => !OPENEMR_SERVER_SCOPES.has(scope));
  if (unknown) return refuse('invalid_scope', `The requested scope is invalid, unknown, or malformed: ${unknown}`);
  const challenge = query.get('code_challenge') ?? undefined;
  // A challenge without a method is `plain`, and only S256 is accepted (§6.3).
  if (challenge !== undefined && (query.get('code_challenge_method') ?? 'plain') !== 'S256') return refuse('invalid_request', 'Code challenge method must be one of `S256`');
  if (challenge === undefined && !client.confidential) return refuse('invalid_request', 'Code challenge must be provided for public clients');
  const aud = query.get('aud');
  if (aud !== null && !audiences.includes(aud)) return refuse('invalid_request', 'The request is missing a required parameter, includes an invalid parameter value: aud');
  const nonce = query.get('nonce') ?? undefined;
  return {
    clientId: client.clientId,
    clientName: client.name,
    scopes,
    redirectUri: requestedRedirect,
    state,
    ...(challenge === undefined ? {} : { codeChallenge: challenge }),
    ...(nonce === undefined ? {} : { nonce }),
  };
}
