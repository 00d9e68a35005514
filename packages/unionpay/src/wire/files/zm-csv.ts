/**
 * ZM records → CSV (spec §8.6): RFC 4180, camelCase header in table order, `,` and `\n` by default, amounts as
 * signed fen, times ISO-8601 with `+08:00`, `null` empty. Deterministic: same records → same bytes.
 */
import { formatTxnTime } from '../time.js';
import { ZM_FIELDS, type ZmRecord } from './zm-layout.js';

/** Options of {@link zmRecordsToCsv}. */
export interface ZmCsvOptions {
  /** Columns, in order. @default every ZM field in table order */
  columns?: ReadonlyArray<keyof ZmRecord>;
  /** @default ',' */
  delimiter?: string;
  /** @default '\n' */
  lineEnding?: '\n' | '\r\n';
  /** Write the header row. @default true */
  header?: boolean;
}

const CHINA_OFFSET_MINUTES = 480;

function isoWithOffset(date: Date): string {
  const text = formatTxnTime(date, CHINA_OFFSET_MINUTES);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}+08:00`;
}

function cell(value: unknown, delimiter: string): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? isoWithOffset(value) : String(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes ZM records as CSV (UTF-8 text, no BOM). */
export function zmRecordsToCsv(records: readonly ZmRecord[], options: ZmCsvOptions = {}): string {
  const columns = options.columns ?? ZM_FIELDS.map((field) => field.name);
  const delimiter = options.delimiter ?? ',';
  const lineEnding = options.lineEnding ?? '\n';
  const rows: string[] = [];
  if (options.header ?? true) rows.push(columns.map((column) => cell(column, delimiter)).join(delimiter));
  for (const record of records)
    rows.push(columns.map((column) => cell(record[column], delimiter)).join(delimiter));
  return rows.length === 0 ? '' : rows.join(lineEnding) + lineEnding;
}
