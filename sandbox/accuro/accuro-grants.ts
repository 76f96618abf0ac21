import { randomBytes } from 'node:crypto';

export interface AccuroCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scopes: string[];
  login: string;
  /** The `tenant` sent at /authorize, if any (shared/api/accuro.md §2.2 [I]). */
  tenant?: string;
  expiresAt: number;
}

export interface AccuroRefreshGrant {
  clientId: string;
  login: string;
  scopes: string[];
  tenant?: string;
}

const CODE_TTL_MS = 60_000;

/** Codes (single use) and one-time refresh tokens (§2.1: each refresh returns a new one). */
export class AccuroGrants {
  private readonly codes = new Map<string, AccuroCode>();
  private readonly refreshTokens = new Map<string, AccuroRefreshGrant>();

  issueCode(code: Omit<AccuroCode, 'expiresAt'>): string {
    const value = randomBytes(32).toString('base64url');
    this.codes.set(value, { ...code, expiresAt: Date.now() + CODE_TTL_MS });
    return value;
  }

  takeCode(value: string): AccuroCode | undefined {
    const code = this.codes.get(value);
    this.codes.delete(value);
    return code && code.expiresAt > Date.now() ? code : undefined;
  }

  issueRefreshToken(grant: AccuroRefreshGrant): string {
    const value = randomBytes(40).toString('base64url');
    this.refreshTokens.set(value, grant);
    return value;
  }

  /** Dead after this one use, whatever the caller does next. */
  takeRefreshToken(value: string): AccuroRefreshGrant | undefined {
    const grant = this.refreshTokens.get(value);
    this.refreshTokens.delete(value);
    return grant;
  }

  revoke(value: string): void {
    this.refreshTokens.delete(value);
  }
}
