/**
 * Wire dates and times are Asia/Seoul (UTC+9, no DST; spec §4.4); the API uses `Date`.
 */

const seoulOffsetMs = 9 * 60 * 60 * 1_000;

/** `YYYYMMDD` and `hhmmss` of `date` in Korea Standard Time. @internal */
export function toSeoulParts(date: Date): { date: string; time: string } {
  const iso = new Date(date.getTime() + seoulOffsetMs).toISOString();
  return { date: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 19).replaceAll(':', '') };
}

/**
 * The instant of a KST `YYYYMMDD` (+ optional `hhmmss`); `undefined` for blank/zero dates (`00000000` = none).
 * @internal
 */
export function fromSeoulParts(date: unknown, time?: unknown): Date | undefined {
  if (typeof date !== 'string' || !/^\d{8}$/.test(date) || date === '00000000') return undefined;
  const clock = typeof time === 'string' && /^\d{6}$/.test(time) ? time : '000000';
  const iso = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${clock.slice(0, 2)}:${clock.slice(2, 4)}:${clock.slice(4, 6)}Z`;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? undefined : new Date(value - seoulOffsetMs);
}
