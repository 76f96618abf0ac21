import { createServer } from 'node:net';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ID_TOKEN_TAMPERS, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { completeSignInWithoutBrowser } from '../../sandbox/headless-sign-in.js';
import { CHARTDROP_V2_SCOPES, discoverSandbox } from '../../sandbox/sign-in-for-tests.js';
import { createAuthHarness, tokenRequests, type AuthHarness, type HarnessOptions } from './auth-harness.js';

/**
 * Each attack on the sign-in must be refused with a worded error, leave the session signed out
 * and leave nothing in the vault — proven against the sandbox's real authorization server.
 */

const SECURITY_CHECK = 'The sign-in answer failed a security check and was not used. Start the sign-in again from ChartDrop.';
const NO_LONGER_VALID = 'The sign-in is no longer valid. Sign in again.';
const NOT_WAITED_FOR = 'This sign-in answer is not the one ChartDrop is waiting for.';

let sandbox: Sandbox;
const harnesses: AuthHarness[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ patientCount: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.requests.clear());
afterEach(async () => {
  sandbox.oidcTamper.next = undefined;
  await Promise.all(harnesses.splice(0).map((harness) => harness.dispose()));
});

async function harness(options: HarnessOptions = {}): Promise<AuthHarness> {
  const created = await createAuthHarness(sandbox, options);
  harnesses.push(created);
  return created;
}

async function expectNothingKept(h: AuthHarness): Promise<void> {
  expect(h.session.status().state).toBe('signed-out');
  expect(h.session.user).toBeUndefined();
  expect(await h.storedGrant()).toBeUndefined();
  await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'auth' });
}

function withParam(url: URL, name: string, value: string | undefined): URL {
  const changed = new URL(url);
  if (value === undefined) changed.searchParams.delete(name);
  else changed.searchParams.set(name, value);
  return changed;
}

describe('forged callbacks never reach the token endpoint', () => {
  it.each([
    ['a wrong state', (redirect: URL) => withParam(redirect, 'state', oidc.randomState())],
    ['a missing state', (redirect: URL) => withParam(redirect, 'state', undefined)],
  ])('refuses %s in the browser and keeps waiting until the sign-in times out', async (_case, forge) => {
    const h = await harness({ signInTimeoutMs: 1500, browser: { deliver: (redirect) => [forge(redirect)] } });
    const status = await h.session.signIn();
    const visit = await h.browser.lastVisit();
    expect(visit.deliveries[0]).toMatchObject({ status: 400, body: expect.stringContaining(NOT_WAITED_FOR) });
    expect(status.error).toMatchObject({ kind: 'auth', message: expect.stringContaining('took too long') });
    expect(tokenRequests(sandbox)).toBe(0);
    await expectNothingKept(h);
  });

  it.each([
    ['a wrong issuer (RFC 9207 iss, mix-up)', (redirect: URL) => withParam(redirect, 'iss', 'http://127.0.0.1:9/evil')],
    ['no issuer although the server promises one', (redirect: URL) => withParam(redirect, 'iss', undefined)],
  ])('refuses a callback with %s before exchanging the code, and tells the tab why', async (_case, forge) => {
    const h = await harness({ browser: { deliver: (redirect) => [forge(redirect)] } });
    const status = await h.session.signIn();
    expect(status.error).toEqual({ kind: 'auth', message: SECURITY_CHECK });
    expect(tokenRequests(sandbox)).toBe(0);
    const visit = await h.browser.lastVisit();
    expect(visit.resultPage).toMatchObject({ status: 200, cacheControl: 'no-store', body: expect.stringContaining('failed a security check') });
    await expectNothingKept(h);
  });
});

describe('codes the app must not be able to redeem', () => {
  it('a replayed code is refused by the server, which also revokes what the first exchange gave', async () => {
    const config = await discoverSandbox(sandbox);
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const authorizeUrl = oidc.buildAuthorizationUrl(config, {
      redirect_uri: 'http://127.0.0.1:50123/chartdrop/callback',
      scope: CHARTDROP_V2_SCOPES,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      aud: sandbox.fhirBaseUrl,
    });
    const callback = new URL(await completeSignInWithoutBrowser(authorizeUrl.href, { login: 'physician', password: 'demo' }));
    const first = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    await expect(oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state })).rejects.toMatchObject({
      error: 'invalid_grant',
      error_description: 'grant request is invalid',
    });
    // RFC 6749 §4.1.2: tokens issued from a code that is used twice should be revoked.
    await expect(oidc.refreshTokenGrant(config, first.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('an already-redeemed code injected into another sign-in is refused and nothing is kept', async () => {
    const victim = await harness();
    await victim.session.signIn();
    const spentCode = (await victim.browser.lastVisit()).redirect.searchParams.get('code') ?? '';
    sandbox.requests.clear();

    const h = await harness({ browser: { deliver: (redirect) => [withParam(redirect, 'code', spentCode)] } });
    const status = await h.session.signIn();
    expect(status.error).toMatchObject({ kind: 'auth', message: NO_LONGER_VALID });
    expect(tokenRequests(sandbox)).toBe(1);
    expect((await h.browser.lastVisit()).resultPage?.body).toContain(NO_LONGER_VALID);
    await expectNothingKept(h);
  });

  it('a code issued to another client is refused (invalid_grant) and nothing is kept', async () => {
    const h = await harness({ browser: { rewriteAuthorizeUrl: (url) => withParam(url, 'client_id', sandbox.otherClientId) } });
    const status = await h.session.signIn();
    expect(status.error).toEqual({ kind: 'auth', message: NO_LONGER_VALID, status: 400 });
    expect(tokenRequests(sandbox)).toBe(1);
    await expectNothingKept(h);
  });

  it('a code bound to someone else’s PKCE challenge fails the app’s verifier (invalid_grant) and nothing is kept', async () => {
    const attackerChallenge = await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier());
    const h = await harness({ browser: { rewriteAuthorizeUrl: (url) => withParam(url, 'code_challenge', attackerChallenge) } });
    const status = await h.session.signIn();
    expect(status.error).toEqual({ kind: 'auth', message: NO_LONGER_VALID, status: 400 });
    expect(tokenRequests(sandbox)).toBe(1);
    await expectNothingKept(h);
  });
});

describe('the listener takes exactly one callback, only while it waits', () => {
  it('refuses a second callback after a successful sign-in without a second exchange', async () => {
    const h = await harness({ browser: { deliver: (redirect) => [redirect, redirect] } });
    expect((await h.session.signIn()).state).toBe('signed-in');
    const visit = await h.browser.lastVisit();
    expect(visit.deliveries.map((delivery) => delivery.status)).toEqual([303, 409]);
    expect(visit.deliveries[1]?.body).toContain('already finished this sign-in');
    expect(tokenRequests(sandbox)).toBe(1);
    // Once the tab has shown the result page, the port is closed: a later replay finds nobody.
    await expect(fetch(visit.redirect)).rejects.toThrow();
  });

  it('a callback that arrives after the timeout finds the port closed and the session signed out', async () => {
    const h = await harness({ signInTimeoutMs: 400, browser: { delayMs: 1200 } });
    const status = await h.session.signIn();
    expect(status.error).toMatchObject({ kind: 'auth', message: expect.stringContaining('took too long') });
    const visit = await h.browser.lastVisit();
    expect(visit.deliveries.map((delivery) => delivery.status)).toEqual([0]);
    expect(tokenRequests(sandbox)).toBe(0);
    await expectNothingKept(h);
  });

  it('fails clearly, before opening the browser, when the profile’s fixed port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const h = await harness({ port });
      const status = await h.session.signIn();
      expect(status.error).toMatchObject({ kind: 'validation', field: 'redirect.port', message: expect.stringContaining(`Port ${port}`) });
      expect(h.browser.visits).toHaveLength(0);
      await expectNothingKept(h);
    } finally {
      blocker.close();
    }
  });
});

describe('forged id_tokens from the token endpoint', () => {
  it.each(ID_TOKEN_TAMPERS)('refuses an id_token forged by kind "%s" and keeps nothing', async (kind) => {
    const h = await harness();
    sandbox.oidcTamper.next = kind;
    const status = await h.session.signIn();
    expect(status.error).toEqual({ kind: 'auth', message: SECURITY_CHECK });
    expect((await h.browser.lastVisit()).resultPage?.body).toContain('failed a security check');
    await expectNothingKept(h);

    // The forgery really reached the app, and is the one this case is about.
    const idToken = h.wire.idTokens.at(-1) ?? '';
    const claims = decodeJwt(idToken);
    const sentNonce = (await h.browser.lastVisit()).authorizeUrl.searchParams.get('nonce');
    const published = createRemoteJWKSet(new URL(`${sandbox.issuer}/jwks`));
    const verified = jwtVerify(idToken, published, { issuer: sandbox.issuer, audience: sandbox.clientId });
    switch (kind) {
      case 'nonce':
        expect(claims.nonce).not.toBe(sentNonce);
        await verified;
        break;
      case 'aud':
        await expect(verified).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'aud' });
        break;
      case 'iss':
        await expect(verified).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'iss' });
        break;
      case 'expired':
        await expect(verified).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
        break;
      case 'signature':
        expect(claims.nonce).toBe(sentNonce);
        await expect(verified).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
        break;
    }
  });
});

describe('refresh-token replay', () => {
  it('a replayed rotated refresh token is refused, the server revokes the grant, and the session ends asking for a new sign-in', async () => {
    const h = await harness();
    await h.session.signIn();
    h.clock.advance(2 * 3600_000);
    await h.session.accessToken();
    const [spent, current] = h.wire.refreshTokens;
    expect(current).toBeDefined();
    expect((await h.storedGrant())?.refreshToken).toBe(current);

    const config = await discoverSandbox(sandbox);
    await expect(oidc.refreshTokenGrant(config, spent ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });

    h.clock.advance(2 * 3600_000);
    await expect(h.session.accessToken()).rejects.toMatchObject({ kind: 'auth', message: 'Your session has ended. Sign in again.' });
    expect(h.session.status()).toMatchObject({ state: 'expired', error: { kind: 'auth', message: 'Your session has ended. Sign in again.' } });
    expect(await h.storedGrant()).toBeUndefined();
    await expect(oidc.refreshTokenGrant(config, current ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
