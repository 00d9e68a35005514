/** KYC date formats on the wire (Modelled, spec §4.2). */
export type KycDateFormat = 'MMDDYYYY' | 'YYYYMMDD' | 'DDMMYYYY';

/** A calendar date (read in UTC) in the configured KYC format. */
export function formatKycDate(date: Date, format: KycDateFormat): string {
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  if (format === 'YYYYMMDD') return year + month + day;
  if (format === 'DDMMYYYY') return day + month + year;
  return month + day + year;
}

// Fixed offsets of the US zones WU prints after a 12-hour time (spec §4.7).
const zoneOffsetsMinutes: Readonly<Record<string, number>> = {
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

/**
 * Reads WU's free-text `filing_date`/`filing_time` (spec §4.7): dates `MM-DD`, `MM-DD-YY`, `MM/DD/YY` (the year is
 * inferred from `now` when missing), times `HHMM[A|P] TZ` or `HH:MM:SS` (America/New_York). Anything else,
 * including a missing half, gives `undefined`.
 */
export function parseFilingDateTime(
  date: string | undefined,
  time: string | undefined,
  now: Date,
): Date | undefined {
  if (date === undefined || time === undefined) return undefined;
  const day = parseFilingDate(date.trim(), now);
  if (day === undefined) return undefined;
  const twelveHour = /^(\d{2})(\d{2})([AP]) ([A-Z]{3})$/.exec(time.trim());
  if (twelveHour) {
    const offset = zoneOffsetsMinutes[twelveHour[4] as string];
    let hour = Number(twelveHour[1]);
    const minute = Number(twelveHour[2]);
    if (offset === undefined || hour < 1 || hour > 12 || minute > 59) return undefined;
    if (hour === 12) hour = 0;
    if (twelveHour[3] === 'P') hour += 12;
    return new Date(Date.UTC(day.year, day.month - 1, day.day, hour, minute) - offset * 60_000);
  }
  const clock = /^(\d{2}):(\d{2}):(\d{2})$/.exec(time.trim());
  if (clock) {
    const [hour, minute, second] = [Number(clock[1]), Number(clock[2]), Number(clock[3])];
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    const asUtc = Date.UTC(day.year, day.month - 1, day.day, hour, minute, second);
    return new Date(asUtc - newYorkOffsetMinutes(new Date(asUtc)) * 60_000);
  }
  return undefined;
}

function parseFilingDate(text: string, now: Date): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{2})([-/])(\d{2})(?:\2(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  // `MM/DD` without a year is not one of the observed patterns.
  if (match[2] === '/' && match[4] === undefined) return undefined;
  const month = Number(match[1]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  let year: number;
  if (match[4] !== undefined) {
    year = 2000 + Number(match[4]);
  } else {
    // No year: the filing is in the past, so a date after today belongs to last year.
    year = now.getUTCFullYear();
    if (Date.UTC(year, month - 1, day) > now.getTime() + 86_400_000) year -= 1;
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return undefined;
  return { year, month, day };
}

function newYorkOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  if (!match) return -300;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}
