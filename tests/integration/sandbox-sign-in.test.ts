import { decodeJwt } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeSignInWithoutBrowser, HeadlessSignInError } from '../../sandbox/headless-sign-in.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { CHARTDROP_V2_SCOPES, discoverSandbox, signInForTests } from '../../sandbox/sign-in-for-tests.js';

const REDIRECT_URI = 'http://127.0.0.1:51234/chartdrop/callback';

let sandbox: Sandbox;
let config: oidc.Configuration;

beforeAll(async () => {
  sandbox = await startSandbox();
  config = await discoverSandbox(sandbox);
});
afterAll(() => sandbox.close());

async function authorizeUrl(extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: CHARTDROP_V2_SCOPES,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    aud: sandbox.fhirBaseUrl,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

describe('sandbox discovery', () => {
  it('serves OpenID configuration under the issuer with S256 only and RFC 9207 iss', async () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(sandbox.issuer);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    expect(metadata.revocation_endpoint).toBe(`${sandbox.issuer}/token/revocation`);
    expect(metadata.end_session_endpoint).toBe(`${sandbox.issuer}/session/end`);
  });

  it('serves smart-configuration without auth, pointing at the same provider', async () => {
    const response = await fetch(`${sandbox.fhirBaseUrl}/.well-known/smart-configuration`);
    expect(response.status).toBe(200);
    const smart = (await response.json()) as Record<string, unknown>;
    expect(smart.issuer).toBe(sandbox.issuer);
    expect(smart.token_endpoint).toBe(config.serverMetadata().token_endpoint);
    expect(smart.code_challenge_methods_supported).toEqual(['S256']);
    expect(smart.token_endpoint_auth_methods_supported).toEqual(['none']);
    expect(smart.capabilities).toEqual(expect.arrayContaining(['launch-standalone', 'client-public', 'permission-v2', 'permission-v1', 'sso-openid-connect']));
  });

  it('serves a CapabilityStatement with conditional create and the SMART oauth-uris extension', async () => {
    const statement = (await (await fetch(`${sandbox.fhirBaseUrl}/metadata`)).json()) as {
      fhirVersion: string;
      rest: Array<{ resource: Array<{ type: string; conditionalCreate?: boolean }>; security: { extension: Array<{ url: string }> } }>;
    };
    expect(statement.fhirVersion).toBe('4.0.1');
    const [rest] = statement.rest;
    expect(rest?.resource.find((r) => r.type === 'DocumentReference')?.conditionalCreate).toBe(true);
    expect(rest?.security.extension[0]?.url).toBe('http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris');
  });

  it('describes itself at the origin', async () => {
    expect(await (await fetch(`${sandbox.origin}/`)).text()).toContain('ChartDrop sandbox — synthetic data');
  });
});

describe('sandbox sign-in through the real pages', () => {
  it('gives a code with state and iss on any loopback port, exchanged with PKCE for a FHIR-audience JWT', async () => {
    const { url, verifier, state, nonce } = await authorizeUrl();
    const callback = new URL(await completeSignInWithoutBrowser(url.href, { login: 'physician', password: 'demo' }));
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    expect(callback.searchParams.get('iss')).toBe(sandbox.issuer);

    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
    const access = decodeJwt(tokens.access_token);
    expect(access.aud).toBe(sandbox.fhirBaseUrl);
    expect(access.iss).toBe(sandbox.issuer);
    expect(access.client_id).toBe(sandbox.clientId);
    expect(access.sub).toBe('physician');
    expect(String(access.scope).split(' ')).toEqual(expect.arrayContaining(['user/Patient.rs', 'user/DocumentReference.crs', 'user/Binary.crs']));
    expect(tokens.refresh_token).toBeTruthy();
    const physician = sandbox.users.find((user) => user.login === 'physician');
    expect(tokens.claims()?.fhirUser).toBe(`${sandbox.fhirBaseUrl}/Practitioner/${physician?.practitionerId}`);
  });

  it('accepts SMART v1 scope strings', async () => {
    const { accessToken } = await signInForTests(sandbox, { scope: 'openid fhirUser user/Patient.read user/DocumentReference.write' });
    expect(String(decodeJwt(accessToken).scope).split(' ')).toEqual(['user/Patient.read', 'user/DocumentReference.write']);
  });

  it('keeps the user on the login page with an error after a wrong password', async () => {
    const { url } = await authorizeUrl();
    const failure = await completeSignInWithoutBrowser(url.href, { login: 'physician', password: 'wrong' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HeadlessSignInError);
    const page = (failure as HeadlessSignInError).page;
    expect(page).toContain('Wrong username or password');
    expect(page).toMatch(/<label for="login">Username<\/label>/);
    expect(page).toMatch(/<label for="password">Password<\/label>/);
  });

  it('redirects with access_denied when the user presses Deny', async () => {
    const { url } = await authorizeUrl();
    const callback = new URL(await completeSignInWithoutBrowser(url.href, { login: 'reception', password: 'demo', approve: false }));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(`${sandbox.issuer}/auth`);
    url.search = new URLSearchParams({ client_id: sandbox.clientId, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid', state: 's' }).toString();
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('refuses a wrong aud with invalid_target', async () => {
    const { url } = await authorizeUrl({ aud: 'https://elsewhere.example/fhir' });
    const response = await fetch(url, { redirect: 'manual' });
    expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_target');
  });

  it('refuses to redeem a code issued to another client', async () => {
    const { url, verifier, state, nonce } = await authorizeUrl();
    const callback = new URL(await completeSignInWithoutBrowser(url.href, { login: 'physician', password: 'demo' }));
    const otherConfig = await discoverSandbox(sandbox, sandbox.otherClientId);
    await expect(oidc.authorizationCodeGrant(otherConfig, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });
});

describe('sandbox refresh tokens', () => {
  it('rotates the refresh token on every use, and a replay fails and revokes the grant', async () => {
    const { tokens } = await signInForTests(sandbox);
    const first = tokens.refresh_token ?? '';
    const rotated = await oidc.refreshTokenGrant(config, first);
    expect(rotated.refresh_token).toBeTruthy();
    expect(rotated.refresh_token).not.toBe(first);
    expect(decodeJwt(rotated.access_token).aud).toBe(sandbox.fhirBaseUrl);

    await expect(oidc.refreshTokenGrant(config, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(config, rotated.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('gives no refresh token without offline_access', async () => {
    const { tokens } = await signInForTests(sandbox, { scope: 'openid fhirUser user/Patient.rs' });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('revokeGrants(login) kills that user’s refresh tokens and no one else’s', async () => {
    const physician = await signInForTests(sandbox, { login: 'physician' });
    const reception = await signInForTests(sandbox, { login: 'reception' });
    await sandbox.revokeGrants('physician');
    await expect(oidc.refreshTokenGrant(config, physician.tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
    const stillWorks = await oidc.refreshTokenGrant(config, reception.tokens.refresh_token ?? '');
    expect(stillWorks.access_token).toBeTruthy();
  });
});
