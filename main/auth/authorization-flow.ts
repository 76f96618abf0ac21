import * as oidc from 'openid-client';
import { EmrError } from '../emr/errors.js';
import type { AuthServer } from './auth-server.js';
import { LoopbackListener } from './loopback-listener.js';
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
  try {
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const { config, scope } = request.server;
    const wantsIdToken = scope.split(/\s+/).includes('openid');
    const nonce = wantsIdToken ? oidc.randomNonce() : undefined;
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
    await request.openExternal(url.href);
    const callback = await waiting;
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
  } catch (error) {
    await listener.close();
    throw error instanceof EmrError ? error : describeOAuthFailure(error);
  }
}
