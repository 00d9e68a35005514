/** KST has no daylight saving: UTC+9 all year (spec §4.2). */
const KST_OFFSET_MS = 9 * 60 * 60 * 1_000;

/** `YYYYMMDDhhmmss` in Asia/Seoul (spec §4.2). */
export function formatKst(date: Date): string {
  const shifted = new Date(date.getTime() + KST_OFFSET_MS);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    pad(shifted.getUTCFullYear(), 4) +
    pad(shifted.getUTCMonth() + 1) +
    pad(shifted.getUTCDate()) +
    pad(shifted.getUTCHours()) +
    pad(shifted.getUTCMinutes()) +
    pad(shifted.getUTCSeconds())
  );
}

/** Reads `YYYYMMDDhhmmss` KST; `undefined` for anything else (a vendor field we cannot read is not a date). */
export function parseKst(text: string | undefined): Date | undefined {
  if (text === undefined || !/^\d{14}$/.test(text)) return undefined;
  const [year, month, day, hour, minute, second] = [0, 4, 6, 8, 10, 12].map((start, index) =>
    Number(text.slice(start, index === 0 ? 4 : start + 2)),
  ) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - KST_OFFSET_MS;
  const date = new Date(utc);
  return formatKst(date) === text ? date : undefined;
}
