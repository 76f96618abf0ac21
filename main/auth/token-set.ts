import type * as oidc from 'openid-client';

/** What main keeps of a token response. Never serialised to the renderer, a log, or plain disk. */
export interface TokenSet {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken?: string;
  /** Kept in memory only, for servers whose logout wants `id_token_hint` (OpenEMR). */
  idToken?: string;
  scope: string;
  user: SignedInUser;
}

export interface SignedInUser {
  displayName: string;
  /** SMART `fhirUser` (e.g. `Practitioner/123`): the author of what this user files. */
  fhirUser?: string;
}

const DEFAULT_LIFETIME_S = 300;

export function tokenSetFrom(
  response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  previous: Pick<TokenSet, 'refreshToken' | 'idToken' | 'scope' | 'user'> | undefined,
  now: number,
): TokenSet {
  const claims = response.claims();
  const user: SignedInUser = claims
    ? {
        displayName: typeof claims['name'] === 'string' ? claims['name'] : String(claims.sub),
        ...(typeof claims['fhirUser'] === 'string' ? { fhirUser: claims['fhirUser'] } : {}),
      }
    : (previous?.user ?? { displayName: 'Signed in' });
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  return {
    accessToken: response.access_token,
    expiresAt: now + (response.expiresIn() ?? DEFAULT_LIFETIME_S) * 1000,
    ...(refreshToken ? { refreshToken } : {}),
    ...((response.id_token ?? previous?.idToken) ? { idToken: response.id_token ?? previous?.idToken } : {}),
    // A refresh response may omit `scope`, meaning "unchanged" (RFC 6749 §5.1).
    scope: response.scope ?? previous?.scope ?? '',
    user,
  };
}
