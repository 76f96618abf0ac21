/**
 * How an authorization server matches a requested loopback redirect URI against a registered one
 * (RFC 8252 §7.3). Servers differ, and the doubles imitate their own server's rule:
 * - `hosts`: which loopback IP literals get port-agnostic matching (never `localhost`);
 * - `onlyWhenRegisteredWithoutPort`: Okta ignores the port only if none was registered.
 * Anything else must match exactly.
 */
export interface LoopbackRule {
  hosts: readonly string[];
  onlyWhenRegisteredWithoutPort: boolean;
}

export function loopbackRedirectMatches(registered: string, requested: string, rule: LoopbackRule): boolean {
  if (registered === requested) return true;
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  const loopback = (url: URL) => url.protocol === 'http:' && rule.hosts.includes(url.hostname);
  if (rule.onlyWhenRegisteredWithoutPort && a.port !== '') return false;
  return loopback(a) && loopback(b) && a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search;
}
