import type * as oidc from 'openid-client';

/** What main keeps of a token response. Never serialised to the renderer, a log, or plain disk. */
export interface TokenSet {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  refreshToken?: string;
  /** Kept in memory only, for servers whose logout wants `id_token_hint` (OpenEMR). */
  idToken?: string;
  /** The id_token `sub` verified at sign-in: a refresh that names someone else is not this session. */
  subject?: string;
  scope: string;
  user: SignedInUser;
}

export interface SignedInUser {
  /** Absent when neither the id_token nor the `fhirUser` resource gives a name: never an opaque id. */
  displayName?: string;
  /** SMART `fhirUser` (e.g. `Practitioner/123`): the author of what this user files. */
  fhirUser?: string;
}

const DEFAULT_LIFETIME_S = 300;

/**
 * The identity comes from the sign-in and is carried through every refresh unchanged (OpenID
 * Connect Core §12.2: a refreshed id_token, if any, must name the same user).
 */
export function tokenSetFrom(
  response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  carried: Pick<TokenSet, 'user'> & Partial<Pick<TokenSet, 'refreshToken' | 'idToken' | 'scope' | 'subject'>>,
  now: number,
): TokenSet {
  const refreshToken = response.refresh_token ?? carried.refreshToken;
  const idToken = response.id_token ?? carried.idToken;
  return {
    accessToken: response.access_token,
    expiresAt: now + (response.expiresIn() ?? DEFAULT_LIFETIME_S) * 1000,
    ...(refreshToken ? { refreshToken } : {}),
    ...(idToken ? { idToken } : {}),
    ...(carried.subject !== undefined ? { subject: carried.subject } : {}),
    // A refresh response may omit `scope`, meaning "unchanged" (RFC 6749 §5.1).
    scope: response.scope ?? carried.scope ?? '',
    user: carried.user,
  };
}
