import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthSession } from '../../main/auth/auth-session.js';
import { ClientSecrets } from '../../main/auth/client-secrets.js';
import { discoverOpenEmrServer, OPENEMR_ENABLE_CLIENT_MESSAGE, OPENEMR_SCOPES } from '../../main/emr/openemr/openemr-auth-server.js';
import { OPENEMR_CLIENT_SECRET_REF, registerOpenEmrClient } from '../../main/emr/openemr/openemr-registration.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { ClinicProfileSchema, type ClinicProfile } from '../../main/profiles/clinic-profile.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { createHeadlessBrowser, type HeadlessBrowser } from '../../sandbox/auth-double/headless-browser.js';
import { completeSignInWithoutBrowser } from '../../sandbox/headless-sign-in.js';
import { startOpenEmrDouble, type OpenEmrDouble } from '../../sandbox/openemr/openemr-double.js';

const REDIRECT_URI = 'http://127.0.0.1:50123/chartdrop/callback';

let openemr: OpenEmrDouble;
let clock = Date.now();
let dataDir: string;
let vault: SecretVault;
let secrets: ClientSecrets;

beforeAll(async () => {
  openemr = await startOpenEmrDouble({ now: () => clock });
});
afterAll(() => openemr.close());
beforeEach(async () => {
  clock = Date.now();
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-openemr-'));
  vault = new SecretVault(dataDir, createAesGcmCipher(randomBytes(32)));
  secrets = new ClientSecrets(vault);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function openEmrProfile(id: string, clientId = 'not-registered-yet', clientSecretRef?: string): ClinicProfile {
  return ClinicProfileSchema.parse({
    id,
    name: 'Riverside OpenEMR',
    kind: 'openemr',
    baseUrl: openemr.baseUrl,
    clientId,
    openemr: clientSecretRef ? { clientSecretRef } : {},
  });
}

/** Registration, then the administrator's click: the profile as it is after both. */
async function registeredProfile(id: string): Promise<ClinicProfile> {
  const registration = await registerOpenEmrClient(openEmrProfile(id), secrets);
  openemr.enableClient(registration.clientId);
  return openEmrProfile(id, registration.clientId, registration.clientSecretRef);
}

function sessionFor(profile: ClinicProfile, browser: HeadlessBrowser, now: () => number = Date.now): AuthSession {
  return new AuthSession({
    profileId: profile.id,
    redirect: profile.redirect,
    signInTimeoutMs: 20_000,
    vault,
    discover: () => discoverOpenEmrServer(profile, secrets),
    openExternal: (url) => browser.openExternal(url),
    onChange: () => undefined,
    now,
  });
}

async function storedRefreshToken(profileId: string): Promise<string> {
  const grant = JSON.parse((await vault.get(`profile:${profileId}:grant`)) ?? '{}') as { refreshToken?: string };
  if (!grant.refreshToken) throw new Error('no stored refresh token');
  return grant.refreshToken;
}

async function refreshDirectly(profile: ClinicProfile, refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${openemr.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: profile.clientId,
      client_secret: (await secrets.read(profile.id, OPENEMR_CLIENT_SECRET_REF)) ?? '',
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
}

describe('OpenEMR sign-in through AuthSession', () => {
  it('registers a private client, says an administrator must enable it, refuses it until then, and signs in once enabled', async () => {
    const registration = await registerOpenEmrClient(openEmrProfile('clinic-a'), secrets);
    expect(registration.message).toBe(OPENEMR_ENABLE_CLIENT_MESSAGE);
    expect(registration.message).toContain('Administration → System → API Clients');
    expect(registration.clientSecretRef).toBe(OPENEMR_CLIENT_SECRET_REF);
    const profile = openEmrProfile('clinic-a', registration.clientId, registration.clientSecretRef);

    // At /authorize the disabled client meets a JSON invalid_client, not a redirect (§6.2).
    const authorize = new URL(`${openemr.issuer}/authorize`);
    authorize.search = new URLSearchParams({ response_type: 'code', client_id: registration.clientId, redirect_uri: REDIRECT_URI, scope: 'openid', state: 's', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).toString();
    const refused = await fetch(authorize, { redirect: 'manual' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });

    const browser = createHeadlessBrowser({ login: 'physician', password: 'demo' });
    const session = sessionFor(profile, browser);
    const before = await session.signIn();
    expect(before.state).toBe('signed-out');
    expect(before.error).toEqual({ kind: 'forbidden', message: OPENEMR_ENABLE_CLIENT_MESSAGE, status: 401 });
    expect(browser.opened).toEqual([]);

    openemr.enableClient(registration.clientId);
    const after = await session.signIn();
    expect(after).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    const sent = new URL(browser.opened[0] ?? '');
    expect(sent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sent.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.searchParams.has('aud')).toBe(false);
    expect(sent.searchParams.get('scope')?.split(' ')).toEqual([...OPENEMR_SCOPES]);
    expect(session.grantedScope.split(' ')).toEqual([...OPENEMR_SCOPES]);
  });

  it('keeps the client secret and every token out of plain text in the data dir', async () => {
    const profile = await registeredProfile('clinic-b');
    const session = sessionFor(profile, createHeadlessBrowser({ login: 'reception', password: 'demo' }));
    expect((await session.signIn()).state).toBe('signed-in');

    const secret = await secrets.read(profile.id, OPENEMR_CLIENT_SECRET_REF);
    const plain = [secret, await session.accessToken(), await storedRefreshToken(profile.id)];
    for (const value of plain) expect(value).toMatch(/.{20,}/);
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const content of files) {
      for (const value of plain) expect(content).not.toContain(value);
    }
  });

  it('uses a rotated refresh token once the access token ages, and OpenEMR refuses the old one afterwards', async () => {
    const profile = await registeredProfile('clinic-c');
    let sessionClock = Date.now();
    const session = sessionFor(profile, createHeadlessBrowser({ login: 'physician', password: 'demo' }), () => sessionClock);
    await session.signIn();
    const firstAccess = await session.accessToken();
    const firstRefresh = await storedRefreshToken(profile.id);

    sessionClock += 2 * 3600_000;
    const [a, b] = await Promise.all([session.accessToken(), session.accessToken()]);
    expect(a).toBe(b);
    expect(a).not.toBe(firstAccess);
    const secondRefresh = await storedRefreshToken(profile.id);
    expect(secondRefresh).not.toBe(firstRefresh);

    expect(await refreshDirectly(profile, firstRefresh)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('signs out through OpenEMR’s logout endpoint, after which the refresh token is refused', async () => {
    const profile = await registeredProfile('clinic-d');
    const session = sessionFor(profile, createHeadlessBrowser({ login: 'physician', password: 'demo' }));
    await session.signIn();
    const refreshToken = await storedRefreshToken(profile.id);
    openemr.requests.clear();

    expect((await session.signOut()).state).toBe('signed-out');
    expect(openemr.requests.entries).toContainEqual({ method: 'GET', path: '/oauth2/default/logout', status: 200 });
    expect(await vault.get(`profile:${profile.id}:grant`)).toBeUndefined();
    expect(await refreshDirectly(profile, refreshToken)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('asks for OpenEMR’s client secret before opening the browser when none is stored', async () => {
    const browser = createHeadlessBrowser({ login: 'physician', password: 'demo' });
    const status = await sessionFor(openEmrProfile('clinic-e', 'some-client'), browser).signIn();
    expect(status.error?.kind).toBe('auth');
    expect(status.error?.message).toContain('no client secret');
    expect(browser.opened).toEqual([]);
  });
});

describe('OpenEMR double: registration (§6.2)', () => {
  async function register(body: unknown, contentType = 'application/json') {
    const response = await fetch(`${openemr.issuer}/registration`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('accepts JSON only', async () => {
    const form = await register(new URLSearchParams({ redirect_uris: REDIRECT_URI }).toString(), 'application/x-www-form-urlencoded');
    expect(form).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata', error_description: 'Unexpected content type' } });
  });

  it('refuses user scopes for a public client, the `none` auth method and a missing redirect URI', async () => {
    expect(await register({ application_type: 'native', redirect_uris: [REDIRECT_URI], scope: 'openid user/patient.read' })).toMatchObject({ status: 400, body: { error: 'invalid_client_metadata' } });
    expect(await register({ application_type: 'private', redirect_uris: [REDIRECT_URI], scope: 'openid', token_endpoint_auth_method: 'none' })).toMatchObject({ status: 400, body: { error_description: 'Unsupported token_endpoint_auth_method value : none' } });
    expect(await register({ application_type: 'private', scope: 'openid' })).toMatchObject({ status: 400, body: { error: 'invalid_redirect_uri' } });
  });

  it('answers 200 with a secret and the user role for `private`, an empty secret and the patient role otherwise', async () => {
    const confidential = await register({ application_type: 'private', client_name: 'x', redirect_uris: [REDIRECT_URI], scope: 'openid api:oemr user/patient.read' });
    expect(confidential.status).toBe(200);
    expect(confidential.body).toMatchObject({ client_role: 'user', client_secret_expires_at: 0, redirect_uris: [REDIRECT_URI], scope: 'openid api:oemr user/patient.read' });
    expect(String(confidential.body.client_secret).length).toBeGreaterThan(40);
    const open = await register({ redirect_uris: [REDIRECT_URI], scope: 'openid' });
    expect(open).toMatchObject({ status: 200, body: { client_role: 'patient', client_secret: '' } });
  });
});

describe('OpenEMR double: authorize and token (§6.3–§6.5)', () => {
  let profile: ClinicProfile;
  let config: oidc.Configuration;

  beforeAll(async () => {
    const setupDir = await mkdtemp(join(tmpdir(), 'chartdrop-openemr-setup-'));
    const setupSecrets = new ClientSecrets(new SecretVault(setupDir, null));
    const registration = await registerOpenEmrClient(openEmrProfile('protocol'), setupSecrets);
    openemr.enableClient(registration.clientId);
    profile = openEmrProfile('protocol', registration.clientId, registration.clientSecretRef);
    const secret = (await setupSecrets.read('protocol', registration.clientSecretRef)) ?? '';
    config = await oidc.discovery(new URL(openemr.issuer), registration.clientId, { client_secret: secret }, oidc.ClientSecretPost(secret), { execute: [oidc.allowInsecureRequests] });
    await rm(setupDir, { recursive: true, force: true });
  });

  async function codeFor(params: Record<string, string>): Promise<URL> {
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid offline_access api:oemr user/patient.read', ...params });
    return new URL(await completeSignInWithoutBrowser(url.href, { login: 'physician', password: 'demo' }));
  }

  function exchange(code: string, extra: Record<string, string>) {
    return fetch(`${openemr.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: profile.clientId, client_secret: config.clientMetadata().client_secret as string, ...extra }),
    });
  }

  it('refuses a challenge sent without a method (that is `plain`)', async () => {
    const callback = new URL((await fetch(oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid', state: 's', code_challenge: 'x'.repeat(43) }), { redirect: 'manual' })).headers.get('location') ?? '');
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('error_description')).toContain('S256');
  });

  it('fails the code exchange when `state` was empty, and takes each code once within 60 s', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const pkce = { code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' };
    const stateless = await codeFor(pkce);
    expect(await (await exchange(stateless.searchParams.get('code') ?? '', { code_verifier: verifier })).json()).toMatchObject({ error: 'invalid_request', error_description: 'Bad request' });

    const fresh = (await codeFor({ ...pkce, state: 'abc' })).searchParams.get('code') ?? '';
    expect((await exchange(fresh, { code_verifier: 'wrong'.repeat(10) })).status).toBe(400);
    const again = (await codeFor({ ...pkce, state: 'abc' })).searchParams.get('code') ?? '';
    const ok = await exchange(again, { code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'openid offline_access api:oemr user/patient.read' });
    expect(await (await exchange(again, { code_verifier: verifier })).json()).toMatchObject({ error: 'invalid_grant' });

    const late = (await codeFor({ ...pkce, state: 'abc' })).searchParams.get('code') ?? '';
    clock += 61_000;
    expect(await (await exchange(late, { code_verifier: verifier })).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers an unknown site with 400 before anything else (§1)', async () => {
    expect((await fetch(`${openemr.baseUrl}/oauth2/elsewhere/.well-known/openid-configuration`)).status).toBe(400);
  });
});
