// Asia/Karachi is UTC+5 without daylight saving (spec §3 "Clock"), so a fixed offset is exact.
const karachiOffsetMs = 5 * 60 * 60 * 1_000;

/** Calendar fields of an instant in Pakistan Standard Time. */
export interface KarachiParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  dayOfYear: number;
}

/** Splits `at` into PKT calendar fields. */
export function karachiParts(at: Date): KarachiParts {
  const shifted = new Date(at.getTime() + karachiOffsetMs);
  const year = shifted.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1);
  const startOfDay = Date.UTC(year, shifted.getUTCMonth(), shifted.getUTCDate());
  return {
    year,
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    dayOfYear: (startOfDay - startOfYear) / 86_400_000 + 1,
  };
}

const two = (value: number) => String(value).padStart(2, '0');

/** `YYYYMMDD` in PKT. */
export function karachiDate(at: Date): string {
  const parts = karachiParts(at);
  return `${parts.year}${two(parts.month)}${two(parts.day)}`;
}

/** `HHMMSS` in PKT. */
export function karachiTime(at: Date): string {
  const parts = karachiParts(at);
  return `${two(parts.hour)}${two(parts.minute)}${two(parts.second)}`;
}

/** `YYYYMMDDHHMMSS` (PKT) → Date, or undefined when the text is not such a timestamp. */
export function parseKarachiTimestamp(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00'] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const date = new Date(utc - karachiOffsetMs);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Date → `YYYYMMDDHHMMSS` in PKT. */
export function formatKarachiTimestamp(at: Date): string {
  return `${karachiDate(at)}${karachiTime(at)}`;
}
