import type { Logger, WirebridgeError } from '@wirebridge/core';
import type { FailurePolicy } from './redis-store-options.js';

/**
 * Runs `attempt`; under `fail-open`, a store error becomes `fallback()` and a `warn` log line (code and
 * message only: store errors carry no secrets, and keys are provider or breaker names), so the caller keeps
 * working on local knowledge while Redis is away. Under `fail-closed` the error propagates.
 */
export async function applyFailurePolicy<T>(
  policy: FailurePolicy,
  logger: Logger | undefined,
  operation: string,
  attempt: () => Promise<T>,
  fallback: () => T,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (policy === 'fail-closed') throw error;
    const storeError = error as WirebridgeError;
    logger?.warn(
      { event: { action: operation }, error: { code: storeError.code, message: storeError.message } },
      `${operation} failed open: Redis unavailable, using local state`,
    );
    return fallback();
  }
}
