import { ValidationError } from '../errors/families.js';
import { requireName } from './store-options.js';
import type { BreakerState, BreakerStateStore } from './store-types.js';

const breakerStates: ReadonlySet<string> = new Set(['closed', 'open', 'half_open', 'isolated']);

/**
 * {@link BreakerStateStore} for one process. Stores a shallow copy of each state, so a caller mutating the
 * object it passed or received does not change what other readers see.
 */
export class MemoryBreakerStateStore implements BreakerStateStore {
  readonly #states = new Map<string, BreakerState>();

  async get(name: string): Promise<BreakerState | undefined> {
    requireName(name, 'name', 'BreakerStateStore.get');
    const state = this.#states.get(name);
    return state === undefined ? undefined : { ...state };
  }

  /** @throws {ValidationError} naming `state.state` or `state.since` when the state is malformed. */
  async set(name: string, state: BreakerState): Promise<void> {
    requireName(name, 'name', 'BreakerStateStore.set');
    if (!breakerStates.has(state?.state)) {
      throw new ValidationError({
        message: 'BreakerStateStore.set: unknown breaker state',
        issues: [
          {
            path: 'state.state',
            message: 'must be closed, open, half_open or isolated',
            code: 'invalid_value',
          },
        ],
      });
    }
    if (typeof state.since !== 'number' || !Number.isFinite(state.since)) {
      throw new ValidationError({
        message: 'BreakerStateStore.set: since must be a time in milliseconds',
        issues: [{ path: 'state.since', message: 'must be a finite number', code: 'invalid_type' }],
      });
    }
    this.#states.set(name, { ...state });
  }
}
