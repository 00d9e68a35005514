import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type BreakerState,
  type BreakerStateStore,
  CircuitOpenError,
  MemoryBreakerStateStore,
  TransportError,
} from '../../src/index.js';
import { CircuitBreakerRegistry } from '../../src/resilience/index.js';

const fail = () => Promise.reject(new TransportError({ message: 'refused' }));

/** Two instances of a service: separate registries sharing one store (DESIGN §6). */
function twoInstances(options: { stateRefreshMs?: number; store?: BreakerStateStore } = {}) {
  const store = options.store ?? new MemoryBreakerStateStore();
  const common = {
    stateStore: store,
    stateRefreshMs: options.stateRefreshMs ?? 0,
    failureThreshold: 2,
    halfOpenAfterMs: 10_000,
  };
  return { store, first: new CircuitBreakerRegistry(common), second: new CircuitBreakerRegistry(common) };
}

/** Runs a call through `registry` and says whether the action ran. */
async function attempt(registry: CircuitBreakerRegistry, name: string) {
  let ran = false;
  const outcome = await registry
    .execute(name, async () => {
      ran = true;
      return 'ok';
    })
    .catch((error: unknown) => error);
  return { ran, outcome };
}

describe('CircuitBreakerRegistry with a shared BreakerStateStore', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('an isolation on one instance fails calls fast on another, without running them', async () => {
    const { first, second } = twoInstances();
    await first.isolate('billgate');

    const { ran, outcome } = await attempt(second, 'billgate');
    expect(ran).toBe(false);
    expect(outcome).toBeInstanceOf(CircuitOpenError);
    expect(await second.currentState('billgate')).toBe('isolated');
    expect((await attempt(second, 'ventaja')).ran).toBe(true);
  });

  it('a reset on another instance ends the isolation everywhere', async () => {
    const { first, second } = twoInstances();
    await first.isolate('billgate');
    await vi.advanceTimersByTimeAsync(1);
    await second.reset('billgate');

    expect((await attempt(first, 'billgate')).ran).toBe(true);
    expect((await attempt(second, 'billgate')).ran).toBe(true);
    expect(first.state('billgate')).toBe('closed');
  });

  it('a circuit opened by failures on one instance holds the others off until the half-open delay', async () => {
    const { first, second } = twoInstances();
    await expect(first.execute('coocon:jeonbuk', fail)).rejects.toThrow('refused');
    await expect(first.execute('coocon:jeonbuk', fail)).rejects.toThrow('refused');
    expect(first.state('coocon:jeonbuk')).toBe('open');

    expect((await attempt(second, 'coocon:jeonbuk')).ran).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await attempt(second, 'coocon:jeonbuk')).ran).toBe(true);
  });

  it('reads the store at most once per stateRefreshMs, so another instance sees an isolation that late', async () => {
    const inner = new MemoryBreakerStateStore();
    let reads = 0;
    const counting: BreakerStateStore = {
      get: (name) => {
        reads += 1;
        return inner.get(name);
      },
      set: (name, state) => inner.set(name, state),
    };
    const { first, second } = twoInstances({ store: counting, stateRefreshMs: 1_000 });
    expect((await attempt(second, 'kicc')).ran).toBe(true);
    await first.isolate('kicc');

    expect((await attempt(second, 'kicc')).ran).toBe(true); // still within the cached second
    expect((await attempt(second, 'kicc')).ran).toBe(true);
    expect(reads).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await attempt(second, 'kicc')).ran).toBe(false);
    expect(reads).toBe(2);
  });

  it('keeps serving on local state when the store cannot be read, and reports a failed isolation write', async () => {
    const broken: BreakerStateStore = {
      get: () => Promise.reject(new TransportError({ message: 'store down' })),
      set: (_name: string, _state: BreakerState) =>
        Promise.reject(new TransportError({ message: 'store down' })),
    };
    const { first } = twoInstances({ store: broken });
    expect((await attempt(first, 'kicc')).ran).toBe(true);

    await expect(first.isolate('kicc')).rejects.toThrow('store down');
    // The isolation still holds on this instance: an admin who sees the error knows only this one is isolated.
    expect((await attempt(first, 'kicc')).ran).toBe(false);
  });
});
