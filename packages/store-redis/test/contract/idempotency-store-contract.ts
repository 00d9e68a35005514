import { type ClaimResult, type IdempotencyStore, ValidationError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import { type ManualClock, manualClock } from '../support/manual-clock.js';

/** Makes a fresh, empty store that reads time from `now`. */
export type IdempotencyStoreFactory = (now: () => number) => IdempotencyStore | Promise<IdempotencyStore>;

const options = { ttlMs: 60_000, lockMs: 5_000 };

function tokenOf(result: ClaimResult): string {
  if (result.state !== 'claimed') throw new Error(`expected a claim, got ${result.state}`);
  return result.token;
}

/**
 * The behaviour every {@link IdempotencyStore} must have (DESIGN §4, §12), registered as a `describe` block.
 * Run against core's memory store and the Redis one, so both answer the same way.
 */
export function idempotencyStoreContract(subject: string, factory: IdempotencyStoreFactory): void {
  describe(`IdempotencyStore contract: ${subject}`, () => {
    async function setup(): Promise<{ store: IdempotencyStore; clock: ManualClock }> {
      const clock = manualClock();
      return { store: await factory(clock.now), clock };
    }

    it('gives exactly one of 50 concurrent claims the key', async () => {
      const { store } = await setup();
      const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('deposit:1', options)));
      expect(results.filter((result) => result.state === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.state === 'in_progress')).toHaveLength(49);
    });

    it('answers done with the stored result once the holder completes, to every later duplicate', async () => {
      const { store } = await setup();
      const token = tokenOf(await store.claim('deposit:1', options));
      await store.complete('deposit:1', token, { ttlMs: 60_000, result: 'ack-1' });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'done', result: 'ack-1' });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'done', result: 'ack-1' });
    });

    it('keeps an empty or multi-byte result exactly, and answers done without a result when none was stored', async () => {
      const { store } = await setup();
      const empty = tokenOf(await store.claim('deposit:empty', options));
      await store.complete('deposit:empty', empty, { ttlMs: 60_000, result: '' });
      expect(await store.claim('deposit:empty', options)).toEqual({ state: 'done', result: '' });
      const korean = tokenOf(await store.claim('deposit:korean', options));
      await store.complete('deposit:korean', korean, { ttlMs: 60_000, result: '입금 완료 <OK/>' });
      expect(await store.claim('deposit:korean', options)).toEqual({
        state: 'done',
        result: '입금 완료 <OK/>',
      });
      const none = tokenOf(await store.claim('deposit:none', options));
      await store.complete('deposit:none', none, { ttlMs: 60_000 });
      expect(await store.claim('deposit:none', options)).toEqual({ state: 'done' });
    });

    it('lets a second claimer win after the lock expires, and ignores the first holder afterwards', async () => {
      const { store, clock } = await setup();
      const first = tokenOf(await store.claim('deposit:1', options));
      clock.advance(options.lockMs - 1);
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
      clock.advance(1);
      const second = tokenOf(await store.claim('deposit:1', options));
      expect(second).not.toBe(first);

      // The first holder wakes up late: neither its complete nor its release may touch the new claim.
      await store.complete('deposit:1', first, { ttlMs: 60_000, result: 'stale' });
      await store.release('deposit:1', first);
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });

      await store.complete('deposit:1', second, { ttlMs: 60_000, result: 'fresh' });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'done', result: 'fresh' });
    });

    it('accepts a late complete when nobody took the expired lock over', async () => {
      const { store, clock } = await setup();
      const token = tokenOf(await store.claim('deposit:1', options));
      clock.advance(options.lockMs * 2);
      await store.complete('deposit:1', token, { ttlMs: 60_000 });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'done' });
    });

    it('forgets a claim whose holder never came back once max(ttlMs, lockMs) has passed', async () => {
      const { store, clock } = await setup();
      const token = tokenOf(await store.claim('deposit:1', { ttlMs: 10_000, lockMs: 30_000 }));
      clock.advance(30_000);
      // The record is gone: the old token can no longer complete it.
      await store.complete('deposit:1', token, { ttlMs: 60_000 });
      expect((await store.claim('deposit:1', options)).state).toBe('claimed');
    });

    it('lets a new claim win after release, and ignores a wrong token', async () => {
      const { store } = await setup();
      const token = tokenOf(await store.claim('deposit:1', options));
      await store.release('deposit:1', 'not-the-token');
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
      await store.complete('deposit:1', 'not-the-token', { ttlMs: 60_000 });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
      await store.release('deposit:1', token);
      const next = tokenOf(await store.claim('deposit:1', options));
      // The released token is dead: it cannot complete the new holder's claim.
      await store.complete('deposit:1', token, { ttlMs: 60_000, result: 'stale' });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
      await store.complete('deposit:1', next, { ttlMs: 60_000 });
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'done' });
    });

    it('does not let release undo a completed key', async () => {
      const { store } = await setup();
      const token = tokenOf(await store.claim('deposit:1', options));
      await store.complete('deposit:1', token, { ttlMs: 60_000, result: 'ack' });
      await store.release('deposit:1', token);
      expect(await store.claim('deposit:1', options)).toEqual({ state: 'done', result: 'ack' });
    });

    it('forgets a done key after its ttl', async () => {
      const { store, clock } = await setup();
      const token = tokenOf(await store.claim('deposit:1', options));
      await store.complete('deposit:1', token, { ttlMs: 10_000 });
      clock.advance(9_999);
      expect((await store.claim('deposit:1', options)).state).toBe('done');
      clock.advance(1);
      expect((await store.claim('deposit:1', options)).state).toBe('claimed');
    });

    it('keeps keys independent', async () => {
      const { store } = await setup();
      expect((await store.claim('deposit:1', options)).state).toBe('claimed');
      expect((await store.claim('deposit:2', options)).state).toBe('claimed');
      expect((await store.claim('deposit:1', options)).state).toBe('in_progress');
    });

    it('rejects malformed arguments with a ValidationError naming them', async () => {
      const { store } = await setup();
      await expect(store.claim('k', { ttlMs: 0, lockMs: 1 })).rejects.toMatchObject({
        issues: [{ path: 'ttlMs' }],
      });
      await expect(store.claim('k', { ttlMs: 1, lockMs: Number.NaN })).rejects.toBeInstanceOf(
        ValidationError,
      );
      await expect(store.claim('', options)).rejects.toMatchObject({ issues: [{ path: 'key' }] });
      await expect(store.complete('k', 't', { ttlMs: -1 })).rejects.toMatchObject({
        issues: [{ path: 'ttlMs' }],
      });
      await expect(store.release('', 't')).rejects.toMatchObject({ issues: [{ path: 'key' }] });
      // Nothing was claimed by the rejected calls.
      expect((await store.claim('k', options)).state).toBe('claimed');
    });
  });
}
