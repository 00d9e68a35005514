import { ValidationError } from '@wirebridge/core';

// KICC dates on the wire are Korea Standard Time, UTC+09:00, with no daylight saving (spec §3).
const kstOffsetMs = 9 * 60 * 60 * 1_000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Formats `date` as KST text: `yyyyMMdd` (request dates) or `yyyyMMddHHmmss` (response times, expiry).
 * At `2025-03-01T15:30:00Z` the KST date is `20250302` (spec §10).
 */
export function formatKst(date: Date, pattern: 'yyyyMMdd' | 'yyyyMMddHHmmss'): string {
  const shifted = new Date(date.getTime() + kstOffsetMs);
  const day = `${pad(shifted.getUTCFullYear(), 4)}${pad(shifted.getUTCMonth() + 1, 2)}${pad(shifted.getUTCDate(), 2)}`;
  if (pattern === 'yyyyMMdd') return day;
  return `${day}${pad(shifted.getUTCHours(), 2)}${pad(shifted.getUTCMinutes(), 2)}${pad(shifted.getUTCSeconds(), 2)}`;
}

const kstPattern = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;

/**
 * Parses KST text of 8 (`yyyyMMdd`, midnight KST) or 14 (`yyyyMMddHHmmss`) digits into a `Date`.
 * @throws {ValidationError} (path `value`) for any other shape or an impossible date.
 */
export function parseKst(value: string): Date {
  const match = typeof value === 'string' ? kstPattern.exec(value) : null;
  if (match) {
    const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const utc = Date.UTC(year, month - 1, day, hour, minute, second);
    const check = new Date(utc);
    if (
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day &&
      hour < 24 &&
      minute < 60 &&
      second < 60
    ) {
      return new Date(utc - kstOffsetMs);
    }
  }
  throw new ValidationError({
    message: 'Invalid KST date text',
    issues: [{ path: 'value', message: 'must be yyyyMMdd or yyyyMMddHHmmss (KST)', code: 'invalid_format' }],
  });
}

/** Parses optional KST text; empty text (KICC sends `""` for unset dates) is `undefined`. */
export function parseOptionalKst(value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  return parseKst(value);
}
