import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuthSession } from '../../main/auth/auth-session.js';
import { ACCURO_SCOPES } from '../../main/emr/accuro/accuro-auth-server.js';
import { ClientSecrets } from '../../main/auth/client-secrets.js';
import { emrDefinition } from '../../main/profiles/emr-registry.js';
import { registerOpenEmrClient } from '../../main/emr/openemr/openemr-registration.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { ClinicProfileSchema, type ClinicProfile, type ClinicProfileInput } from '../../main/profiles/clinic-profile.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { createHeadlessBrowser, type HeadlessBrowser } from '../../sandbox/auth-double/headless-browser.js';
import { startAccuroDouble, type AccuroDouble } from '../../sandbox/accuro/accuro-double.js';
import { startSandbox } from '../../sandbox/index.js';

let accuro: AccuroDouble;
let dataDir: string;
let cipherKey: Buffer;
let vault: SecretVault;
let secrets: ClientSecrets;

beforeAll(async () => {
  accuro = await startAccuroDouble();
});
afterAll(() => accuro.close());
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-accuro-'));
  cipherKey = randomBytes(32);
  vault = new SecretVault(dataDir, createAesGcmCipher(cipherKey));
  secrets = new ClientSecrets(vault);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

async function accuroProfile(id: string, overrides: { tenant?: string; clientAuth?: 'basic' | 'body'; double?: AccuroDouble } = {}): Promise<ClinicProfile> {
  const double = overrides.double ?? accuro;
  const clientAuth = overrides.clientAuth ?? 'basic';
  const clientSecretRef = clientAuth === 'basic' ? await secrets.store(id, 'accuro-client-secret', double.confidentialClient.clientSecret) : undefined;
  const subscriptionKeyRef = await secrets.store(id, 'accuro-subscription-key', double.subscriptionKey);
  return ClinicProfileSchema.parse({
    id,
    name: 'Lakeshore Accuro',
    kind: 'accuro',
    baseUrl: double.baseUrl,
    clientId: clientAuth === 'basic' ? double.confidentialClient.clientId : double.publicClientId,
    accuro: { tenant: overrides.tenant ?? double.tenant, uuid: double.instanceUuid, issuer: double.issuer, clientAuth, clientSecretRef, subscriptionKeyRef },
  } satisfies ClinicProfileInput);
}

function sessionFor(profile: ClinicProfile, browser: HeadlessBrowser, options: { now?: () => number; vault?: SecretVault } = {}): AuthSession {
  const sessionVault = options.vault ?? vault;
  return new AuthSession({
    profileId: profile.id,
    redirect: profile.redirect,
    signInTimeoutMs: 20_000,
    vault: sessionVault,
    discover: () => emrDefinition(profile.kind).authServer(profile, new ClientSecrets(sessionVault)),
    openExternal: (url) => browser.openExternal(url),
    onChange: () => undefined,
    ...(options.now ? { now: options.now } : {}),
  });
}

const physician = () => createHeadlessBrowser({ login: 'physician', password: 'demo' });

async function storedRefreshToken(store: SecretVault, profileId: string): Promise<string> {
  const grant = JSON.parse((await store.get(`profile:${profileId}:grant`)) ?? '{}') as { refreshToken?: string };
  if (!grant.refreshToken) throw new Error(`no stored refresh token for ${profileId}`);
  return grant.refreshToken;
}

function callTokenApi(tenant: string, form: Record<string, string>) {
  const basic = Buffer.from(`${accuro.confidentialClient.clientId}:${accuro.confidentialClient.clientSecret}`).toString('base64');
  return fetch(`${accuro.baseUrl}/v1/token?tenant=${tenant}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams(form),
  });
}

describe('Accuro sign-in through AuthSession', () => {
  it('signs in with Basic client auth at the QHR token API, sending the tenant on authorize and token calls', async () => {
    const profile = await accuroProfile('lakeshore');
    const browser = physician();
    const calls = accuro.tokenCalls.length;
    const status = await sessionFor(profile, browser).signIn();
    expect(status).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });

    const authorize = new URL(browser.opened[0] ?? '');
    expect(authorize.origin + authorize.pathname).toBe(`${accuro.issuer}/v1/authorize`);
    expect(authorize.searchParams.get('tenant')).toBe(accuro.tenant);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('scope')).toBe(ACCURO_SCOPES);
    expect(accuro.tokenCalls.slice(calls)).toEqual([{ grantType: 'authorization_code', clientAuth: 'basic', tenant: accuro.tenant }]);
  });

  it('receives an access token with the claims the Accuro API reads: cid, scp, squid, requested_acron', async () => {
    const profile = await accuroProfile('claims');
    const session = sessionFor(profile, physician());
    await session.signIn();
    const claims = decodeJwt(await session.accessToken());
    expect(claims).toMatchObject({ iss: accuro.issuer, aud: 'api://default', cid: accuro.confidentialClient.clientId, squid: 'squid-physician', requested_acron: `ACRON-${accuro.tenant}` });
    expect(claims.scp).toEqual(expect.arrayContaining(['DOCUMENTS_WRITE', 'PATIENT_DEMOGRAPHICS_READ']));
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it('signs in as a public client with client_id in the body when the profile says `body`', async () => {
    const profile = await accuroProfile('public', { clientAuth: 'body' });
    const calls = accuro.tokenCalls.length;
    expect((await sessionFor(profile, physician()).signIn()).state).toBe('signed-in');
    expect(accuro.tokenCalls.slice(calls)).toEqual([{ grantType: 'authorization_code', clientAuth: 'body', tenant: accuro.tenant }]);
  });

  it('uses each one-time refresh token once: concurrent callers share one refresh, and the spent token is refused with {code, message}', async () => {
    const profile = await accuroProfile('rotation');
    let clock = Date.now();
    const session = sessionFor(profile, physician(), { now: () => clock });
    await session.signIn();
    const first = await storedRefreshToken(vault, profile.id);
    const calls = accuro.tokenCalls.length;

    clock += 2 * 3600_000;
    const tokens = await Promise.all(Array.from({ length: 5 }, () => session.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(accuro.tokenCalls.slice(calls)).toEqual([{ grantType: 'refresh_token', clientAuth: 'basic', tenant: accuro.tenant }]);
    expect(await storedRefreshToken(vault, profile.id)).not.toBe(first);

    const replay = await callTokenApi(accuro.tenant, { grant_type: 'refresh_token', refresh_token: first });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual({ code: '400', message: 'Bad Request' });
  });

  it('ends the session when the token API refuses the refresh token, instead of retrying it as a network fault', async () => {
    const profile = await accuroProfile('spent');
    let clock = Date.now();
    const session = sessionFor(profile, physician(), { now: () => clock });
    await session.signIn();
    // Spend the stored refresh token behind the session's back.
    await (await callTokenApi(accuro.tenant, { grant_type: 'refresh_token', refresh_token: await storedRefreshToken(vault, profile.id) })).body?.cancel();

    clock += 2 * 3600_000;
    await expect(session.accessToken()).rejects.toMatchObject({ kind: 'auth' });
    expect(session.status().state).toBe('expired');
    expect(await vault.get(`profile:${profile.id}:grant`)).toBeUndefined();
  });

  it('refuses a clinic code (tenant) the integration is not authorized for, with {code, message}, worded as a profile problem', async () => {
    const raw = await callTokenApi('NOPE', { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ code: '401', message: 'Unauthorized' });

    const profile = await accuroProfile('wrong-tenant', { tenant: 'NOPE' });
    const calls = accuro.tokenCalls.length;
    const status = await sessionFor(profile, physician()).signIn();
    expect(accuro.tokenCalls.slice(calls)).toEqual([{ grantType: 'authorization_code', clientAuth: 'basic', tenant: 'NOPE' }]);
    expect(status.state).toBe('signed-out');
    expect(status.error).toMatchObject({ kind: 'forbidden', status: 401 });
    expect(status.error?.message).toContain('Ask IT to check');
    expect(await vault.get(`profile:${profile.id}:grant`)).toBeUndefined();
  });

  it('revokes the refresh token at Okta on sign-out', async () => {
    const profile = await accuroProfile('sign-out');
    const session = sessionFor(profile, physician());
    await session.signIn();
    const refreshToken = await storedRefreshToken(vault, profile.id);
    await session.signOut();
    expect((await callTokenApi(accuro.tenant, { grant_type: 'refresh_token', refresh_token: refreshToken })).status).toBe(400);
  });

  it('refuses an authorize request without S256 PKCE by redirecting with invalid_request and the state', async () => {
    const url = new URL(`${accuro.issuer}/v1/authorize`);
    url.search = new URLSearchParams({ client_id: accuro.publicClientId, response_type: 'code', redirect_uri: 'http://127.0.0.1:40000/chartdrop/callback', scope: 'openid', state: 'st', code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }).toString();
    const location = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('st');
  });
});

describe('several clinics in one data dir', () => {
  it('keeps an OpenEMR, an Accuro and a SMART profile signed in side by side without sharing or overwriting tokens, across a restart', async () => {
    const sandbox = await startSandbox({ patientCount: 5, openemr: true, accuro: true });
    try {
      const { openemr, accuro: otherAccuro } = sandbox;
      if (!openemr || !otherAccuro) throw new Error('sandbox started without its doubles');

      const registration = await registerOpenEmrClient(ClinicProfileSchema.parse({ id: 'riverside', name: 'Riverside', kind: 'openemr', baseUrl: openemr.baseUrl, clientId: 'pending' }), secrets);
      openemr.enableClient(registration.clientId);
      const profiles = [
        ClinicProfileSchema.parse({ id: 'riverside', name: 'Riverside', kind: 'openemr', baseUrl: openemr.baseUrl, clientId: registration.clientId, openemr: { clientSecretRef: registration.clientSecretRef } }),
        await accuroProfile('lakeshore', { double: otherAccuro }),
        ClinicProfileSchema.parse({ id: 'aurora', name: 'Aurora', kind: 'fhir', baseUrl: sandbox.fhirBaseUrl, clientId: sandbox.clientId }),
      ];
      const sessions = profiles.map((profile) => sessionFor(profile, physician()));
      for (const session of sessions) expect((await session.signIn()).state).toBe('signed-in');

      const accessTokens = await Promise.all(sessions.map((session) => session.accessToken()));
      expect(accessTokens.map((token) => decodeJwt(token).iss)).toEqual([openemr.issuer, otherAccuro.issuer, sandbox.issuer]);
      const refreshTokens = await Promise.all(profiles.map((profile) => storedRefreshToken(vault, profile.id)));
      expect(new Set(refreshTokens).size).toBe(3);

      // Nothing readable on disk: not the tokens, not the client secrets, not the subscription key.
      const secretValues = [...accessTokens, ...refreshTokens, otherAccuro.confidentialClient.clientSecret, otherAccuro.subscriptionKey, (await secrets.read('riverside', registration.clientSecretRef)) ?? 'missing'];
      const entries = await readdir(dataDir, { withFileTypes: true, recursive: true });
      const files = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')));
      for (const content of files) for (const value of secretValues) expect(content).not.toContain(value);

      // A secret ref copied into another profile finds nothing there.
      expect(await secrets.read('aurora', registration.clientSecretRef)).toBeUndefined();

      // Signing out of one clinic leaves the others as they were.
      await sessions[1]?.signOut();
      expect(await vault.get('profile:lakeshore:grant')).toBeUndefined();
      expect(await storedRefreshToken(vault, 'riverside')).toBe(refreshTokens[0]);
      expect(await storedRefreshToken(vault, 'aurora')).toBe(refreshTokens[2]);

      // After a restart (a new vault over the same files) each remaining profile resumes its own grant.
      const reopened = new SecretVault(dataDir, createAesGcmCipher(cipherKey));
      const restored = [profiles[0], profiles[2]].map((profile) => (profile ? sessionFor(profile, physician(), { vault: reopened }) : undefined));
      for (const session of restored) {
        await session?.restore();
        expect(session?.status().state).toBe('signed-in');
      }
      const [riverside, aurora] = await Promise.all(restored.map((session) => session?.accessToken()));
      expect(decodeJwt(riverside ?? '').iss).toBe(openemr.issuer);
      expect(decodeJwt(aurora ?? '').iss).toBe(sandbox.issuer);
      expect(await storedRefreshToken(reopened, 'riverside')).not.toBe(await storedRefreshToken(reopened, 'aurora'));
    } finally {
      await sandbox.close();
    }
  });
});
