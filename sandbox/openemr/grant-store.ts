import { randomBytes } from 'node:crypto';

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  /** As sent at /authorize; empty makes the exchange fail (shared/api/openemr.md §6.3). */
  state: string;
  codeChallenge?: string;
  nonce?: string;
  scopes: string[];
  login: string;
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  login: string;
  scopes: string[];
  expiresAt: number;
}

const CODE_TTL_MS = 60_000; // §6.3: `PT1M`
const REFRESH_TTL_MS = 90 * 86_400_000; // §6.5: `P3M`

/**
 * Codes, refresh tokens and the "trusted user" rows for (client, user): a token works only while
 * its row exists, and logout deletes the row (shared/api/openemr.md §6.5, §6.7).
 */
export class GrantStore {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly trustedUsers = new Set<string>();

  constructor(private readonly now: () => number) {}

  issueCode(code: Omit<AuthorizationCode, 'expiresAt'>): string {
    const value = randomBytes(32).toString('base64url');
    this.codes.set(value, { ...code, expiresAt: this.now() + CODE_TTL_MS });
    this.trustedUsers.add(trustKey(code.clientId, code.login));
    return value;
  }

  /** Single use: a code is gone once presented, whatever the outcome. */
  takeCode(value: string): AuthorizationCode | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    return code && code.expiresAt > this.now() ? code : undefined;
  }

  issueRefreshToken(grant: Omit<RefreshGrant, 'expiresAt'>): string {
    const value = randomBytes(48).toString('base64url');
    this.refreshTokens.set(value, { ...grant, expiresAt: this.now() + REFRESH_TTL_MS });
    return value;
  }

  /** Rotation: the presented token is revoked as it is used (league default, §6.5). */
  takeRefreshToken(value: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(value);
    this.refreshTokens.delete(value);
    return grant && grant.expiresAt > this.now() && this.isTrusted(grant.clientId, grant.login) ? grant : undefined;
  }

  peekRefreshToken(value: string): RefreshGrant | undefined {
    const grant = this.refreshTokens.get(value);
    return grant && grant.expiresAt > this.now() && this.isTrusted(grant.clientId, grant.login) ? grant : undefined;
  }

  isTrusted(clientId: string, login: string): boolean {
    return this.trustedUsers.has(trustKey(clientId, login));
  }

  /** Logout (§6.7): every token of this client and user stops working. */
  forgetTrustedUser(clientId: string, login: string): void {
    this.trustedUsers.delete(trustKey(clientId, login));
  }
}

function trustKey(clientId: string, login: string): string {
  return `${clientId}\n${login}`;
}
