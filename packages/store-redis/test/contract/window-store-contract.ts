import { ValidationError, type WindowStore } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';

/** Makes a fresh, empty store with the given window (defaults: 5 minutes of 10 s buckets). */
export type WindowStoreFactory = (options?: {
  windowMs?: number;
  bucketMs?: number;
}) => WindowStore | Promise<WindowStore>;

const minute = 60_000;
const start = Date.UTC(2024, 0, 1);

/**
 * The behaviour every {@link WindowStore} must have (DESIGN §6): success/total per key over a sliding window
 * of fixed buckets; a record a full window old never counts; memory is bounded by keys × buckets.
 */
export function windowStoreContract(subject: string, factory: WindowStoreFactory): void {
  describe(`WindowStore contract: ${subject}`, () => {
    it('counts successes and totals per key within the window, and no data as { 0, 0 }', async () => {
      const store = await factory();
      await store.record('billgate', true, start);
      await store.record('billgate', true, start + 1_000);
      await store.record('billgate', false, start + 2 * minute);
      await store.record('ventaja', false, start);
      expect(await store.rate('billgate', start + 3 * minute)).toEqual({ successes: 2, total: 3 });
      expect(await store.rate('ventaja', start + 3 * minute)).toEqual({ successes: 0, total: 1 });
      expect(await store.rate('unknown', start)).toEqual({ successes: 0, total: 0 });
    });

    it('counts concurrent records without losing any', async () => {
      const store = await factory();
      await Promise.all(
        Array.from({ length: 100 }, (_, index) => store.record('billgate', index % 4 !== 0, start + index)),
      );
      expect(await store.rate('billgate', start + 1_000)).toEqual({ successes: 75, total: 100 });
    });

    it('stops counting a record once it is a full window old', async () => {
      const store = await factory({ windowMs: 5 * minute, bucketMs: 10_000 });
      await store.record('p', true, start);
      expect(await store.rate('p', start + 5 * minute - 1)).toEqual({ successes: 1, total: 1 });
      expect(await store.rate('p', start + 5 * minute)).toEqual({ successes: 0, total: 0 });
    });

    it('moves a bucket at a time: a record younger than windowMs − bucketMs always counts', async () => {
      const store = await factory({ windowMs: 30_000, bucketMs: 10_000 });
      await store.record('p', true, start + 9_999); // last millisecond of bucket 0
      await store.record('p', false, start + 10_000); // bucket 1
      expect(await store.rate('p', start + 29_999)).toEqual({ successes: 1, total: 2 });
      expect(await store.rate('p', start + 30_000)).toEqual({ successes: 0, total: 1 });
      expect(await store.rate('p', start + 40_000)).toEqual({ successes: 0, total: 0 });
    });

    it('reuses buckets: after 20 minutes of one record per second only the last window counts', async () => {
      const store = await factory({ windowMs: 5 * minute, bucketMs: 10_000 });
      for (let second = 0; second <= 1_200; second++)
        await store.record('p', second % 2 === 0, start + second * 1_000);
      const now = start + 1_200_000;
      // Buckets 91..120 (of 10 s each) are in the window: seconds 910..1200.
      const counted = 1_200 - 910 + 1;
      const result = await store.rate('p', now);
      expect(result.total).toBe(counted);
      expect(result.successes).toBe(Math.ceil(counted / 2));
    });

    it('drops a late record for a bucket the ring has already reused', async () => {
      const store = await factory({ windowMs: 30_000, bucketMs: 10_000 });
      await store.record('p', true, start + 60_000);
      await store.record('p', false, start); // same slot, two windows older
      expect(await store.rate('p', start + 60_000)).toEqual({ successes: 1, total: 1 });
    });

    it('does not count records from the future of `now`', async () => {
      const store = await factory({ windowMs: 30_000, bucketMs: 10_000 });
      await store.record('p', true, start + 25_000);
      expect(await store.rate('p', start + 5_000)).toEqual({ successes: 0, total: 0 });
    });

    it('rejects bad times and empty keys with a ValidationError naming them', async () => {
      const store = await factory();
      await expect(store.record('p', true, Number.NaN)).rejects.toMatchObject({ issues: [{ path: 'at' }] });
      await expect(store.rate('p', Number.POSITIVE_INFINITY)).rejects.toBeInstanceOf(ValidationError);
      await expect(store.rate('p', Number.NaN)).rejects.toMatchObject({ issues: [{ path: 'now' }] });
      await expect(store.record('', true, start)).rejects.toMatchObject({ issues: [{ path: 'key' }] });
      expect(await store.rate('p', start)).toEqual({ successes: 0, total: 0 });
    });
  });
}
