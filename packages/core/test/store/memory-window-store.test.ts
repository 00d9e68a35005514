import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { MemoryWindowStore } from '../../src/store/index.js';

const minute = 60_000;
const start = Date.UTC(2024, 0, 1);

describe('MemoryWindowStore', () => {
  it('counts successes and totals per key within the window', async () => {
    const store = new MemoryWindowStore();
    await store.record('billgate', true, start);
    await store.record('billgate', true, start + 1_000);
    await store.record('billgate', false, start + 2 * minute);
    await store.record('ventaja', false, start);
    expect(await store.rate('billgate', start + 3 * minute)).toEqual({ successes: 2, total: 3 });
    expect(await store.rate('ventaja', start + 3 * minute)).toEqual({ successes: 0, total: 1 });
    expect(await store.rate('unknown', start)).toEqual({ successes: 0, total: 0 });
  });

  it('stops counting a record once it is a full window old', async () => {
    const store = new MemoryWindowStore({ windowMs: 5 * minute, bucketMs: 10_000 });
    await store.record('p', true, start);
    expect(await store.rate('p', start + 5 * minute - 1)).toEqual({ successes: 1, total: 1 });
    expect(await store.rate('p', start + 5 * minute)).toEqual({ successes: 0, total: 0 });
  });

  it('reuses buckets: after an hour of one record per second only the last window counts', async () => {
    const store = new MemoryWindowStore({ windowMs: 5 * minute, bucketMs: 10_000 });
    for (let second = 0; second <= 3_600; second++)
      await store.record('p', second % 2 === 0, start + second * 1_000);
    const now = start + 3_600_000;
    // Buckets 331..360 (of 10 s each) are in the window: seconds 3310..3600.
    const counted = 3_600 - 3_310 + 1;
    const result = await store.rate('p', now);
    expect(result.total).toBe(counted);
    expect(result.successes).toBe(Math.ceil(counted / 2));
    expect(store.bucketCount).toBe(30);
  });

  it('drops a late record for a bucket the ring has already reused', async () => {
    const store = new MemoryWindowStore({ windowMs: 30_000, bucketMs: 10_000 });
    await store.record('p', true, start + 60_000);
    await store.record('p', false, start); // same slot, two windows older
    expect(await store.rate('p', start + 60_000)).toEqual({ successes: 1, total: 1 });
  });

  it('does not count records from the future of `now`', async () => {
    const store = new MemoryWindowStore({ windowMs: 30_000, bucketMs: 10_000 });
    await store.record('p', true, start + 25_000);
    expect(await store.rate('p', start + 5_000)).toEqual({ successes: 0, total: 0 });
  });

  it('rejects a bucket width that does not divide the window, and bad times', async () => {
    expect(() => new MemoryWindowStore({ windowMs: 300_000, bucketMs: 7_000 })).toThrow(ValidationError);
    expect(() => new MemoryWindowStore({ bucketMs: 0 })).toThrow(ValidationError);
    await expect(new MemoryWindowStore().record('p', true, Number.NaN)).rejects.toMatchObject({
      issues: [{ path: 'at' }],
    });
  });
});
