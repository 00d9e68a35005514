import { type BreakerState, type BreakerStateStore, ValidationError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';

/** Makes a fresh, empty store. */
export type BreakerStateStoreFactory = () => BreakerStateStore | Promise<BreakerStateStore>;

/** The behaviour every {@link BreakerStateStore} must have (DESIGN §5, §6, §12). */
export function breakerStateStoreContract(subject: string, factory: BreakerStateStoreFactory): void {
  describe(`BreakerStateStore contract: ${subject}`, () => {
    it('returns undefined for an unknown breaker and the last stored state otherwise', async () => {
      const store = await factory();
      expect(await store.get('kicc')).toBeUndefined();
      await store.set('kicc', { state: 'isolated', since: 1_700_000_000_000 });
      expect(await store.get('kicc')).toEqual({ state: 'isolated', since: 1_700_000_000_000 });
      await store.set('kicc', { state: 'closed', since: 1_700_000_100_000 });
      expect(await store.get('kicc')).toEqual({ state: 'closed', since: 1_700_000_100_000 });
      expect(await store.get('coocon:jeonbuk')).toBeUndefined();
    });

    it('keeps a JSON snapshot of the breaker internals', async () => {
      const store = await factory();
      const snapshot = { kind: 'consecutive', failures: 5, openedAt: 1_700_000_000_000, nested: [1, 'two'] };
      await store.set('bank:004', { state: 'half_open', since: 1_700_000_000_500, snapshot });
      expect(await store.get('bank:004')).toEqual({ state: 'half_open', since: 1_700_000_000_500, snapshot });
    });

    it('is not affected by callers mutating the objects they passed or received', async () => {
      const store = await factory();
      const state: BreakerState = { state: 'open', since: 1 };
      await store.set('bank:004', state);
      state.state = 'closed';
      const read = await store.get('bank:004');
      if (read) read.since = 99;
      expect(await store.get('bank:004')).toEqual({ state: 'open', since: 1 });
    });

    it('rejects an unknown state or a bad since with a ValidationError naming it, storing nothing', async () => {
      const store = await factory();
      const attempt = store.set('kicc', { state: 'ajar', since: 1 } as unknown as BreakerState);
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'state.state' }] });
      await expect(store.set('kicc', { state: 'open', since: Number.NaN })).rejects.toMatchObject({
        issues: [{ path: 'state.since' }],
      });
      await expect(store.get('')).rejects.toMatchObject({ issues: [{ path: 'name' }] });
      expect(await store.get('kicc')).toBeUndefined();
    });
  });
}
