import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type IDisposable,
  isBrokenCircuitError,
} from 'cockatiel';
import { CircuitOpenError } from '../errors/families.js';
import type { BreakerStateStore } from '../store/store-types.js';
import { isBreakerFailure } from './retryable.js';
import { SharedBreakerStates } from './shared-breaker-states.js';

/** Public state of one named circuit. */
export type CircuitStateName = 'closed' | 'open' | 'half_open' | 'isolated';

/** Options shared by every breaker of a registry. */
export interface CircuitBreakerOptions {
  /** Consecutive failed calls that open the circuit. @default 5 */
  failureThreshold?: number;
  /** Milliseconds an open circuit waits before letting one trial call through (half-open). @default 30_000 */
  halfOpenAfterMs?: number;
  /** Which errors count as failures. @default transport/timeout/unknown-outcome/protocol errors and `unavailable` vendor answers */
  isFailure?: (error: unknown) => boolean;
  /**
   * Where breaker states are shared with every other instance of the service (DESIGN §6), e.g. a
   * `RedisBreakerStateStore`. With it, a circuit that opens here, or one isolated by an admin call on any
   * instance, is open on all; `reset(name)` closes it on all. A store that cannot be read is ignored (each
   * instance falls back to its own breakers), so shared state never stops traffic by itself failing.
   * @default none (each instance keeps its own breakers)
   */
  stateStore?: BreakerStateStore;
  /**
   * How long a shared state read from `stateStore` is trusted before it is read again: the bound on how
   * late another instance's isolation is seen here. `0` reads the store before every call.
   * @default 1_000
   */
  stateRefreshMs?: number;
  /** Clock for shared-state timestamps and expiry, in epoch ms. @default Date.now */
  now?: () => number;
}

/** One row of {@link CircuitBreakerRegistry.list}. */
export interface CircuitSummary {
  name: string;
  state: CircuitStateName;
}

interface Entry {
  policy: CircuitBreakerPolicy;
  isolation?: IDisposable;
  /** When `isolation` began (epoch ms): a shared reset after it ends it here too. */
  isolatedAt?: number;
  /** When the circuit last opened (epoch ms), to report half-open before cockatiel's lazy transition. */
  openedAt?: number;
}

const stateNames: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half_open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * Named circuit breakers (`kicc`, `coocon:jeonbuk`, a bank code…), created on first use (DESIGN §5).
 * A service can list them and open or close one by name from an admin API or an external health signal,
 * such as a bank's announced maintenance window.
 */
export class CircuitBreakerRegistry {
  readonly #options: Required<Omit<CircuitBreakerOptions, 'stateStore' | 'stateRefreshMs'>>;
  readonly #entries = new Map<string, Entry>();
  readonly #shared: SharedBreakerStates | undefined;

  constructor(options: CircuitBreakerOptions = {}) {
    this.#options = {
      failureThreshold: options.failureThreshold ?? 5,
      halfOpenAfterMs: options.halfOpenAfterMs ?? 30_000,
      isFailure: options.isFailure ?? isBreakerFailure,
      now: options.now ?? (() => Date.now()),
    };
    this.#shared =
      options.stateStore === undefined
        ? undefined
        : new SharedBreakerStates(options.stateStore, {
            refreshMs: options.stateRefreshMs ?? 1_000,
            halfOpenAfterMs: this.#options.halfOpenAfterMs,
            now: this.#options.now,
          });
  }

  /** Runs `action` through the named circuit; an open circuit throws {@link CircuitOpenError} without calling it. */
  async execute<T>(name: string, action: () => Promise<T>): Promise<T> {
    const entry = this.#entry(name);
    if (this.#shared !== undefined) {
      const shared = await this.#shared.read(name);
      if (shared === 'open' || shared === 'isolated') {
        throw new CircuitOpenError({ circuit: name, details: { state: shared, shared: true } });
      }
      this.#followSharedReset(name);
    }
    try {
      return await (this.#entries.get(name) ?? entry).policy.execute(() => action());
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        throw new CircuitOpenError({ circuit: name, details: { state: this.state(name) } });
      }
      throw error;
    }
  }

  /**
   * The state of one circuit (`closed` for one never used). With a `stateStore`, the last shared state read
   * wins when it is stricter (see {@link currentState} to read the store first).
   */
  state(name: string): CircuitStateName {
    const shared = this.#shared?.cached(name);
    if (shared === 'isolated' || shared === 'open') return shared;
    return this.#localState(name);
  }

  /** Whether states are shared through a `stateStore` (then {@link currentState} may read the store). */
  get sharesState(): boolean {
    return this.#shared !== undefined;
  }

  /** Like {@link state}, after reading the shared store when the cached shared state is stale. */
  async currentState(name: string): Promise<CircuitStateName> {
    if (this.#shared !== undefined) {
      await this.#shared.read(name);
      this.#followSharedReset(name);
    }
    return this.state(name);
  }

  /** An isolation made here ends when another instance reset the circuit after it (the admin's last word). */
  #followSharedReset(name: string): void {
    const entry = this.#entries.get(name);
    const closedSince = this.#shared?.closedSince(name);
    if (entry?.isolatedAt === undefined || closedSince === undefined || closedSince < entry.isolatedAt)
      return;
    entry.isolation?.dispose();
    this.#entries.set(name, this.#createEntry(name));
  }

  #localState(name: string): CircuitStateName {
    const entry = this.#entries.get(name);
    if (!entry) return 'closed';
    const state = stateNames[entry.policy.state];
    // cockatiel moves to half-open only when the next call arrives; report what that call will see.
    if (
      state === 'open' &&
      entry.openedAt !== undefined &&
      this.#options.now() - entry.openedAt >= this.#options.halfOpenAfterMs
    ) {
      return 'half_open';
    }
    return state;
  }

  /** Every circuit used so far, sorted by name. */
  list(): CircuitSummary[] {
    return [...this.#entries.keys()].sort().map((name) => ({ name, state: this.state(name) }));
  }

  /**
   * Holds the circuit open until {@link reset}: calls fail fast with {@link CircuitOpenError}. Takes effect
   * here at once; the returned promise settles once the isolation is stored for every instance (with a
   * `stateStore`), and rejects when the store could not be written.
   */
  isolate(name: string): Promise<void> {
    const entry = this.#entry(name);
    if (entry.isolation === undefined) {
      entry.isolation = entry.policy.isolate();
      entry.isolatedAt = this.#options.now();
    }
    return this.#shared?.write(name, 'isolated') ?? Promise.resolve();
  }

  /**
   * Closes the circuit and forgets its failure count, ending any isolation. Takes effect here at once; the
   * returned promise settles once every instance will see it closed (with a `stateStore`).
   */
  reset(name: string): Promise<void> {
    const entry = this.#entries.get(name);
    if (entry) {
      entry.isolation?.dispose();
      // cockatiel has no public "close now": a fresh policy is the closed state with zero failures.
      this.#entries.set(name, this.#createEntry(name));
    }
    return this.#shared?.write(name, 'closed') ?? Promise.resolve();
  }

  #entry(name: string): Entry {
    let entry = this.#entries.get(name);
    if (!entry) {
      entry = this.#createEntry(name);
      this.#entries.set(name, entry);
    }
    return entry;
  }

  #createEntry(name: string): Entry {
    const entry: Entry = { policy: this.#createPolicy() };
    entry.policy.onBreak(() => {
      entry.openedAt = this.#options.now();
      // Isolation is written by isolate(); a failure-opened circuit is shared here. Best effort: the local
      // breaker is already open, so a store that cannot be written changes nothing on this instance.
      if (entry.isolation === undefined) this.#shared?.write(name, 'open').catch(() => undefined);
    });
    entry.policy.onReset(() => {
      entry.openedAt = undefined;
      this.#shared?.write(name, 'closed').catch(() => undefined);
    });
    return entry;
  }

  #createPolicy(): CircuitBreakerPolicy {
    return circuitBreaker(
      handleWhen((error) => this.#options.isFailure(error)),
      {
        halfOpenAfter: this.#options.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.#options.failureThreshold),
      },
    );
  }
}
