import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { type ClaimResult, DEFAULT_LOCK_MS, MemoryIdempotencyStore } from '../../src/store/index.js';

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2024, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(milliseconds: number) {
      now += milliseconds;
    },
  };
}

const options = { ttlMs: 60_000, lockMs: 5_000 };

function tokenOf(result: ClaimResult): string {
  if (result.state !== 'claimed') throw new Error(`expected a claim, got ${result.state}`);
  return result.token;
}

describe('MemoryIdempotencyStore', () => {
  it('gives exactly one of 50 concurrent claims the key', async () => {
    const store = new MemoryIdempotencyStore();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.claim('deposit:1', options)));
    expect(results.filter((result) => result.state === 'claimed')).toHaveLength(1);
    expect(results.filter((result) => result.state === 'in_progress')).toHaveLength(49);
  });

  it('answers done with the stored result once the holder completes', async () => {
    const store = new MemoryIdempotencyStore();
    const token = tokenOf(await store.claim('deposit:1', options));
    await store.complete('deposit:1', token, { ttlMs: 60_000, result: 'ack-1' });
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'done', result: 'ack-1' });
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'done', result: 'ack-1' });
  });

  it('answers done without a result when none was stored', async () => {
    const store = new MemoryIdempotencyStore();
    const token = tokenOf(await store.claim('deposit:1', options));
    await store.complete('deposit:1', token, { ttlMs: 60_000 });
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'done' });
  });

  it('lets a second claimer win after the lock expires, and ignores the first holder afterwards', async () => {
    const clock = manualClock();
    const store = new MemoryIdempotencyStore({ now: clock.now });
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
    const clock = manualClock();
    const store = new MemoryIdempotencyStore({ now: clock.now });
    const token = tokenOf(await store.claim('deposit:1', options));
    clock.advance(options.lockMs * 2);
    await store.complete('deposit:1', token, { ttlMs: 60_000 });
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'done' });
  });

  it('lets a new claim win after release, and ignores a wrong token', async () => {
    const store = new MemoryIdempotencyStore();
    const token = tokenOf(await store.claim('deposit:1', options));
    await store.release('deposit:1', 'not-the-token');
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
    await store.complete('deposit:1', 'not-the-token', { ttlMs: 60_000 });
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
    await store.release('deposit:1', token);
    expect((await store.claim('deposit:1', options)).state).toBe('claimed');
  });

  it('forgets a done key after its ttl', async () => {
    const clock = manualClock();
    const store = new MemoryIdempotencyStore({ now: clock.now });
    const token = tokenOf(await store.claim('deposit:1', options));
    await store.complete('deposit:1', token, { ttlMs: 10_000 });
    clock.advance(9_999);
    expect((await store.claim('deposit:1', options)).state).toBe('done');
    clock.advance(1);
    expect((await store.claim('deposit:1', options)).state).toBe('claimed');
  });

  it('keeps keys independent', async () => {
    const store = new MemoryIdempotencyStore();
    expect((await store.claim('deposit:1', options)).state).toBe('claimed');
    expect((await store.claim('deposit:2', options)).state).toBe('claimed');
  });

  it('purges expired entries lazily, so memory stays bounded', async () => {
    const clock = manualClock();
    const store = new MemoryIdempotencyStore({ now: clock.now });
    for (let index = 0; index < 5_000; index++) {
      const token = tokenOf(await store.claim(`deposit:${index}`, options));
      await store.complete(`deposit:${index}`, token, { ttlMs: 1_000 });
    }
    expect(store.size).toBeLessThanOrEqual(5_000);
    clock.advance(120_000);
    await store.claim('deposit:new', options);
    expect(store.size).toBe(1);
  });

  it('rejects malformed options with a ValidationError naming the option', async () => {
    const store = new MemoryIdempotencyStore();
    await expect(store.claim('k', { ttlMs: 0, lockMs: 1 })).rejects.toMatchObject({
      issues: [{ path: 'ttlMs' }],
    });
    await expect(store.claim('k', { ttlMs: 1, lockMs: Number.NaN })).rejects.toBeInstanceOf(ValidationError);
    await expect(store.claim('', options)).rejects.toMatchObject({ issues: [{ path: 'key' }] });
  });

  it('uses a 30 s default lock, as DESIGN §12 documents', () => {
    expect(DEFAULT_LOCK_MS).toBe(30_000);
  });
});
