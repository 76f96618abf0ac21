import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SecretCipher } from '../../main/store/cipher.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { startSandbox, type Sandbox } from '../../sandbox/index.js';
import { discoverSandbox } from '../../sandbox/sign-in-for-tests.js';
import { createAuthHarness, PROFILE_ID, readAllFiles, tokenRequests, type AuthHarness, type HarnessOptions } from './auth-harness.js';

const HOUR_MS = 3600_000;
/** The sandbox's default access-token lifetime. */
const TOKEN_TTL_MS = HOUR_MS;

let sandbox: Sandbox;
const harnesses: AuthHarness[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.requests.clear());
afterEach(async () => {
  sandbox.faults.clear();
  await Promise.all(harnesses.splice(0).map((harness) => harness.dispose()));
});

async function signedIn(options: HarnessOptions = {}): Promise<AuthHarness> {
  const created = await createAuthHarness(sandbox, options);
  harnesses.push(created);
  expect((await created.session.signIn()).state).toBe('signed-in');
  sandbox.requests.clear();
  return created;
}

/** Records the moment the vault has really put a grant on disk, read back as a fresh process would. */
class WatchedVault extends SecretVault {
  readonly events: string[] = [];
  readonly #dataDir: string;
  readonly #cipher: SecretCipher | null;

  constructor(dataDir: string, cipher: SecretCipher | null) {
    super(dataDir, cipher);
    this.#dataDir = dataDir;
    this.#cipher = cipher;
  }

  /** Runs once, while the next write is in flight. */
  duringWrite: (() => void) | undefined;

  override async set(key: string, value: string): Promise<void> {
    const writing = super.set(key, value);
    this.duringWrite?.();
    this.duringWrite = undefined;
    await writing;
    const onDisk = await new SecretVault(this.#dataDir, this.#cipher).get(key);
    this.events.push(`on disk: ${(JSON.parse(onDisk ?? '{}') as { refreshToken?: string }).refreshToken}`);
  }
}

describe('token refresh', () => {
  it('refreshes within a minute of expiry, not before', async () => {
    const h = await signedIn();
    const first = await h.session.accessToken();
    h.clock.advance(TOKEN_TTL_MS - 5 * 60_000);
    expect(await h.session.accessToken()).toBe(first);
    expect(tokenRequests(sandbox)).toBe(0);
    h.clock.advance(4 * 60_000 + 30_000);
    const second = await h.session.accessToken();
    expect(second).not.toBe(first);
    expect(tokenRequests(sandbox)).toBe(1);
  });

  it('single-flight: 20 concurrent callers on an expired token cause exactly one refresh', async () => {
    const h = await signedIn();
    h.clock.advance(2 * HOUR_MS);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => h.session.accessToken()));
    expect(tokenRequests(sandbox)).toBe(1);
    expect(new Set(tokens)).toEqual(new Set([h.wire.accessTokens.at(-1)]));
    expect(h.session.status().state).toBe('signed-in');
  });

  it('single-flight after 401: 20 callers holding the rejected token share one refresh; a later 401 on that old token refreshes no more', async () => {
    const h = await signedIn();
    const rejected = await h.session.accessToken();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => h.session.afterUnauthorized(rejected)));
    expect(tokenRequests(sandbox)).toBe(1);
    expect(new Set(tokens)).toEqual(new Set([h.wire.accessTokens.at(-1)]));
    expect(await h.session.afterUnauthorized(rejected)).toBe(tokens[0]);
    expect(tokenRequests(sandbox)).toBe(1);
  });

  it('writes the rotated refresh token to disk before anyone gets the new access token', async () => {
    const h = await createAuthHarness(sandbox, { vault: (dataDir, cipher) => new WatchedVault(dataDir, cipher) });
    harnesses.push(h);
    await h.session.signIn();
    const vault = h.vault as WatchedVault;
    vault.events.length = 0;

    h.clock.advance(2 * HOUR_MS);
    const token = await h.session.accessToken();
    vault.events.push(`used: ${token}`);

    const [spent, rotated] = h.wire.refreshTokens;
    expect(rotated).not.toBe(spent);
    expect(vault.events).toEqual([`on disk: ${rotated}`, `used: ${h.wire.accessTokens.at(-1)}`]);
  });

  it('hands out no new access token when the rotated refresh token cannot be stored', async () => {
    const h = await signedIn();
    const before = await h.session.accessToken();
    h.vault.set = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    h.clock.advance(2 * HOUR_MS);
    await expect(h.session.accessToken()).rejects.toThrow('ENOSPC');
    expect(tokenRequests(sandbox)).toBe(1);
    expect(h.wire.accessTokens.at(-1)).not.toBe(before);
  });

  it('a refresh refused with invalid_grant ends the session (expired), clears the vault, and a new sign-in works', async () => {
    const h = await signedIn();
    await sandbox.revokeGrants('physician');
    h.clock.advance(2 * HOUR_MS);
    await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'auth', message: 'Your session has ended. Sign in again.' });
    expect(h.session.status()).toEqual({ state: 'expired', error: { kind: 'auth', message: 'Your session has ended. Sign in again.' }, sessionPersists: true, revokesOnSignOut: true });
    expect(h.statuses.at(-1)?.state).toBe('expired');
    expect(await h.storedGrant()).toBeUndefined();
    await expect(h.session.afterUnauthorized('anything')).rejects.toMatchObject({ kind: 'auth' });

    expect((await h.session.signIn()).state).toBe('signed-in');
    expect(await h.session.accessToken()).toBe(h.wire.accessTokens.at(-1));
  });

  it('a refresh that fails for a transient reason keeps the session for a later retry', async () => {
    const h = await signedIn();
    sandbox.faults.add({ method: 'POST', path: '/oidc/token', kind: 'status-503', times: 1 });
    h.clock.advance(2 * HOUR_MS);
    await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'transient' });
    expect(h.session.status().state).toBe('signed-in');
    expect(await h.session.accessToken()).toBe(h.wire.accessTokens.at(-1));
  });
});

describe('sign-out racing a refresh', () => {
  it('a refresh that answers after sign-out is dropped: nothing is written back, and a new run stays signed out', async () => {
    const h = await signedIn();
    h.clock.advance(2 * HOUR_MS);
    const refreshing = h.session.accessToken();
    const signingOut = h.session.signOut();
    await expect(refreshing).rejects.toMatchObject({ kind: 'auth', message: 'You are signed out. Sign in to continue.' });
    await signingOut;
    expect(tokenRequests(sandbox)).toBe(1);
    expect(h.session.status().state).toBe('signed-out');
    expect(await h.storedGrant()).toBeUndefined();

    const nextRun = await createAuthHarness(sandbox, { dataDir: h.dataDir });
    harnesses.push(nextRun);
    await nextRun.session.restore();
    expect(nextRun.session.status().state).toBe('signed-out');
  });

  it('a sign-out while the rotated refresh token is being written leaves no grant on disk or in memory', async () => {
    const h = await createAuthHarness(sandbox, { vault: (dataDir, cipher) => new WatchedVault(dataDir, cipher) });
    harnesses.push(h);
    await h.session.signIn();
    const vault = h.vault as WatchedVault;
    let signingOut: Promise<unknown> | undefined;
    vault.duringWrite = () => {
      signingOut = h.session.signOut();
    };
    h.clock.advance(2 * HOUR_MS);
    await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'auth' });
    await signingOut;
    expect(h.session.status().state).toBe('signed-out');
    expect(h.session.user).toBeUndefined();
    expect(await h.storedGrant()).toBeUndefined();
  });
});

describe('secrets at rest', () => {
  /** Each token as it could appear in a file: raw, base64, and (for JWTs) the signature alone. */
  function searchableForms(token: string): string[] {
    const signature = token.split('.').at(2);
    return [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url'), ...(signature && signature.length > 20 ? [signature] : [])];
  }

  async function filesContainingAny(dataDir: string, secrets: string[]): Promise<string[]> {
    const files = await readAllFiles(dataDir);
    return files.flatMap(({ path, content }) => secrets.filter((secret) => content.includes(secret)).map((secret) => `${path} holds ${secret.slice(0, 12)}…`));
  }

  it('no token ever lies on disk in the clear: after sign-in, refresh and sign-out, no file under the data dir holds one', async () => {
    const h = await signedIn();
    h.clock.advance(2 * HOUR_MS);
    await h.session.accessToken();
    expect(h.wire.accessTokens).toHaveLength(2);
    expect(h.wire.refreshTokens).toHaveLength(2);
    expect(h.wire.idTokens.length).toBeGreaterThanOrEqual(1);
    // The sandbox's client is public: there is no client secret to look for.
    const secrets = h.wire.all.flatMap(searchableForms);

    const whileSignedIn = await readAllFiles(h.dataDir);
    expect(whileSignedIn.map((file) => file.path)).toEqual([join(h.dataDir, 'secrets.json')]);
    if (process.platform !== 'win32') expect((await stat(join(h.dataDir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(await filesContainingAny(h.dataDir, secrets)).toEqual([]);
    expect(await h.storedGrant()).toMatchObject({ refreshToken: h.wire.latestRefreshToken });

    await h.session.signOut();
    expect(await filesContainingAny(h.dataDir, secrets)).toEqual([]);
    expect(await new SecretVault(h.dataDir, h.cipher).get(`profile:${PROFILE_ID}:grant`)).toBeUndefined();
  });
});

describe('sign-out', () => {
  it('revokes the refresh token at the server (RFC 7009), deletes the stored grant and signs out', async () => {
    const h = await signedIn();
    const refreshToken = h.wire.latestRefreshToken;
    const status = await h.session.signOut();

    expect(status).toEqual({ state: 'signed-out', sessionPersists: true, revokesOnSignOut: true });
    expect(sandbox.requests.entries).toContainEqual({ method: 'POST', path: '/oidc/token/revocation', status: 200 });
    await expect(oidc.refreshTokenGrant(await discoverSandbox(sandbox), refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(await h.storedGrant()).toBeUndefined();
    await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'auth' });
  });

  it('signs out locally even when the revocation endpoint fails', async () => {
    const h = await signedIn();
    sandbox.faults.add({ path: '/oidc/token/revocation', kind: 'status-500' });
    expect(await h.session.signOut()).toEqual({ state: 'signed-out', sessionPersists: true, revokesOnSignOut: true });
    expect(await h.storedGrant()).toBeUndefined();
  });
});
