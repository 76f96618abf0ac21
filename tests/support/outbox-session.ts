import * as oidc from 'openid-client';
import type { TokenSource } from '../../main/emr/http.js';
import { EmrError } from '../../main/shared/errors.js';
import type { TestTokens } from '../../sandbox/sign-in-for-tests.js';

/**
 * The part of `AuthSession` the outbox and the HTTP client rely on, over tokens from a real
 * sandbox sign-in: a 401 triggers one real refresh-token grant, and a failed refresh signs out.
 */
export class TestSession implements TokenSource {
  #tokens: TestTokens;
  #accessToken: string;
  #refreshToken: string | undefined;
  #signedIn = true;
  readonly #claimedScope: string | undefined;

  /** `claimedScope`: what the app believes was granted, as when a token response omits `scope` (RFC 6749 §5.1). */
  constructor(tokens: TestTokens, claimedScope?: string) {
    this.#tokens = tokens;
    this.#accessToken = tokens.accessToken;
    this.#refreshToken = tokens.tokens.refresh_token;
    this.#claimedScope = claimedScope;
  }

  get signedIn(): boolean {
    return this.#signedIn;
  }

  grantedScope(): string {
    return this.#claimedScope ?? this.#tokens.tokens.scope ?? '';
  }

  fhirUser(): string | undefined {
    const claim = this.#tokens.tokens.claims()?.fhirUser;
    return typeof claim === 'string' ? claim : undefined;
  }

  /** A new sign-in, as after the user answered "Sign in again". */
  signInAgain(tokens: TestTokens): void {
    this.#tokens = tokens;
    this.#accessToken = tokens.accessToken;
    this.#refreshToken = tokens.tokens.refresh_token;
    this.#signedIn = true;
  }

  async accessToken(): Promise<string> {
    if (!this.#signedIn) throw new EmrError('auth', 'You are signed out. Sign in to continue.');
    return this.#accessToken;
  }

  async afterUnauthorized(rejectedToken: string): Promise<string> {
    if (this.#signedIn && rejectedToken !== this.#accessToken) return this.#accessToken;
    try {
      if (!this.#refreshToken) throw new Error('no refresh token');
      const refreshed = await oidc.refreshTokenGrant(this.#tokens.config, this.#refreshToken);
      this.#accessToken = refreshed.access_token;
      this.#refreshToken = refreshed.refresh_token ?? this.#refreshToken;
      return this.#accessToken;
    } catch (cause) {
      this.#signedIn = false;
      throw new EmrError('auth', 'Your session has ended. Sign in again.', { cause });
    }
  }
}
