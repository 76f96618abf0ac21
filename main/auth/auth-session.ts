import { z } from 'zod';
import { EmrError } from '../shared/errors.js';
import type { AuthStatus } from './auth-status.js';
import type { SecretVault } from '../store/secret-vault.js';
import { signInWithBrowser, type TokenResponse } from './authorization-flow.js';
import { describeOAuthFailure } from './oauth-errors.js';
import type { AuthServer } from './auth-server.js';
import { refreshGrant, type RefreshOutcome } from './refresh-grant.js';
import { signedInUser } from './signed-in-user.js';
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
  /** Diagnostics that never carry a token; default the process's stderr. */
  log?: (line: string) => void;
}

/** Refresh this long before the access token expires, so a request never leaves with a dying token. */
const REFRESH_MARGIN_MS = 60_000;

const SESSION_ENDED = 'Your session has ended. Sign in again.';

const PersistedGrantSchema = z.object({
  refreshToken: z.string(),
  scope: z.string(),
  subject: z.string().optional(),
  user: z.object({ displayName: z.string().optional(), fhirUser: z.string().optional() }),
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

function persistedGrant(refreshToken: string, { scope, user, subject }: TokenSet): string {
  return JSON.stringify({ refreshToken, scope, ...(subject !== undefined ? { subject } : {}), user } satisfies z.infer<typeof PersistedGrantSchema>);
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
  readonly #log: (line: string) => void;
  #tokens: TokenSet | undefined;
  #state: AuthStatus['state'] = 'signed-out';
  #error: AuthStatus['error'];
  #refreshing: Promise<TokenSet> | undefined;
  #signInAbort: AbortController | undefined;
  #server: Promise<AuthServer> | undefined;
  /** Once discovery has answered: whether sign-out can end the grant on the server too. */
  #revokesOnSignOut: boolean | undefined;

  constructor(options: AuthSessionOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? ((line) => console.warn(`[auth] ${line}`));
  }

  get #vaultKey(): string {
    return `profile:${this.#options.profileId}:grant`;
  }

  status(): AuthStatus {
    return {
      state: this.#state,
      ...(this.#tokens ? { user: this.#tokens.user.displayName ? { displayName: this.#tokens.user.displayName } : {} } : {}),
      ...(this.#error ? { error: this.#error } : {}),
      sessionPersists: this.#options.vault.persists,
      ...(this.#revokesOnSignOut !== undefined ? { revokesOnSignOut: this.#revokesOnSignOut } : {}),
    };
  }

  get user(): SignedInUser | undefined {
    return this.#tokens?.user;
  }

  /** The server's stable id for whoever is signed in (`sub`), where it names one: what is theirs alone (drafts) is kept under it. */
  get subject(): string | undefined {
    return this.#tokens?.subject;
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
      const server = await this.#discovered();
      const response = await signInWithBrowser({
        server,
        redirect: this.#options.redirect,
        timeoutMs: this.#options.signInTimeoutMs,
        openExternal: this.#options.openExternal,
        signal: abort.signal,
      });
      const identity = await signedInUser(server, response, this.#log);
      if (this.#signInAbort !== abort) return this.status();
      await this.#accept(response, undefined, identity);
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
    if (!current?.refreshToken) return this.#expire(SESSION_ENDED);
    const server = await this.#discovered();
    let outcome: RefreshOutcome;
    try {
      outcome = await refreshGrant(server, current.refreshToken, { subject: current.subject });
    } catch (error) {
      if (this.#tokens !== current) throw signedOutError();
      const failure = describeOAuthFailure(error);
      if (failure.kind === 'auth' || failure.kind === 'forbidden') return this.#expire(SESSION_ENDED);
      throw failure;
    }
    const { response, idToken } = outcome;
    if (idToken && idToken.problems.length > 0) {
      this.#log(`refresh: the new access token was accepted, the id_token that came with it was not used (${idToken.problems.join('; ')})`);
    }
    if (idToken && !idToken.sameUser) {
      if (this.#tokens !== current) throw signedOutError();
      // Whoever that id_token is for, it is not the person who signed in here: nothing filed
      // from now on may be attributed to them.
      return this.#expire('The sign-in server answered for someone else, so ChartDrop ended this session. Sign in again.');
    }
    return this.#accept(response, current, current);
  }

  /**
   * Stores the grant durably first, then publishes the new tokens. A refresh that finishes after
   * the user signed out (or signed in afresh) is dropped, so it cannot bring the old grant back
   * to disk.
   */
  async #accept(response: TokenResponse, previous: TokenSet | undefined, carried: Pick<TokenSet, 'user'> & Partial<TokenSet>): Promise<TokenSet> {
    const tokens = tokenSetFrom(response, carried, this.#now());
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
    this.#server ??= this.#options.discover().then(
      (server) => {
        const learned = this.#revokesOnSignOut === undefined;
        this.#revokesOnSignOut = server.endGrant !== undefined;
        // The sign-out confirmation words itself on this; tell the window once it is known.
        if (learned && this.#state === 'signed-in') this.#options.onChange(this.status());
        return server;
      },
      (error: unknown) => {
        this.#server = undefined;
        throw error;
      },
    );
    return this.#server;
  }

  #setState(state: AuthStatus['state']): void {
    this.#state = state;
    this.#options.onChange(this.status());
  }
}
