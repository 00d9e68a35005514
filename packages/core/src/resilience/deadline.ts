/** Default per-attempt timeout for inquiries and other `safe` calls (DESIGN §5). */
export const DEFAULT_TIMEOUT_MS = 3_000;

/**
 * Waits `ms` milliseconds unless `signal` aborts first (then rejects with the signal's reason).
 * Uses the global `setTimeout`, so fake timers in tests control it.
 */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
