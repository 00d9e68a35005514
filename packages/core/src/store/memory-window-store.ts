import { ValidationError } from '../errors/families.js';
import type { MemoryStoreOptions } from './store-options.js';
import { requireName, requirePositive } from './store-options.js';
import type { WindowStore } from './store-types.js';

/** Options of {@link MemoryWindowStore}. */
export interface MemoryWindowStoreOptions extends MemoryStoreOptions {
  /** Length of the sliding window. The router's rule counts the last 5 minutes (DESIGN §6). @default 300_000 */
  windowMs?: number;
  /** Width of one bucket; must divide `windowMs`. Smaller is more precise, larger uses less memory. @default 10_000 */
  bucketMs?: number;
}

/** Default window: the router counts success over the last 5 minutes (DESIGN §6). */
export const DEFAULT_WINDOW_MS = 300_000;
/** Default bucket width (DESIGN §6: "e.g. 10 s buckets"). */
export const DEFAULT_BUCKET_MS = 10_000;

/** Per-key ring of buckets; slot `i` holds bucket number `epochs[i]` (time / bucketMs). */
interface Ring {
  epochs: Float64Array;
  successes: Float64Array;
  totals: Float64Array;
}

/**
 * {@link WindowStore} for one process: success/total counts over a sliding window, as a ring of fixed
 * buckets per key (DESIGN §6). `record` is O(1), `rate` is O(buckets), and memory is keys × buckets.
 *
 * The window moves a bucket at a time: `rate(key, now)` counts the buckets from the one containing
 * `now` back to `windowMs / bucketMs` buckets, so a record at least `windowMs` old never counts and one
 * younger than `windowMs − bucketMs` always does.
 */
export class MemoryWindowStore implements WindowStore {
  readonly #rings = new Map<string, Ring>();
  readonly #bucketMs: number;
  readonly #bucketCount: number;

  constructor(options: MemoryWindowStoreOptions = {}) {
    const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    const bucketMs = options.bucketMs ?? DEFAULT_BUCKET_MS;
    requirePositive(windowMs, 'windowMs', 'MemoryWindowStore');
    requirePositive(bucketMs, 'bucketMs', 'MemoryWindowStore');
    if (!Number.isInteger(windowMs / bucketMs)) {
      throw new ValidationError({
        message: 'MemoryWindowStore: windowMs must be a whole number of buckets',
        issues: [{ path: 'bucketMs', message: 'must divide windowMs', code: 'not_multiple_of' }],
      });
    }
    this.#bucketMs = bucketMs;
    this.#bucketCount = windowMs / bucketMs;
  }

  /** Number of buckets kept per key (`windowMs / bucketMs`). */
  get bucketCount(): number {
    return this.#bucketCount;
  }

  async record(key: string, success: boolean, at: number): Promise<void> {
    requireName(key, 'key', 'WindowStore.record');
    requireTime(at, 'at', 'WindowStore.record');
    const epoch = Math.floor(at / this.#bucketMs);
    const ring = this.#ringFor(key);
    const slot = this.#slotOf(epoch);
    const slotEpoch = ring.epochs[slot]!;
    // A late record for a bucket already reused by a newer one is older than the window: drop it.
    if (slotEpoch > epoch) return;
    if (slotEpoch < epoch) {
      ring.epochs[slot] = epoch;
      ring.successes[slot] = 0;
      ring.totals[slot] = 0;
    }
    ring.totals[slot]! += 1;
    if (success) ring.successes[slot]! += 1;
  }

  async rate(key: string, now: number): Promise<{ successes: number; total: number }> {
    return this.rateNow(key, now);
  }

  /**
   * {@link rate} without the promise: the router's decision path reads an in-process window synchronously, which
   * keeps a decision within its budget (DESIGN §10, 1 µs).
   */
  rateNow(key: string, now: number): { successes: number; total: number } {
    requireName(key, 'key', 'WindowStore.rate');
    requireTime(now, 'now', 'WindowStore.rate');
    const ring = this.#rings.get(key);
    if (ring === undefined) return { successes: 0, total: 0 };
    const newest = Math.floor(now / this.#bucketMs);
    const oldest = newest - this.#bucketCount + 1;
    let successes = 0;
    let total = 0;
    for (let slot = 0; slot < this.#bucketCount; slot++) {
      const epoch = ring.epochs[slot]!;
      if (epoch >= oldest && epoch <= newest) {
        successes += ring.successes[slot]!;
        total += ring.totals[slot]!;
      }
    }
    return { successes, total };
  }

  #ringFor(key: string): Ring {
    let ring = this.#rings.get(key);
    if (ring === undefined) {
      ring = {
        // -Infinity marks an unused slot: older than any bucket number.
        epochs: new Float64Array(this.#bucketCount).fill(Number.NEGATIVE_INFINITY),
        successes: new Float64Array(this.#bucketCount),
        totals: new Float64Array(this.#bucketCount),
      };
      this.#rings.set(key, ring);
    }
    return ring;
  }

  #slotOf(epoch: number): number {
    // Bucket numbers before 1970 are negative; keep the slot in [0, bucketCount).
    return ((epoch % this.#bucketCount) + this.#bucketCount) % this.#bucketCount;
  }
}

function requireTime(value: unknown, path: string, subject: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError({
      message: `${subject}: ${path} must be a time in milliseconds since the epoch`,
      issues: [{ path, message: 'must be a finite number', code: 'invalid_type' }],
    });
  }
}
