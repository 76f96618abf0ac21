import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore } from '../../main/core/app-core.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { createAesGcmCipher } from '../../main/store/cipher.js';
import { demoProfile } from '../../main/profiles/profile-store.js';
import { resetQuirks, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { createAuthHarness, FakeBrowser, tokenRequests, type AuthHarness, type HarnessOptions } from './auth-harness.js';

/**
 * Issue 10: what SMART servers other than the sandbox do, each behind a sandbox switch that is
 * off unless a test turns it on.
 */

const HOUR_MS = 3600_000;
let sandbox: Sandbox;
const harnesses: AuthHarness[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.requests.clear());
afterEach(async () => {
  resetQuirks(sandbox.quirks);
  sandbox.faults.clear();
  await Promise.all(harnesses.splice(0).map((harness) => harness.dispose()));
});

async function harness(options: HarnessOptions = {}): Promise<AuthHarness> {
  const created = await createAuthHarness(sandbox, options);
  harnesses.push(created);
  return created;
}

async function signedIn(options: HarnessOptions = {}): Promise<AuthHarness> {
  const created = await harness(options);
  expect((await created.session.signIn()).state).toBe('signed-in');
  sandbox.requests.clear();
  return created;
}

function interactionRequests(): string[] {
  return sandbox.requests.entries.filter((entry) => entry.path.startsWith('/interaction')).map((entry) => `${entry.method} ${entry.path}`);
}

function expectNoTokenIn(lines: string[], h: AuthHarness): void {
  const text = lines.join('\n');
  for (const token of h.wire.all) expect(text).not.toContain(token);
}

describe('an authorize step that redirects straight back (a user the server already knows)', () => {
  it('finishes sign-in even when opening the browser only returns once the tab has loaded', async () => {
    sandbox.quirks.autoApprove = 'physician';
    const h = await harness({ signInTimeoutMs: 5_000, browser: { resolveWhenLoaded: true } });
    const started = Date.now();
    const status = await h.session.signIn();
    expect(status).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    expect(Date.now() - started).toBeLessThan(4_000);
    // No login or consent page was answered: the browser only followed redirects.
    expect(interactionRequests().every((request) => request.startsWith('GET '))).toBe(true);
    const visit = await h.browser.lastVisit();
    expect(visit.deliveries.map((delivery) => delivery.status)).toEqual([303]);
    expect(visit.resultPage?.body).toContain('You can close this tab');
  });

  it('is off by default: the sandbox makes the user log in and consent', async () => {
    const h = await harness();
    expect((await h.session.signIn()).state).toBe('signed-in');
    expect(interactionRequests().filter((request) => request.startsWith('POST ')).map((request) => request.split('/').at(-1))).toEqual(['login', 'consent']);
  });
});

describe('a refresh answered with 200 whose id_token is missing or flawed', () => {
  it('keeps the session when the refreshed id_token has no aud, and logs why without any token', async () => {
    sandbox.quirks.refreshIdToken = 'without-aud';
    const h = await signedIn();
    const before = await h.session.accessToken();
    h.clock.advance(2 * HOUR_MS);
    const after = await h.session.accessToken();
    expect(after).not.toBe(before);
    expect(after).toBe(h.wire.accessTokens.at(-1));
    expect(h.session.status()).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    expect(h.session.user?.fhirUser).toMatch(/\/Practitioner\/practitioner-tremblay$/);
    expect((await h.storedGrant())?.refreshToken).toBe(h.wire.latestRefreshToken);
    expect(h.logs).toEqual([expect.stringContaining('no aud')]);
    expectNoTokenIn(h.logs, h);
    expect(tokenRequests(sandbox)).toBe(1);
  });

  it('keeps the session, quietly, when the refresh answer carries no id_token at all', async () => {
    sandbox.quirks.refreshIdToken = 'omitted';
    const h = await signedIn();
    h.clock.advance(2 * HOUR_MS);
    expect(await h.session.accessToken()).toBe(h.wire.accessTokens.at(-1));
    h.clock.advance(2 * HOUR_MS);
    expect(await h.session.accessToken()).toBe(h.wire.accessTokens.at(-1));
    expect(h.session.status()).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    expect(h.wire.idTokens).toHaveLength(1);
    expect(h.logs).toEqual([]);
  });

  it('restores a saved sign-in after a restart although the refreshed id_token has no aud', async () => {
    const first = await signedIn();
    sandbox.quirks.refreshIdToken = 'without-aud';
    const nextRun = await harness({ dataDir: first.dataDir });
    await nextRun.session.restore();
    expect(nextRun.session.status()).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    expect(await nextRun.session.accessToken()).toBe(nextRun.wire.accessTokens.at(-1));
    expect((await nextRun.storedGrant())?.refreshToken).toBe(nextRun.wire.latestRefreshToken);
    expect(nextRun.logs).toEqual([expect.stringContaining('no aud')]);
  });

  it('ends the session when the refreshed id_token names a different user', async () => {
    sandbox.quirks.refreshIdToken = 'other-subject';
    const h = await signedIn();
    h.clock.advance(2 * HOUR_MS);
    await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('someone else') });
    expect(h.session.status().state).toBe('expired');
    expect(h.session.user).toBeUndefined();
    expect(await h.storedGrant()).toBeUndefined();
    expect(h.logs).toEqual([expect.stringContaining('sub differs from the sign-in')]);
    expectNoTokenIn(h.logs, h);
  });

  it('ends a restored session too when the first refresh names a different user', async () => {
    const first = await signedIn();
    sandbox.quirks.refreshIdToken = 'other-subject';
    const nextRun = await harness({ dataDir: first.dataDir });
    await nextRun.session.restore();
    expect(nextRun.session.status().state).toBe('expired');
    expect(await nextRun.storedGrant()).toBeUndefined();
  });
});

describe('an id_token without a name', () => {
  it('names the user from the fhirUser Practitioner, read with the new access token', async () => {
    sandbox.quirks.idTokenWithoutName = true;
    const h = await harness();
    const status = await h.session.signIn();
    expect(status).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    const practitionerReads = sandbox.requests.entries.filter((entry) => entry.method === 'GET' && entry.path === '/fhir/R4/Practitioner/practitioner-tremblay');
    expect(practitionerReads).toHaveLength(1);
  });

  it('says plainly "signed in", with no name and never the sub, when the Practitioner cannot be read', async () => {
    sandbox.quirks.idTokenWithoutName = true;
    sandbox.faults.add({ method: 'GET', path: '/fhir/R4/Practitioner/practitioner-tremblay', kind: 'status-503', times: 1 });
    const h = await harness();
    const status = await h.session.signIn();
    expect(status.state).toBe('signed-in');
    expect(status.user).toEqual({});
    expect(JSON.stringify(status)).not.toContain('physician');
    expect(h.session.user?.fhirUser).toMatch(/\/Practitioner\/practitioner-tremblay$/);
    expect(h.logs).toEqual([expect.stringContaining('answered 503')]);
    expectNoTokenIn(h.logs, h);
  });

  it('records the Practitioner’s name in the audit log, not the sub', async () => {
    sandbox.quirks.idTokenWithoutName = true;
    const dataDir = await mkdtemp(join(tmpdir(), 'chartdrop-audit-'));
    const browser = new FakeBrowser(sandbox, { login: 'physician' });
    const core = await createAppCore({
      shell: 'electron',
      version: 'test',
      dataDir,
      cipher: createAesGcmCipher(Buffer.alloc(32, 7)),
      openExternal: browser.openExternal,
      profile: demoProfile(sandbox),
      demo: true,
    });
    try {
      expect(await createHandlers(core)['auth:signIn'](null)).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
      await createHandlers(core)['auth:signOut'](null);
      await core.dispose();
      const lines = (await readFile(join(dataDir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.filter((line) => line['action'] === 'signed-in' || line['action'] === 'signed-out')).toEqual([
        expect.objectContaining({ action: 'signed-in', user: 'Dr. Amélie Tremblay' }),
        expect.objectContaining({ action: 'signed-out', user: 'Dr. Amélie Tremblay' }),
      ]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a server without token revocation', () => {
  it('tells the window that sign-out ends the sign-in here only, and the refresh token indeed stays valid there', async () => {
    sandbox.quirks.withoutRevocation = true;
    const h = await signedIn();
    expect(h.session.status().revokesOnSignOut).toBe(false);
    const refreshToken = h.wire.latestRefreshToken;
    await h.session.signOut();
    expect(sandbox.requests.entries.filter((entry) => entry.path === '/oidc/token/revocation')).toEqual([]);
    const stillValid = await fetch(`${sandbox.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sandbox.clientId }),
    });
    expect(stillValid.status).toBe(200);
  });

  it('says the server ends it too where it revokes, and does revoke', async () => {
    const h = await signedIn();
    expect(h.session.status().revokesOnSignOut).toBe(true);
    await h.session.signOut();
    expect(sandbox.requests.entries.filter((entry) => entry.method === 'POST' && entry.path === '/oidc/token/revocation')).toHaveLength(1);
  });
});
