import type { SequenceStore } from '@wirebridge/core';
import { MemorySequenceStore, ValidationError } from '@wirebridge/core';
import { karachiParts } from './karachi-time.js';

/** Source of 6-digit STANs (`000001`–`999999`, wrapping). */
export interface StanSource {
  /** Draws the next STAN: six digits, `000001`–`999999`, wrapping after `999999`. */
  next(): Promise<string>;
}

const stanPattern = /^\d{6}$/;

/**
 * `info.rrn` (spec §4.2, Sourced: PAYSYS `rrn.yaml`): last digit of the PKT year + day of year (3) + PKT hour (2) +
 * `stan` (6) = 12 digits. `rrnFor(2025-02-01T12:00+05:00, "000001") === "503212000001"`.
 * @throws {ValidationError} naming `stan` when it is not 6 digits.
 */
export function rrnFor(at: Date, stan: string): string {
  if (!stanPattern.test(stan)) {
    throw new ValidationError({
      message: 'stan: must be 6 digits',
      vendor: 'faysal',
      issues: [{ path: 'stan', message: 'must be 6 digits', code: 'invalid_format' }],
    });
  }
  const parts = karachiParts(at);
  return `${parts.year % 10}${String(parts.dayOfYear).padStart(3, '0')}${String(parts.hour).padStart(2, '0')}${stan}`;
}

/** Formats a sequence number as a STAN: 1–999 999, wrapping after 999 999 (never `000000`). */
export function stanOf(sequence: number): string {
  const wrapped = ((((sequence - 1) % 999_999) + 999_999) % 999_999) + 1;
  return String(wrapped).padStart(6, '0');
}

/**
 * STANs from core's {@link SequenceStore} under `faysal:stan`, reset daily in Asia/Karachi (spec §4.2): pass a
 * shared store (`@wirebridge/store-redis`) so every instance draws from one sequence.
 */
export function createSequenceStanSource(store: SequenceStore, name = 'faysal:stan'): StanSource {
  return {
    next: async () => stanOf(await store.next(name, { resetDaily: { timeZone: 'Asia/Karachi' } })),
  };
}

/**
 * An in-process STAN source (tests, single-instance tools): the next STAN after `seed` (default 0, so the first is
 * `000001`). Not shared across instances; production services pass a `SequenceStore`-backed source.
 */
export function createMemoryStanSource(seed = 0): StanSource {
  let current = seed;
  return {
    next: async () => {
      current += 1;
      return stanOf(current);
    },
  };
}

/** The default STAN source: core's in-memory sequence store, reset daily in PKT. */
export function createDefaultStanSource(now: () => number): StanSource {
  return createSequenceStanSource(new MemorySequenceStore({ now }));
}
