import { ValidationError } from '../errors/families.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (`YYYY-MM-DD`) of `epochMs` in the IANA `timeZone`. Vendors reset serials at their own
 * local midnight (midnight KST is 15:00 UTC), so the date must be computed in that zone, not the host's. Every
 * `SequenceStore` with `resetDaily` uses this one function, so all stores agree on the day boundary;
 * `YYYY-MM-DD` also sorts as it reads.
 *
 * @throws {ValidationError} naming `path` when the zone is not a known IANA zone.
 */
export function localDate(epochMs: number, timeZone: string, path: string): string {
  const parts = formatterFor(timeZone, path).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function formatterFor(timeZone: string, path: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    if (typeof timeZone !== 'string' || timeZone.length === 0) throw new RangeError('empty time zone');
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
  } catch {
    throw new ValidationError({
      message: `Unknown time zone for ${path}`,
      issues: [{ path, message: 'must be an IANA time zone such as Asia/Seoul', code: 'invalid_value' }],
    });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}
