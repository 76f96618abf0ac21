import * as oidc from 'openid-client';
import type { AuthServer } from './auth-server.js';
import type { TokenResponse } from './authorization-flow.js';

/**
 * What a refresh answer's id_token, if any, says about who the grant belongs to. Set aside before
 * openid-client reads the answer, because the library treats any flaw in that id_token (a missing
 * `aud`, say) as a failed refresh — after the server has already spent and rotated the refresh
 * token, so the session would be lost for a token OpenID Connect Core §12.2 does not even require.
 */
export interface RefreshedIdToken {
  /** False when the id_token names another issuer or subject than the sign-in did: not the same user. */
  sameUser: boolean;
  /** What was wrong with it, in words fit for a log: claim names, never their values or the token. */
  problems: string[];
}

export interface RefreshOutcome {
  response: TokenResponse;
  /** Absent when the answer carried no id_token. */
  idToken?: RefreshedIdToken;
}

/** Per configuration: refresh token sent → the id_token its answer carried. */
const setAside = new WeakMap<oidc.Configuration, Map<string, string>>();

function sentRefreshToken(options: oidc.CustomFetchOptions): string | undefined {
  const { body } = options;
  if (!(body instanceof URLSearchParams) || body.get('grant_type') !== 'refresh_token') return undefined;
  return body.get('refresh_token') ?? undefined;
}

function withoutBodyHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('content-length');
  copy.delete('content-encoding');
  return copy;
}

/**
 * Wraps the configuration's fetch (keeping whatever it already was: a test's wire tap, Accuro's
 * token API) so that successful refresh answers reach openid-client without their id_token.
 */
function idTokensSetAside(config: oidc.Configuration): Map<string, string> {
  const existing = setAside.get(config);
  if (existing) return existing;
  const held = new Map<string, string>();
  setAside.set(config, held);
  const inner: oidc.CustomFetch = config[oidc.customFetch] ?? ((url, options) => fetch(url, options as RequestInit));
  config[oidc.customFetch] = async (url, options) => {
    const response = await inner(url, options);
    const refreshToken = sentRefreshToken(options);
    if (!refreshToken || response.status !== 200) return response;
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const init = { status: response.status, statusText: response.statusText, headers: withoutBodyHeaders(response.headers) };
    if (typeof body !== 'object' || body === null || !('id_token' in body)) return new Response(text, init);
    const { id_token: idToken, ...rest } = body as Record<string, unknown>;
    held.set(refreshToken, typeof idToken === 'string' ? idToken : '');
    return new Response(JSON.stringify(rest), init);
  };
  return held;
}

function decodedClaims(idToken: string): Record<string, unknown> | undefined {
  const payload = idToken.split('.')[1];
  if (idToken.split('.').length !== 3 || !payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The checks OpenID Connect Core §12.2 asks of a refreshed id_token, against the identity
 * openid-client verified at sign-in. Its claims are only ever used to refuse: nothing is taken
 * from it, so an unverified signature cannot make it vouch for anyone.
 */
export function inspectRefreshedIdToken(idToken: string, expected: { issuer: string; subject: string | undefined; clientId: string }): RefreshedIdToken {
  const claims = decodedClaims(idToken);
  if (!claims) return { sameUser: true, problems: ['not a readable JWT'] };
  const problems: string[] = [];
  let sameUser = true;
  if (claims['iss'] === undefined) problems.push('no iss');
  else if (claims['iss'] !== expected.issuer) {
    problems.push('iss differs from the sign-in');
    sameUser = false;
  }
  if (claims['sub'] === undefined) problems.push('no sub');
  else if (expected.subject !== undefined && claims['sub'] !== expected.subject) {
    problems.push('sub differs from the sign-in');
    sameUser = false;
  }
  const aud = claims['aud'];
  if (aud === undefined) problems.push('no aud');
  else if (!(Array.isArray(aud) ? aud : [aud]).includes(expected.clientId)) problems.push('aud does not name this client');
  return { sameUser, problems };
}

/**
 * RFC 6749 §6 refresh through openid-client, with the answer's id_token judged by
 * `inspectRefreshedIdToken` rather than by the library.
 */
export async function refreshGrant(server: AuthServer, refreshToken: string, expected: { subject: string | undefined }): Promise<RefreshOutcome> {
  const held = idTokensSetAside(server.config);
  try {
    const response = await oidc.refreshTokenGrant(server.config, refreshToken, server.tokenParams);
    const idToken = held.get(refreshToken);
    if (idToken === undefined) return { response };
    const issuer = server.config.serverMetadata().issuer;
    const clientId = server.config.clientMetadata().client_id;
    return { response, idToken: inspectRefreshedIdToken(idToken, { issuer, subject: expected.subject, clientId }) };
  } finally {
    held.delete(refreshToken);
  }
}
