/** Where the EMR HTTP client gets its bearer token; implemented by `AuthSession`. */
export interface TokenSource {
  /** A token to send now, refreshed first if it is about to expire. */
  accessToken(): Promise<string>;
  /** After a 401 on `rejectedToken`: the fresh token, from one refresh however many callers ask (single-flight). */
  afterUnauthorized(rejectedToken: string): Promise<string>;
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** The token a request carried, so the session can tell a stale 401 from one on its newest token. */
export function bearerToken(headers: Headers): string {
  return (headers.get('authorization') ?? '').replace(/^Bearer /, '');
}
