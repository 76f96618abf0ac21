import type * as oidc from 'openid-client';

/**
 * What the session needs to know about one EMR's authorization server, whatever its family:
 * SMART discovery, OpenEMR's OAuth2 server or Accuro's Okta front each build one of these. The
 * session itself never branches on the EMR kind.
 */
export interface AuthServer {
  /** Endpoints and client authentication (public `None`, or a confidential client's secret). */
  config: oidc.Configuration;
  /** The scopes to request, already chosen from what the server advertises. */
  scope: string;
  /** Extra authorize parameters the server requires: SMART `aud`, Accuro `tenant`, … */
  authorizationParams?: Record<string, string>;
  /** Extra token-endpoint parameters (code exchange and refresh). */
  tokenParams?: Record<string, string>;
  /** The FHIR base the access token is for (SMART): where the `fhirUser` resource may be read. */
  fhirBaseUrl?: string;
  /**
   * Ends the grant on the server (RFC 7009 revocation, or OpenEMR's logout endpoint). Best
   * effort: the local session is gone whatever it answers. Absent when the server offers no way
   * to do it: its refresh token then stays valid there until it expires, and sign-out says so.
   */
  endGrant?(tokens: { refreshToken?: string; idToken?: string }): Promise<void>;
}
