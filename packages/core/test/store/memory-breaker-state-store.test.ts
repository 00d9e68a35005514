import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { type BreakerState, MemoryBreakerStateStore } from '../../src/store/index.js';

describe('MemoryBreakerStateStore', () => {
  it('returns undefined for an unknown breaker and the stored state otherwise', async () => {
    const store = new MemoryBreakerStateStore();
    expect(await store.get('kicc')).toBeUndefined();
    await store.set('kicc', { state: 'isolated', since: 1_700_000_000_000 });
    expect(await store.get('kicc')).toEqual({ state: 'isolated', since: 1_700_000_000_000 });
    await store.set('kicc', { state: 'closed', since: 1_700_000_100_000 });
    expect(await store.get('kicc')).toEqual({ state: 'closed', since: 1_700_000_100_000 });
  });

  it('is not affected by callers mutating the objects they passed or received', async () => {
    const store = new MemoryBreakerStateStore();
    const state: BreakerState = { state: 'open', since: 1 };
    await store.set('bank:004', state);
    state.state = 'closed';
    const read = await store.get('bank:004');
    if (read) read.since = 99;
    expect(await store.get('bank:004')).toEqual({ state: 'open', since: 1 });
  });

  it('rejects an unknown state with a ValidationError naming it', async () => {
    const store = new MemoryBreakerStateStore();
    const attempt = store.set('kicc', { state: 'ajar', since: 1 } as unknown as BreakerState);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'state.state' }] });
  });
});
