import * as oidc from 'openid-client';
import { completeSignInWithoutBrowser } from './headless-sign-in.js';
import type { Sandbox } from './index.js';

export const CHARTDROP_V2_SCOPES =
  'openid fhirUser offline_access user/Patient.rs user/Encounter.rs user/Appointment.rs user/Practitioner.r user/DocumentReference.crs user/Binary.crs';

export interface TestTokens {
  config: oidc.Configuration;
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  accessToken: string;
}

/** openid-client discovery against the sandbox (plain http on loopback is allowed only here). */
export async function discoverSandbox(sandbox: Sandbox, clientId = sandbox.clientId): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(sandbox.issuer), clientId, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

/**
 * A complete SMART standalone sign-in through the real pages (PKCE S256, state, nonce, `aud`),
 * for tests that need a token rather than to test sign-in itself.
 */
export async function signInForTests(sandbox: Sandbox, options: { login?: string; scope?: string } = {}): Promise<TestTokens> {
  const config = await discoverSandbox(sandbox);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authorizeUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: 'http://127.0.0.1:49152/chartdrop/callback',
    scope: options.scope ?? CHARTDROP_V2_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    aud: sandbox.fhirBaseUrl,
  });
  const login = options.login ?? 'physician';
  const password = sandbox.users.find((user) => user.login === login)?.password ?? '';
  const callback = await completeSignInWithoutBrowser(authorizeUrl.href, { login, password });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  return { config, tokens, accessToken: tokens.access_token };
}
