import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as oidc from 'openid-client';
import { AuthSession } from '../../main/auth/auth-session.js';
import { discoverSmartServer } from '../../main/emr/fhir/smart-auth-server.js';
import type { AuthStatus } from '../../main/ipc/contract.js';
import { createAesGcmCipher, type SecretCipher } from '../../main/store/cipher.js';
import { SecretVault } from '../../main/store/secret-vault.js';
import { completeSignInWithoutBrowser } from '../../sandbox/headless-sign-in.js';
import { REGISTERED_REDIRECT_URI, type Sandbox } from '../../sandbox/index.js';

/** The path the sandbox registered for ChartDrop's clients; only the port may vary (RFC 8252 §7.3). */
export const REDIRECT_PATH = new URL(REGISTERED_REDIRECT_URI).pathname;
export const PROFILE_ID = 'clinic-a';

/** What one request to the app's loopback listener got back. `status` 0: the connection was refused. */
export interface Delivery {
  url: URL;
  status: number;
  body: string;
  cacheControl: string | null;
  location: string | null;
}

export interface BrowserVisit {
  /** The authorize URL the app asked the browser to open. */
  authorizeUrl: URL;
  /** Where the sign-in server sent the browser back to (not requested by itself). */
  redirect: URL;
  deliveries: Delivery[];
  /** The page the tab ended on after the 303 from the listener, if any. */
  resultPage?: Delivery;
}

export interface FakeBrowserOptions {
  login?: string;
  /** An attacker rewriting the front channel before the user signs in. */
  rewriteAuthorizeUrl?(url: URL): URL;
  /** What reaches the listener, in order; default the server's redirect, once. */
  deliver?(redirect: URL): URL[];
  /** Time between the sign-in pages and the first delivery (a user who walked away). */
  delayMs?: number;
  /**
   * Resolve `openExternal` only once the tab has loaded, as the browser shell's Playwright tab
   * did: with a server that redirects straight back, that is after the app has answered.
   */
  resolveWhenLoaded?: boolean;
}

async function request(url: URL): Promise<Delivery> {
  try {
    const response = await fetch(url, { redirect: 'manual' });
    return { url, status: response.status, body: await response.text(), cacheControl: response.headers.get('cache-control'), location: response.headers.get('location') };
  } catch {
    return { url, status: 0, body: '', cacheControl: null, location: null };
  }
}

/**
 * The "system browser" for AuthSession: it walks the sandbox's real login and consent pages and
 * then requests the loopback redirect (or whatever the test's attacker makes of it). Like the
 * real `shell.openExternal`, opening resolves at once; the visit runs on its own.
 */
export class FakeBrowser {
  readonly visits: Array<Promise<BrowserVisit>> = [];
  readonly #sandbox: Sandbox;
  readonly #options: FakeBrowserOptions;

  constructor(sandbox: Sandbox, options: FakeBrowserOptions = {}) {
    this.#sandbox = sandbox;
    this.#options = options;
  }

  readonly openExternal = async (url: string): Promise<void> => {
    const visit = this.#visit(new URL(url));
    visit.catch(() => undefined);
    this.visits.push(visit);
    if (this.#options.resolveWhenLoaded) await visit;
  };

  async lastVisit(): Promise<BrowserVisit> {
    const visit = this.visits.at(-1);
    if (!visit) throw new Error('the app never opened the browser');
    return visit;
  }

  async #visit(authorizeUrl: URL): Promise<BrowserVisit> {
    const login = this.#options.login ?? 'physician';
    const password = this.#sandbox.users.find((user) => user.login === login)?.password ?? '';
    const opened = this.#options.rewriteAuthorizeUrl?.(new URL(authorizeUrl)) ?? authorizeUrl;
    const redirect = new URL(await completeSignInWithoutBrowser(opened.href, { login, password }));
    if (this.#options.delayMs) await new Promise((resolve) => setTimeout(resolve, this.#options.delayMs).unref());
    const deliveries: Delivery[] = [];
    for (const target of this.#options.deliver?.(new URL(redirect)) ?? [redirect]) deliveries.push(await request(target));
    const redirected = deliveries.find((delivery) => delivery.status === 303 && delivery.location);
    const resultPage = redirected ? await request(new URL(redirected.location ?? '', redirected.url)) : undefined;
    return { authorizeUrl, redirect, deliveries, ...(resultPage ? { resultPage } : {}) };
  }
}

/** Every token the sandbox's token endpoint handed to the app, read off the wire. */
export class TokenWireTap {
  readonly accessTokens: string[] = [];
  readonly refreshTokens: string[] = [];
  readonly idTokens: string[] = [];

  readonly fetch = async (url: string, options: oidc.CustomFetchOptions): Promise<Response> => {
    const response = await fetch(url, options as RequestInit);
    if (new URL(url).pathname.endsWith('/token') && response.ok) {
      const body = (await response.clone().json()) as Record<string, unknown>;
      if (typeof body['access_token'] === 'string') this.accessTokens.push(body['access_token']);
      if (typeof body['refresh_token'] === 'string') this.refreshTokens.push(body['refresh_token']);
      if (typeof body['id_token'] === 'string') this.idTokens.push(body['id_token']);
    }
    return response;
  };

  get all(): string[] {
    return [...this.accessTokens, ...this.refreshTokens, ...this.idTokens];
  }

  get latestRefreshToken(): string {
    const token = this.refreshTokens.at(-1);
    if (!token) throw new Error('no refresh token was issued');
    return token;
  }
}

/** A clock the test can move forward to make the access token stale. */
export class TestClock {
  offsetMs = 0;
  readonly now = (): number => Date.now() + this.offsetMs;
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface HarnessOptions {
  browser?: FakeBrowserOptions;
  /** 0 (default) = ephemeral. */
  port?: number;
  signInTimeoutMs?: number;
  /** `null`: no encryption available, nothing secret may be persisted. Default AES-GCM with a test key. */
  cipher?: SecretCipher | null;
  vault?(dataDir: string, cipher: SecretCipher | null): SecretVault;
  /** Reuse a data dir (a second run of the app). */
  dataDir?: string;
  clock?: TestClock;
}

export interface AuthHarness {
  session: AuthSession;
  vault: SecretVault;
  dataDir: string;
  cipher: SecretCipher | null;
  browser: FakeBrowser;
  wire: TokenWireTap;
  clock: TestClock;
  statuses: AuthStatus[];
  /** What the session logged (it must never hold a token). */
  logs: string[];
  /** The grant as a fresh process would read it from disk. */
  storedGrant(): Promise<{ refreshToken: string } | undefined>;
  dispose(): Promise<void>;
}

const TEST_KEY = randomBytes(32);

/** An AuthSession wired as core.ts wires it, but against the sandbox and a temp data dir. */
export async function createAuthHarness(sandbox: Sandbox, options: HarnessOptions = {}): Promise<AuthHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'chartdrop-auth-')));
  const cipher = options.cipher === undefined ? createAesGcmCipher(TEST_KEY) : options.cipher;
  const vault = options.vault?.(dataDir, cipher) ?? new SecretVault(dataDir, cipher);
  const browser = new FakeBrowser(sandbox, options.browser);
  const wire = new TokenWireTap();
  const clock = options.clock ?? new TestClock();
  const statuses: AuthStatus[] = [];
  const logs: string[] = [];
  const session = new AuthSession({
    profileId: PROFILE_ID,
    redirect: { path: REDIRECT_PATH, port: options.port ?? 0 },
    signInTimeoutMs: options.signInTimeoutMs ?? 10_000,
    vault,
    async discover() {
      const server = await discoverSmartServer(sandbox.fhirBaseUrl, { clientId: sandbox.clientId });
      server.config[oidc.customFetch] = wire.fetch;
      return server;
    },
    openExternal: browser.openExternal,
    onChange: (status) => statuses.push(status),
    now: clock.now,
    log: (line) => logs.push(line),
  });
  return {
    session,
    vault,
    dataDir,
    cipher,
    browser,
    wire,
    clock,
    statuses,
    logs,
    async storedGrant() {
      const stored = await new SecretVault(dataDir, cipher).get(`profile:${PROFILE_ID}:grant`);
      return stored === undefined ? undefined : (JSON.parse(stored) as { refreshToken: string });
    },
    async dispose() {
      session.cancelSignIn();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir`, recursively, with its bytes. */
export async function readAllFiles(dir: string): Promise<Array<{ path: string; content: Buffer }>> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, content: await readFile(path) })));
}

/** Token-endpoint requests the sandbox has seen since the log was last cleared. */
export function tokenRequests(sandbox: Sandbox): number {
  return sandbox.requests.entries.filter((entry) => entry.method === 'POST' && entry.path === '/oidc/token').length;
}
