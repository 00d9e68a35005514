import { type SequenceStore, ValidationError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../support/manual-clock.js';

/** Makes a fresh, empty store whose local dates come from `now`. */
export type SequenceStoreFactory = (now: () => number) => SequenceStore | Promise<SequenceStore>;

const seoul = { resetDaily: { timeZone: 'Asia/Seoul' } };

/**
 * The behaviour every {@link SequenceStore} must have (DESIGN §6, §12): start at 1, never repeat a value,
 * restart daily at local midnight of the given zone.
 */
export function sequenceStoreContract(subject: string, factory: SequenceStoreFactory): void {
  describe(`SequenceStore contract: ${subject}`, () => {
    it('starts at 1 and increments, per name', async () => {
      const store = await factory(Date.now);
      expect([await store.next('serial'), await store.next('serial'), await store.next('serial')]).toEqual([
        1, 2, 3,
      ]);
      expect(await store.next('stan')).toBe(1);
    });

    it('gives 100 concurrent callers distinct values 1..100', async () => {
      const store = await factory(Date.now);
      const values = await Promise.all(Array.from({ length: 100 }, () => store.next('serial')));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
    });

    it('restarts at 1 at local midnight in Asia/Seoul (15:00 UTC), not at UTC midnight', async () => {
      const clock = manualClock(Date.parse('2024-03-01T00:30:00Z')); // 09:30 KST, 1 March
      const store = await factory(clock.now);
      expect(await store.next('serial', seoul)).toBe(1);
      clock.set(Date.parse('2024-03-01T14:59:59.999Z')); // 23:59:59.999 KST
      expect(await store.next('serial', seoul)).toBe(2);
      clock.set(Date.parse('2024-03-01T15:00:00Z')); // 00:00 KST, 2 March
      expect(await store.next('serial', seoul)).toBe(1);
      expect(await store.next('serial', seoul)).toBe(2);
      clock.set(Date.parse('2024-03-02T00:00:00Z')); // UTC midnight = 09:00 KST, still 2 March
      expect(await store.next('serial', seoul)).toBe(3);
    });

    it('resets in a zone with daylight saving time on its own local date (America/New_York)', async () => {
      const newYork = { resetDaily: { timeZone: 'America/New_York' } };
      const clock = manualClock(Date.parse('2024-03-10T03:00:00Z')); // 23:00 EST, 9 March
      const store = await factory(clock.now);
      expect(await store.next('serial', newYork)).toBe(1);
      clock.set(Date.parse('2024-03-10T04:59:59Z')); // 23:59:59 EST, 9 March
      expect(await store.next('serial', newYork)).toBe(2);
      clock.set(Date.parse('2024-03-10T05:00:00Z')); // 00:00 EST, 10 March (DST starts at 02:00)
      expect(await store.next('serial', newYork)).toBe(1);
      clock.set(Date.parse('2024-03-11T03:59:59Z')); // 23:59:59 EDT, 10 March
      expect(await store.next('serial', newYork)).toBe(2);
      clock.set(Date.parse('2024-03-11T04:00:00Z')); // 00:00 EDT, 11 March
      expect(await store.next('serial', newYork)).toBe(1);
    });

    it('does not reset a sequence used without resetDaily', async () => {
      const clock = manualClock(Date.parse('2024-03-01T14:00:00Z'));
      const store = await factory(clock.now);
      expect(await store.next('serial')).toBe(1);
      clock.set(Date.parse('2024-03-05T14:00:00Z'));
      expect(await store.next('serial')).toBe(2);
    });

    it('lets a counter first used without resetDaily adopt today, then reset on the next local day', async () => {
      const clock = manualClock(Date.parse('2024-03-01T00:30:00Z')); // 1 March KST
      const store = await factory(clock.now);
      expect(await store.next('serial')).toBe(1);
      expect(await store.next('serial', seoul)).toBe(2);
      clock.set(Date.parse('2024-03-01T15:00:00Z')); // 2 March KST
      expect(await store.next('serial', seoul)).toBe(1);
    });

    it('rejects an unknown time zone with a ValidationError naming resetDaily.timeZone, consuming nothing', async () => {
      const store = await factory(Date.now);
      const attempt = store.next('serial', { resetDaily: { timeZone: 'Asia/Atlantis' } });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'resetDaily.timeZone' }] });
      expect(await store.next('serial', seoul)).toBe(1);
    });

    it('rejects an empty name', async () => {
      const store = await factory(Date.now);
      await expect(store.next('')).rejects.toMatchObject({ issues: [{ path: 'name' }] });
    });
  });
}
