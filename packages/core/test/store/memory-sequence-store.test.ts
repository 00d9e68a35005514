import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors/index.js';
import { MemorySequenceStore } from '../../src/store/index.js';

function manualClock(start: number) {
  let now = start;
  return {
    now: () => now,
    set(epochMs: number) {
      now = epochMs;
    },
  };
}

const seoul = { resetDaily: { timeZone: 'Asia/Seoul' } };

describe('MemorySequenceStore', () => {
  it('starts at 1 and increments, per name', async () => {
    const store = new MemorySequenceStore();
    expect([await store.next('serial'), await store.next('serial'), await store.next('serial')]).toEqual([
      1, 2, 3,
    ]);
    expect(await store.next('stan')).toBe(1);
  });

  it('gives concurrent callers distinct values', async () => {
    const store = new MemorySequenceStore();
    const values = await Promise.all(Array.from({ length: 100 }, () => store.next('serial')));
    expect(new Set(values).size).toBe(100);
    expect(Math.max(...values)).toBe(100);
  });

  it('restarts at 1 at local midnight in Asia/Seoul (15:00 UTC), not at UTC midnight', async () => {
    const clock = manualClock(Date.parse('2024-03-01T00:30:00Z')); // 09:30 KST, 1 March
    const store = new MemorySequenceStore({ now: clock.now });
    expect(await store.next('serial', seoul)).toBe(1);
    clock.set(Date.parse('2024-03-01T14:59:59.999Z')); // 23:59:59.999 KST
    expect(await store.next('serial', seoul)).toBe(2);
    clock.set(Date.parse('2024-03-01T15:00:00Z')); // 00:00 KST, 2 March
    expect(await store.next('serial', seoul)).toBe(1);
    expect(await store.next('serial', seoul)).toBe(2);
    clock.set(Date.parse('2024-03-02T00:00:00Z')); // UTC midnight = 09:00 KST, still 2 March
    expect(await store.next('serial', seoul)).toBe(3);
  });

  it('does not reset a sequence used without resetDaily', async () => {
    const clock = manualClock(Date.parse('2024-03-01T14:00:00Z'));
    const store = new MemorySequenceStore({ now: clock.now });
    expect(await store.next('serial')).toBe(1);
    clock.set(Date.parse('2024-03-05T14:00:00Z'));
    expect(await store.next('serial')).toBe(2);
  });

  it('rejects an unknown time zone with a ValidationError naming resetDaily.timeZone', async () => {
    const store = new MemorySequenceStore();
    const attempt = store.next('serial', { resetDaily: { timeZone: 'Asia/Atlantis' } });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'resetDaily.timeZone' }] });
    // The failed call did not consume a value.
    expect(await store.next('serial', seoul)).toBe(1);
  });

  it('rejects an empty name', async () => {
    await expect(new MemorySequenceStore().next('')).rejects.toMatchObject({ issues: [{ path: 'name' }] });
  });
});
