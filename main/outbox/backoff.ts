/**
 * Exponential backoff with full jitter (base × 2^(attempt−1), capped), unless the server said how
 * long to wait (Retry-After), which wins.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random, baseMs: number = DEFAULT_BASE_DELAY_MS): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_DELAY_MS);
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const DEFAULT_BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 10 * 60_000;
