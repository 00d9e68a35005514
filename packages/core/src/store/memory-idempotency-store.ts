import { randomUUID } from 'node:crypto';
import type { MemoryStoreOptions } from './store-options.js';
import { requireName, requirePositive } from './store-options.js';
import type { ClaimResult, IdempotencyStore } from './store-types.js';

/**
 * Default `lockMs`: longer than a notification handler should take, shorter than any vendor's resend
 * interval, so a crashed holder's event is processed on the next resend (DESIGN §12).
 */
export const DEFAULT_LOCK_MS = 30_000;

type Entry =
  | { state: 'in_progress'; token: string; lockExpiresAt: number; expiresAt: number }
  | { state: 'done'; result?: string; expiresAt: number };

/** Sweeps at least this often (ms of the injected clock), so expired keys do not pile up in a quiet process. */
const sweepIntervalMs = 60_000;
/** Sweeps whenever the map doubles since the last sweep, so a burst of keys is bounded too. */
const minimumSweepSize = 1_024;

/**
 * {@link IdempotencyStore} for one process (DESIGN §4, §6): the embedded default, and the reference
 * behaviour `@wirebridge/store-redis` matches across instances.
 *
 * `claim` checks and writes without an `await` in between, so on one event loop exactly one of any number
 * of concurrent claims wins. A holder's token stays valid until its entry is replaced (by a claim after the
 * lock expired), released, completed or expired: a holder whose lock was taken over cannot complete or
 * release the new holder's claim. Expired entries are purged lazily, so memory is bounded by the keys
 * claimed within their TTL.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #lastSweepAt: number;
  #sweepAtSize = minimumSweepSize;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#lastSweepAt = this.#now();
  }

  /** Number of keys held (claimed or done, not yet purged); for tests and metrics. */
  get size(): number {
    return this.#entries.size;
  }

  async claim(key: string, options: { ttlMs: number; lockMs: number }): Promise<ClaimResult> {
    requireName(key, 'key', 'IdempotencyStore.claim');
    requirePositive(options?.ttlMs, 'ttlMs', 'IdempotencyStore.claim');
    requirePositive(options.lockMs, 'lockMs', 'IdempotencyStore.claim');
    const now = this.#now();
    this.#sweepIfDue(now);
    const entry = this.#live(key, now);
    if (entry?.state === 'done')
      return entry.result === undefined ? { state: 'done' } : { state: 'done', result: entry.result };
    if (entry?.state === 'in_progress' && entry.lockExpiresAt > now) return { state: 'in_progress' };
    // Free, or the previous holder's lock expired (it died or is too slow): this caller takes over.
    const token = randomUUID();
    this.#entries.set(key, {
      state: 'in_progress',
      token,
      lockExpiresAt: now + options.lockMs,
      // The entry outlives its lock so the old holder's token is still recognised as stale, not unknown.
      expiresAt: now + Math.max(options.ttlMs, options.lockMs),
    });
    return { state: 'claimed', token };
  }

  async complete(key: string, token: string, options: { ttlMs: number; result?: string }): Promise<void> {
    requireName(key, 'key', 'IdempotencyStore.complete');
    requirePositive(options?.ttlMs, 'ttlMs', 'IdempotencyStore.complete');
    const now = this.#now();
    const entry = this.#live(key, now);
    if (entry?.state !== 'in_progress' || entry.token !== token) return;
    this.#entries.set(
      key,
      options.result === undefined
        ? { state: 'done', expiresAt: now + options.ttlMs }
        : { state: 'done', result: options.result, expiresAt: now + options.ttlMs },
    );
  }

  async release(key: string, token: string): Promise<void> {
    requireName(key, 'key', 'IdempotencyStore.release');
    const entry = this.#live(key, this.#now());
    if (entry?.state === 'in_progress' && entry.token === token) this.#entries.delete(key);
  }

  /** The entry of `key` unless it has expired (an expired one is deleted on the way). */
  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.expiresAt > now) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  #sweepIfDue(now: number): void {
    if (this.#entries.size < this.#sweepAtSize && now - this.#lastSweepAt < sweepIntervalMs) return;
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    this.#lastSweepAt = now;
    // Amortised O(1) per claim: the next size-triggered sweep waits until the live set doubles.
    this.#sweepAtSize = Math.max(minimumSweepSize, 2 * this.#entries.size);
  }
}
