import type { BreakerStateStore } from '../store/store-types.js';

/** What the shared store says about a circuit, once expiry is applied. */
export type SharedCircuitState = 'closed' | 'open' | 'isolated';

interface CachedState {
  state: SharedCircuitState;
  readAt: number;
  /** When the stored state was entered (epoch ms), when one was stored. */
  since?: number;
}

/**
 * The shared side of a {@link CircuitBreakerRegistry} (DESIGN §6): breaker states kept in a
 * {@link BreakerStateStore} so an isolation or an opening on one instance is seen on all. Reads are cached for
 * `refreshMs` so a shared store costs at most one read per circuit per interval, not one per call.
 * @internal
 */
export class SharedBreakerStates {
  readonly #store: BreakerStateStore;
  readonly #refreshMs: number;
  readonly #halfOpenAfterMs: number;
  readonly #now: () => number;
  readonly #cache = new Map<string, CachedState>();
  /** When each circuit cached as `open` was opened, so the cached state expires after the half-open delay. */
  readonly #openedAt = new Map<string, number>();

  constructor(
    store: BreakerStateStore,
    options: { refreshMs: number; halfOpenAfterMs: number; now: () => number },
  ) {
    this.#store = store;
    this.#refreshMs = options.refreshMs;
    this.#halfOpenAfterMs = options.halfOpenAfterMs;
    this.#now = options.now;
  }

  /**
   * The shared state of `name`, read from the store when the cached one is older than `refreshMs`. A store
   * that fails to answer counts as `closed`: shared state adds caution, it never stops traffic by failing.
   */
  async read(name: string): Promise<SharedCircuitState> {
    const now = this.#now();
    const cached = this.#cache.get(name);
    if (cached !== undefined && now - cached.readAt < this.#refreshMs)
      return this.#expire(cached.state, name);
    let state: SharedCircuitState = 'closed';
    try {
      const stored = await this.#store.get(name);
      if (stored?.state === 'isolated') state = 'isolated';
      // An opening elsewhere holds every instance off for the half-open delay, then lets trial calls through.
      else if (stored?.state === 'open' && now - stored.since < this.#halfOpenAfterMs) state = 'open';
      if (state === 'open' && stored !== undefined) this.#openedAt.set(name, stored.since);
      this.#cache.set(name, { state, readAt: now, ...(stored === undefined ? {} : { since: stored.since }) });
    } catch {
      return cached?.state ?? 'closed';
    }
    return state;
  }

  /** The last state read or written, without touching the store (`undefined` when never read). */
  cached(name: string): SharedCircuitState | undefined {
    const cached = this.#cache.get(name);
    return cached === undefined ? undefined : this.#expire(cached.state, name);
  }

  /** When the circuit was last closed for every instance (a `reset` anywhere), per the last read. */
  closedSince(name: string): number | undefined {
    const cached = this.#cache.get(name);
    return cached?.state === 'closed' ? cached.since : undefined;
  }

  /** Stores `state` for every instance and caches it here. Rejects when the store cannot be written. */
  async write(name: string, state: SharedCircuitState): Promise<void> {
    const now = this.#now();
    this.#cache.set(name, { state, readAt: now, since: now });
    if (state === 'open') this.#openedAt.set(name, now);
    await this.#store.set(name, { state, since: now });
  }

  /** A cached `open` lasts only for the half-open delay after it was entered. */
  #expire(state: SharedCircuitState, name: string): SharedCircuitState {
    if (state !== 'open') return state;
    const openedAt = this.#openedAt.get(name);
    return openedAt !== undefined && this.#now() - openedAt < this.#halfOpenAfterMs ? 'open' : 'closed';
  }
}
