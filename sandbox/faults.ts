import type { SeededRandom } from './random.js';

/**
 * `corrupt-body` lets the request through but re-encodes its body as UTF-8 text on the way in, as a
 * proxy that reads bodies as text does (issue 8: a 50 KB PDF was stored as 91 KB).
 */
export type FaultKind = 'status-500' | 'status-503' | 'rate-limit' | 'hang' | 'reset-before' | 'reset-after' | 'corrupt-body';

export interface FaultRule {
  /** HTTP method to match, case-insensitive; any method when absent. */
  method?: string;
  /**
   * Path relative to the origin. A string matches that path and everything below it
   * (`/fhir/R4/Binary` matches `/fhir/R4/Binary/123`); a RegExp is tested against path + query.
   */
  path?: string | RegExp;
  kind: FaultKind;
  /** Chance (0..1) that a matching request is faulted, rolled on the sandbox's seeded RNG. */
  probability?: number;
  /** Fault only the next N matching requests. */
  times?: number;
  /** `Retry-After` for rate-limit and status-503. */
  retryAfterSeconds?: number;
  /** For hang: delay before processing; absent means never answer until the client gives up. */
  hangMs?: number;
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
  /** How many requests have been faulted since start. */
  readonly injected: number;
}

/** The injector plus the hook the HTTP layer calls once per request. */
export interface FaultSource extends FaultInjector {
  /** The rule to apply to this request, if any; consumes one of a `times` rule's uses. */
  take(method: string, pathAndQuery: string): FaultRule | undefined;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

function pathMatches(rule: FaultRule, pathAndQuery: string): boolean {
  if (rule.path === undefined) return true;
  if (rule.path instanceof RegExp) return rule.path.test(pathAndQuery);
  const pathname = pathAndQuery.split('?', 1)[0] ?? '';
  const prefix = rule.path.replace(/\/+$/, '');
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function createFaultInjector(random: SeededRandom): FaultSource {
  let rules: ActiveRule[] = [];
  let injected = 0;
  return {
    add(rule) {
      rules.push({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      rules = [];
    },
    get injected() {
      return injected;
    },
    take(method, pathAndQuery) {
      for (const active of rules) {
        const { rule } = active;
        if (active.remaining <= 0) continue;
        if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
        if (!pathMatches(rule, pathAndQuery)) continue;
        if (rule.probability !== undefined && random.next() >= rule.probability) continue;
        active.remaining -= 1;
        injected += 1;
        return rule;
      }
      return undefined;
    },
  };
}
