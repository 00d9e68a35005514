import { AbortedError } from '../errors/families.js';
import { type BackoffOptions, fullJitterDelay } from './backoff.js';
import { delay } from './deadline.js';
import { isRetryableError } from './retryable.js';

/** Default number of attempts (first try included) for `safe` and `keyed` operations (DESIGN §5). */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** Options of {@link executeWithRetry}. */
export interface RetryOptions extends BackoffOptions {
  /** Attempts in total, the first one included. @default 3 */
  maxAttempts?: number;
  /** Stops waiting and retrying when aborted. */
  signal?: AbortSignal;
  /** Which errors may be retried. @default isRetryableError */
  shouldRetry?: (error: unknown) => boolean;
  /** Told of each scheduled retry, before the delay. */
  onRetry?: (retry: { attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Runs `action` until it succeeds, the error is not retryable, or attempts run out, sleeping a
 * full-jitter exponential delay between attempts.
 *
 * Hand-written rather than cockatiel's `retry()`: cockatiel 3.2 sleeps between attempts without
 * watching the AbortSignal, and a caller's cancel must stop a long backoff at once
 * (docs/decisions/0003-resilience-on-cockatiel.md).
 *
 * @param action receives the 1-based attempt number.
 */
export async function executeWithRetry<T>(
  action: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const shouldRetry = options.shouldRetry ?? isRetryableError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await action(attempt);
    } catch (error) {
      if (attempt >= maxAttempts || !shouldRetry(error) || options.signal?.aborted) throw error;
      const delayMs = fullJitterDelay(attempt, options);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      try {
        await delay(delayMs, options.signal);
      } catch {
        // Aborted while waiting: nothing was sent for the next attempt, so the caller gets a plain abort.
        throw new AbortedError({ message: 'call aborted while waiting to retry', cause: error });
      }
    }
  }
}
