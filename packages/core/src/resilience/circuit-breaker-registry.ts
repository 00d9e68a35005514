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
import { isBreakerFailure } from './retryable.js';

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
}

/** One row of {@link CircuitBreakerRegistry.list}. */
export interface CircuitSummary {
  name: string;
  state: CircuitStateName;
}

interface Entry {
  policy: CircuitBreakerPolicy;
  isolation?: IDisposable;
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
  readonly #options: Required<CircuitBreakerOptions>;
  readonly #entries = new Map<string, Entry>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.#options = {
      failureThreshold: options.failureThreshold ?? 5,
      halfOpenAfterMs: options.halfOpenAfterMs ?? 30_000,
      isFailure: options.isFailure ?? isBreakerFailure,
    };
  }

  /** Runs `action` through the named circuit; an open circuit throws {@link CircuitOpenError} without calling it. */
  async execute<T>(name: string, action: () => Promise<T>): Promise<T> {
    const entry = this.#entry(name);
    try {
      return await entry.policy.execute(() => action());
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        throw new CircuitOpenError({ circuit: name, details: { state: this.state(name) } });
      }
      throw error;
    }
  }

  /** The state of one circuit (`closed` for one never used). */
  state(name: string): CircuitStateName {
    const entry = this.#entries.get(name);
    if (!entry) return 'closed';
    const state = stateNames[entry.policy.state];
    // cockatiel moves to half-open only when the next call arrives; report what that call will see.
    if (
      state === 'open' &&
      entry.openedAt !== undefined &&
      Date.now() - entry.openedAt >= this.#options.halfOpenAfterMs
    ) {
      return 'half_open';
    }
    return state;
  }

  /** Every circuit used so far, sorted by name. */
  list(): CircuitSummary[] {
    return [...this.#entries.keys()].sort().map((name) => ({ name, state: this.state(name) }));
  }

  /** Holds the circuit open until {@link reset}: calls fail fast with {@link CircuitOpenError}. */
  isolate(name: string): void {
    const entry = this.#entry(name);
    entry.isolation ??= entry.policy.isolate();
  }

  /** Closes the circuit and forgets its failure count, ending any isolation. */
  reset(name: string): void {
    const entry = this.#entries.get(name);
    if (!entry) return;
    entry.isolation?.dispose();
    // cockatiel has no public "close now": a fresh policy is the closed state with zero failures.
    this.#entries.set(name, this.#createEntry());
  }

  #entry(name: string): Entry {
    let entry = this.#entries.get(name);
    if (!entry) {
      entry = this.#createEntry();
      this.#entries.set(name, entry);
    }
    return entry;
  }

  #createEntry(): Entry {
    const entry: Entry = { policy: this.#createPolicy() };
    entry.policy.onBreak(() => {
      entry.openedAt = Date.now();
    });
    entry.policy.onReset(() => {
      entry.openedAt = undefined;
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
