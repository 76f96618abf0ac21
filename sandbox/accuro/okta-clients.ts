import { timingSafeEqual } from 'node:crypto';
import { loopbackRedirectMatches } from '../auth-double/loopback-redirect.js';

/** An application QHR registered on its Okta server for an integrator (shared/api/accuro.md §2.1). */
export interface OktaClient {
  clientId: string;
  /** Absent for a public (PKCE-only) native client (§2.2, §8 item 2). */
  secret?: string;
  redirectUri: string;
}

/**
 * Okta-style loopback matching: a registered URI without a port accepts any port on 127.0.0.1
 * (the switchable case of §7 item 2); one with a port must match exactly (§2.2 last bullet).
 */
export function redirectMatches(registered: string, requested: string): boolean {
  return loopbackRedirectMatches(registered, requested, { hosts: ['127.0.0.1'], onlyWhenRegisteredWithoutPort: true });
}

/**
 * Basic (§2.1) or the form body (§2.2); a client holding a secret must present it, a public
 * client only its id. Undefined means "refuse as 401".
 */
export function authenticateClient(clients: ReadonlyArray<OktaClient>, presented: { clientId?: string; secret?: string }): OktaClient | undefined {
  const client = clients.find((candidate) => candidate.clientId === presented.clientId);
  if (!client) return undefined;
  if (client.secret === undefined) return presented.secret === undefined ? client : undefined;
  if (presented.secret === undefined) return undefined;
  const a = Buffer.from(presented.secret);
  const b = Buffer.from(client.secret);
  return a.length === b.length && timingSafeEqual(a, b) ? client : undefined;
}
