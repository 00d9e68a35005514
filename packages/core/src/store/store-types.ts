/**
 * Store interfaces for state shared by every instance of a service (DESIGN §6, §12). Core ships
 * in-memory implementations; `@wirebridge/store-redis` implements the same contracts on Redis.
 */

/** Answer of {@link IdempotencyStore.claim}. */
export type ClaimResult =
  | { state: 'claimed'; token: string }
  | { state: 'done'; result?: string }
  | { state: 'in_progress' };

/** Claim-with-lock, then record result: one winner per key across all instances (DESIGN §4). */
export interface IdempotencyStore {
  /**
   * Claims `key` for processing. Exactly one concurrent caller gets `claimed`; the lock expires after
   * `lockMs` if the holder dies, and the whole record after `ttlMs`.
   */
  claim(key: string, options: { ttlMs: number; lockMs: number }): Promise<ClaimResult>;
  /** Marks `key` done (only by the holder of `token`), keeping `result` for later duplicates. */
  complete(key: string, token: string, options: { ttlMs: number; result?: string }): Promise<void>;
  /** Gives up the claim (only by the holder of `token`) so a resend can process the key. */
  release(key: string, token: string): Promise<void>;
}

/** Monotonic counters that survive restarts (telegram serials, STAN). */
export interface SequenceStore {
  /** Next value of the named sequence, starting at 1; with `resetDaily` it starts again at 1 each local day. */
  next(name: string, options?: { resetDaily?: { timeZone: string } }): Promise<number>;
}

/** Success/total counts over a sliding window, for the success-rate router. */
export interface WindowStore {
  /** Counts one outcome for `key` (a provider) at `at`, milliseconds since the epoch. */
  record(key: string, success: boolean, at: number): Promise<void>;
  /** Successes and total outcomes of `key` within the window ending at `now`; `{ 0, 0 }` for no data. */
  rate(key: string, now: number): Promise<{ successes: number; total: number }>;
}

/** Persisted circuit-breaker state, shared so an isolation on one instance applies on all. */
export interface BreakerState {
  /** `closed`, `open`, `half_open` or `isolated` (held open by an operator). */
  state: 'closed' | 'open' | 'half_open' | 'isolated';
  /** Milliseconds since the epoch when the state was entered. */
  since: number;
  /** Opaque serialized breaker internals (cockatiel `toJSON()`), when available. */
  snapshot?: unknown;
}

/** Storage for {@link BreakerState} by breaker name. */
export interface BreakerStateStore {
  /** The stored state of the named breaker, or `undefined` when none was stored. */
  get(name: string): Promise<BreakerState | undefined>;
  /** Stores the state of the named breaker, replacing the previous one. */
  set(name: string, state: BreakerState): Promise<void>;
}
