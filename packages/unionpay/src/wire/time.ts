/**
 * `txnTime` (N14 `YYYYMMDDhhmmss`) and `settleDate` (N4 `MMDD`) in the gateway's time zone (spec §3, §4;
 * the UTC+08:00 default is Modelled).
 */

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Formats an instant as `YYYYMMDDhhmmss` at `offsetMinutes` east of UTC. */
export function formatTxnTime(instant: Date, offsetMinutes: number): string {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  return (
    pad(local.getUTCFullYear(), 4) +
    pad(local.getUTCMonth() + 1) +
    pad(local.getUTCDate()) +
    pad(local.getUTCHours()) +
    pad(local.getUTCMinutes()) +
    pad(local.getUTCSeconds())
  );
}

/** Reads `YYYYMMDDhhmmss` at `offsetMinutes`; `undefined` when malformed. */
export function parseTxnTime(text: string | undefined, offsetMinutes: number): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text ?? '');
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return formatTxnTime(date, offsetMinutes) === text ? date : undefined;
}

/** Formats the local calendar date of an instant as `MMDD` (the wire `settleDate`). */
export function formatSettleDate(instant: Date, offsetMinutes: number): string {
  return formatTxnTime(instant, offsetMinutes).slice(4, 8);
}

/**
 * Reads a `MMDD` (or `MMDDhhmmss`) value as the instant whose year puts it nearest to `reference`
 * (spec §4 `settleDate`, §8.3 type `T`).
 */
export function nearestYearDate(text: string, reference: Date, offsetMinutes: number): Date | undefined {
  const referenceYear = Number(formatTxnTime(reference, offsetMinutes).slice(0, 4));
  const padded = text.length === 4 ? `${text}000000` : text;
  let best: Date | undefined;
  for (const year of [referenceYear - 1, referenceYear, referenceYear + 1]) {
    const candidate = parseTxnTime(`${year}${padded}`, offsetMinutes);
    if (candidate === undefined) continue;
    if (
      best === undefined ||
      Math.abs(candidate.getTime() - reference.getTime()) < Math.abs(best.getTime() - reference.getTime())
    ) {
      best = candidate;
    }
  }
  return best;
}

/** A settlement date given as `Date` or `'YYYYMMDD'` → midnight of that local day. */
export function settlementDateOf(value: Date | string, offsetMinutes: number): Date | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? undefined
      : parseTxnTime(`${formatTxnTime(value, offsetMinutes).slice(0, 8)}000000`, offsetMinutes);
  }
  return /^\d{8}$/.test(value) ? parseTxnTime(`${value}000000`, offsetMinutes) : undefined;
}
