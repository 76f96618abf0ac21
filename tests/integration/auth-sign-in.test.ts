import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { createAuthHarness, PROFILE_ID, readAllFiles, REDIRECT_PATH, tokenRequests, type AuthHarness, type HarnessOptions } from './auth-harness.js';

let sandbox: Sandbox;
const harnesses: AuthHarness[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.requests.clear());
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.dispose()));
});

async function harness(options: HarnessOptions = {}): Promise<AuthHarness> {
  const created = await createAuthHarness(sandbox, options);
  harnesses.push(created);
  return created;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('AuthSession sign-in against the sandbox', () => {
  it('signs in through the real pages with PKCE S256, state, nonce and aud, and leaves the tab on a no-store result page', async () => {
    const h = await harness();
    const status = await h.session.signIn();

    expect(status).toEqual({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' }, sessionPersists: true, revokesOnSignOut: true });
    const visit = await h.browser.lastVisit();
    const params = visit.authorizeUrl.searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{43}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(params.get('aud')).toBe(sandbox.fhirBaseUrl);
    expect(params.get('redirect_uri')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${REDIRECT_PATH}$`));
    expect(visit.deliveries.map((delivery) => [delivery.status, delivery.cacheControl])).toEqual([[303, 'no-store']]);
    expect(visit.resultPage).toMatchObject({ status: 200, cacheControl: 'no-store' });
    expect(visit.resultPage?.body).toContain('You can close this tab');
    expect(h.session.user?.fhirUser).toMatch(/\/Practitioner\//);
    expect(h.statuses.map((s) => s.state)).toEqual(['signing-in', 'signed-in']);
    expect((await h.storedGrant())?.refreshToken).toBe(h.wire.latestRefreshToken);
    expect(tokenRequests(sandbox)).toBe(1);
  });

  it('is told the issuer on the callback (RFC 9207 iss) and the redirect carries nothing but code, state and iss', async () => {
    const h = await harness();
    await h.session.signIn();
    const { redirect } = await h.browser.lastVisit();
    expect(redirect.searchParams.get('iss')).toBe(sandbox.issuer);
    expect([...redirect.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
  });

  it('listens on the profile’s fixed port when one is set', async () => {
    const port = await freePort();
    const h = await harness({ port });
    expect((await h.session.signIn()).state).toBe('signed-in');
    const { authorizeUrl } = await h.browser.lastVisit();
    expect(authorizeUrl.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}${REDIRECT_PATH}`);
  });

  it('stops after signInTimeoutMs when the user never finishes, and the port is released', async () => {
    const port = await freePort();
    const h = await harness({ port, signInTimeoutMs: 300, browser: { delayMs: 60_000 } });
    const status = await h.session.signIn();
    expect(status).toMatchObject({ state: 'signed-out', error: { kind: 'auth', message: expect.stringContaining('took too long') } });
    await expect(fetch(`http://127.0.0.1:${port}${REDIRECT_PATH}`)).rejects.toThrow();
    expect(await h.storedGrant()).toBeUndefined();
  });

  it('can be cancelled while the browser is open', async () => {
    const h = await harness({ browser: { delayMs: 60_000 } });
    const signingIn = h.session.signIn();
    await vi.waitFor(() => expect(h.browser.visits).toHaveLength(1));
    h.session.cancelSignIn();
    expect(await signingIn).toMatchObject({ state: 'signed-out', error: { kind: 'auth', message: 'Sign-in was cancelled.' } });
  });

  it('restores a stored grant in a new run by refreshing it once', async () => {
    const first = await harness();
    await first.session.signIn();
    const second = await harness({ dataDir: first.dataDir });
    await second.session.restore();
    expect(second.session.status()).toMatchObject({ state: 'signed-in', user: { displayName: 'Dr. Amélie Tremblay' } });
    expect(await second.session.accessToken()).toBe(second.wire.accessTokens.at(-1));
    expect((await second.storedGrant())?.refreshToken).toBe(second.wire.latestRefreshToken);
  });

  it('drops a stored grant it cannot read instead of failing to start', async () => {
    const h = await harness();
    await h.vault.set(`profile:${PROFILE_ID}:grant`, 'not json');
    await h.session.restore();
    expect(h.session.status().state).toBe('signed-out');
    expect(await h.vault.get(`profile:${PROFILE_ID}:grant`)).toBeUndefined();
  });

  it('persists nothing secret where no cipher is available, and says the session will not persist', async () => {
    const h = await harness({ cipher: null });
    expect(await h.session.signIn()).toMatchObject({ state: 'signed-in', sessionPersists: false });
    expect(await h.storedGrant()).toBeUndefined();
    expect(await readAllFiles(h.dataDir)).toEqual([]);
  });
});

