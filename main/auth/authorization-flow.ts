import * as oidc from 'openid-client';
import type { AuthServer } from './auth-server.js';
import { LoopbackListener, type ReceivedCallback } from './loopback-listener.js';
import { describeOAuthFailure } from './oauth-errors.js';

export interface AuthorizationRequest {
  server: AuthServer;
  redirect: { path: string; port: number };
  timeoutMs: number;
  openExternal(url: string): Promise<void>;
  signal?: AbortSignal;
}

export type TokenResponse = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

/**
 * Authorization code + PKCE S256 through the system browser and a loopback redirect
 * (RFC 8252). Every check — state, RFC 9207 `iss`, PKCE, id_token signature/iss/aud/exp/nonce —
 * is openid-client's; this function only sequences the steps and tells the browser tab how it went.
 */
export async function signInWithBrowser(request: AuthorizationRequest): Promise<TokenResponse> {
  const listener = await LoopbackListener.open(request.redirect);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const { config, scope } = request.server;
  const wantsIdToken = scope.split(/\s+/).includes('openid');
  const nonce = wantsIdToken ? oidc.randomNonce() : undefined;
  // openid-client checks an id_token's claims always but its signature only when asked
  // (OpenID Connect Core §3.1.3.7 lets TLS stand in for it); a forged id_token must not pass.
  if (wantsIdToken) oidc.enableNonRepudiationChecks(config);
  let callback: ReceivedCallback;
  try {
    const url = oidc.buildAuthorizationUrl(config, {
      ...request.server.authorizationParams,
      redirect_uri: listener.redirectUri,
      scope,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(nonce ? { nonce } : {}),
    });
    const waiting = listener.waitForCallback(state, request.timeoutMs, request.signal);
    // Closing the listener below settles `waiting`; this keeps that from being an unhandled rejection.
    waiting.catch(() => undefined);
    // Opening the browser must never stand between the callback and its answer: a server that
    // knows the user redirects straight back, and a browser may report the page opened only once
    // it has loaded — which it cannot until the listener answers, after the code exchange below.
    // So the callback is taken as soon as it arrives; opening only counts if it fails first.
    callback = await Promise.race([waiting, request.openExternal(url.href).then(() => waiting)]);
  } catch (error) {
    await listener.close();
    throw describeOAuthFailure(error);
  }
  // From here the listener stays up until the browser has read the result page (or briefly after).
  try {
    const tokens = await oidc.authorizationCodeGrant(
      config,
      callback.url,
      { pkceCodeVerifier: codeVerifier, expectedState: state, ...(nonce ? { expectedNonce: nonce } : {}), idTokenExpected: wantsIdToken },
      { ...request.server.tokenParams, redirect_uri: listener.redirectUri },
    );
    callback.respond({ ok: true });
    return tokens;
  } catch (error) {
    const failure = describeOAuthFailure(error);
    callback.respond({ ok: false, message: failure.message });
    throw failure;
  }
}
