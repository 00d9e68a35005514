/** Options of {@link fullJitterDelay}. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry; it doubles on each further retry. @default 100 */
  baseDelayMs?: number;
  /** Upper bound of any single delay. @default 5_000 */
  maxDelayMs?: number;
  /** Source of randomness in [0, 1). Inject a fixed function in tests. @default Math.random */
  random?: () => number;
}

/** Default first-retry ceiling in milliseconds. */
export const DEFAULT_BASE_DELAY_MS = 100;
/** Default cap of a single retry delay in milliseconds. */
export const DEFAULT_MAX_DELAY_MS = 5_000;

/**
 * Exponential backoff with full jitter: a uniform draw in [0, min(cap, base × 2^(retry−1))).
 * Full jitter spreads the retries of many clients that failed together, so a recovering vendor is not
 * hit by synchronized waves (DESIGN §5).
 *
 * @param retry 1 for the first retry (the second attempt), 2 for the next, …
 */
export function fullJitterDelay(retry: number, options: BackoffOptions = {}): number {
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const cap = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  // 2 ** 30 keeps the product finite for absurd retry counts before the cap applies.
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(retry - 1, 0), 30));
  return Math.floor(random() * ceiling);
}
