import * as oidc from 'openid-client';
import { z } from 'zod';
import { EmrError } from '../emr/errors.js';
import type { AuthStatus } from '../ipc/contract.js';
import type { SecretVault } from '../store/secret-vault.js';
import { signInWithBrowser, type TokenResponse } from './authorization-flow.js';
import { describeOAuthFailure } from './oauth-errors.js';
import type { AuthServer } from './auth-server.js';
import { tokenSetFrom, type SignedInUser, type TokenSet } from './token-set.js';

export interface AuthSessionOptions {
  profileId: string;
  redirect: { path: string; port: number };
  signInTimeoutMs: number;
  vault: SecretVault;
  discover(): Promise<AuthServer>;
  openExternal(url: string): Promise<void>;
  onChange(status: AuthStatus): void;
  now?: () => number;
}

/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

const PersistedGrantSchema = z.object({
  refreshToken: z.string(),
  scope: z.string(),
  user: z.object({ displayName: z.string(), fhirUser: z.string().optional() }),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function signedOutError(): EmrError {
  return new EmrError('auth', 'You are signed out. Sign in to continue.');
}

function persistedGrant(refreshToken: string, { scope, user }: TokenSet): string {
  return JSON.stringify({ refreshToken, scope, user } satisfies z.infer<typeof PersistedGrantSchema>);
}

/**
 * One clinic profile's sign-in and token lifecycle. Tokens live only here, in main. The refresh
 * is single-flight: every caller that finds the token stale awaits the same refresh, and a rotated
 * refresh token is durably stored before the new access token is handed to anyone — servers
 * revoke the whole grant when a spent refresh token is replayed (DESIGN.md "Sign-in").
 */
export class AuthSession {
  readonly #options: AuthSessionOptions;
  readonly #now: () => number;
  #tokens: TokenSet | undefined;
  #state: AuthStatus['state'] = 'signed-out';
  #error: AuthStatus['error'];
  #refreshing: Promise<TokenSet> | undefined;
  #signInAbort: AbortController | undefined;
  #server: Promise<AuthServer> | undefined;

  constructor(options: AuthSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get #vaultKey(): string {
    return `profile:${this.#options.profileId}:grant`;
  }

  status(): AuthStatus {
    return {
      state: this.#state,
      ...(this.#tokens ? { user: { displayName: this.#tokens.user.displayName } } : {}),
      ...(this.#error ? { error: this.#error } : {}),
      sessionPersists: this.#options.vault.persists,
    };
  }

  get user(): SignedInUser | undefined {
    return this.#tokens?.user;
  }

  get grantedScope(): string {
    return this.#tokens?.scope ?? '';
  }

  /** Picks up a stored grant from a previous run, if any, by refreshing it once. */
  async restore(): Promise<void> {
    const stored = await this.#options.vault.get(this.#vaultKey);
    if (!stored) return;
    const grant = PersistedGrantSchema.safeParse(parseJson(stored));
    if (!grant.success) {
      await this.#options.vault.delete(this.#vaultKey);
      return;
    }
    this.#tokens = { accessToken: '', expiresAt: 0, ...grant.data };
    this.#setState('signed-in');
    try {
      await this.accessToken();
    } catch {
      // accessToken() already moved the session to `expired` or kept it for a later retry.
    }
  }

  async signIn(): Promise<AuthStatus> {
    this.#signInAbort?.abort();
    const abort = new AbortController();
    this.#signInAbort = abort;
    this.#error = undefined;
    this.#setState('signing-in');
    try {
      const response = await signInWithBrowser({
        server: await this.#discovered(),
        redirect: this.#options.redirect,
        timeoutMs: this.#options.signInTimeoutMs,
        openExternal: this.#options.openExternal,
        signal: abort.signal,
      });
      await this.#accept(response, undefined);
      this.#setState('signed-in');
    } catch (error) {
      // A newer sign-in replaced this one: the state is now that one's to report.
      if (this.#signInAbort !== abort) return this.status();
      // A failed sign-in leaves nothing behind: no tokens in memory, and no earlier grant on disk
      // that the next launch would quietly restore.
      this.#tokens = undefined;
      await this.#options.vault.delete(this.#vaultKey);
      this.#error = describeOAuthFailure(error).toView();
      this.#setState('signed-out');
    } finally {
      if (this.#signInAbort === abort) this.#signInAbort = undefined;
    }
    return this.status();
  }

  cancelSignIn(): void {
    this.#signInAbort?.abort();
  }

  async signOut(): Promise<AuthStatus> {
    const tokens = this.#tokens;
    this.#tokens = undefined;
    this.#error = undefined;
    await this.#options.vault.delete(this.#vaultKey);
    this.#setState('signed-out');
    if (tokens) {
      // Best effort: the local session is gone whatever the server says.
      const server = await this.#discovered().catch(() => undefined);
      await server?.endGrant?.({ ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}), ...(tokens.idToken ? { idToken: tokens.idToken } : {}) }).catch(() => undefined);
    }
    return this.status();
  }

  /** A valid access token, refreshing first when it is about to expire. */
  async accessToken(): Promise<string> {
    const tokens = this.#tokens;
    if (!tokens || this.#state !== 'signed-in') throw signedOutError();
    if (tokens.expiresAt - REFRESH_MARGIN_MS > this.#now()) return tokens.accessToken;
    return (await this.#refreshOnce()).accessToken;
  }

  /**
   * Called when the server answered 401 to `rejectedToken`. If someone already refreshed since,
   * the newer token is returned; otherwise one refresh is made for everybody.
   */
  async afterUnauthorized(rejectedToken: string): Promise<string> {
    const tokens = this.#tokens;
    if (tokens && tokens.accessToken !== rejectedToken && this.#state === 'signed-in') return tokens.accessToken;
    return (await this.#refreshOnce()).accessToken;
  }

  #refreshOnce(): Promise<TokenSet> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<TokenSet> {
    const current = this.#tokens;
    if (!current?.refreshToken) return this.#expire('Your session has ended. Sign in again.');
    const server = await this.#discovered();
    let response: TokenResponse;
    try {
      response = await oidc.refreshTokenGrant(server.config, current.refreshToken, server.tokenParams);
    } catch (error) {
      if (this.#tokens !== current) throw signedOutError();
      const failure = describeOAuthFailure(error);
      if (failure.kind === 'auth' || failure.kind === 'forbidden') return this.#expire('Your session has ended. Sign in again.');
      throw failure;
    }
    return this.#accept(response, current);
  }

  /**
   * Stores the grant durably first, then publishes the new tokens. A refresh that finishes after
   * the user signed out (or signed in afresh) is dropped, so it cannot bring the old grant back
   * to disk.
   */
  async #accept(response: TokenResponse, previous: TokenSet | undefined): Promise<TokenSet> {
    const tokens = tokenSetFrom(response, previous, this.#now());
    if (previous && this.#tokens !== previous) throw signedOutError();
    if (!tokens.refreshToken) {
      // No refresh token (offline access not granted): nothing of an earlier grant may outlive this one.
      await this.#options.vault.delete(this.#vaultKey);
    } else {
      await this.#options.vault.set(this.#vaultKey, persistedGrant(tokens.refreshToken, tokens));
      if (previous && this.#tokens !== previous) {
        // Sign-out (or a new sign-in) ran while the write was in flight: put back what it left.
        const now = this.#tokens;
        await (now?.refreshToken ? this.#options.vault.set(this.#vaultKey, persistedGrant(now.refreshToken, now)) : this.#options.vault.delete(this.#vaultKey));
        throw signedOutError();
      }
    }
    this.#tokens = tokens;
    return tokens;
  }

  async #expire(message: string): Promise<never> {
    this.#tokens = undefined;
    await this.#options.vault.delete(this.#vaultKey);
    const error = new EmrError('auth', message);
    this.#error = error.toView();
    this.#setState('expired');
    throw error;
  }

  #discovered(): Promise<AuthServer> {
    // A failed discovery is not cached: the next attempt tries again.
    this.#server ??= this.#options.discover().catch((error: unknown) => {
      this.#server = undefined;
      throw error;
    });
    return this.#server;
  }

  #setState(state: AuthStatus['state']): void {
    this.#state = state;
    this.#options.onChange(this.status());
  }
}
