/**
 * ZM / ZME line parsing (spec §8.3–§8.5): slice bytes, decode each field as GBK, right-trim, type it.
 */
import { ValidationError } from '@wirebridge/core';
import { FileFormatError } from '../../unionpay-error.js';
import { decodeText } from '../charset.js';
import { MODELLED_TIME_ZONE_OFFSET_MINUTES } from '../modelled.js';
import { nearestYearDate, settlementDateOf } from '../time.js';
import {
  ZM_FIELDS,
  ZM_LINE_BYTES,
  ZME_LINE_BYTES,
  ZME_WIDTHS,
  type ZmFieldType,
  type ZmRecord,
} from './zm-layout.js';

/** A line that could not be parsed, when `strict: false`. */
export interface FileLineError {
  line: number;
  column?: number;
  reason: string;
}

/** One ZME record: ZM fields 1–9 typed, the rest as trimmed strings. */
export type ZmeRecord = Pick<
  ZmRecord,
  | 'tradeCode'
  | 'acquirerInstitutionCode'
  | 'senderInstitutionCode'
  | 'traceNumber'
  | 'transmissionTime'
  | 'maskedPan'
  | 'amount'
  | 'merchantCategoryCode'
  | 'terminalType'
> & { fields: string[]; line: number; raw: string };

/** Options of the parsers: the full settlement date resolves the year of `MMDDhhmmss` values. */
export interface SettlementParseOptions {
  settlementDate: Date | string;
  /** Throw on the first bad line (`FileFormatError`) instead of collecting errors. @default true */
  strict?: boolean;
}

class LineProblem extends Error {
  constructor(
    readonly column: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Splits on CRLF (LF tolerated); blank lines are skipped but still counted. */
function splitLines(data: Buffer): Array<{ line: number; bytes: Buffer }> {
  const lines: Array<{ line: number; bytes: Buffer }> = [];
  let start = 0;
  let number = 0;
  while (start < data.length) {
    let end = data.indexOf(0x0a, start);
    if (end === -1) end = data.length;
    number++;
    let stop = end;
    if (stop > start && data[stop - 1] === 0x0d) stop--;
    const bytes = data.subarray(start, stop);
    if (bytes.length > 0 && !bytes.every((byte) => byte === 0x20)) lines.push({ line: number, bytes });
    start = end + 1;
  }
  return lines;
}

function rightTrim(text: string): string {
  return text.replace(/ +$/, '');
}

function typed(
  type: ZmFieldType,
  bytes: Buffer,
  offset: number,
  settlement: Date,
): string | number | Date | null {
  const text = rightTrim(decodeText(bytes, 'GBK'));
  switch (type) {
    case 'S':
      return text;
    case 'N': {
      if (text.trim() === '') return null;
      if (!/^\d+$/.test(text.trim())) throw new LineProblem(offset + 1, 'not an unsigned number');
      return Number(text.trim());
    }
    case 'A': {
      if (text.trim() === '') return null;
      const raw = bytes.toString('latin1');
      const sign = raw[0];
      const digits = raw.slice(1).trim();
      if ((sign !== 'C' && sign !== 'D' && sign !== ' ') || !/^\d+$/.test(digits)) {
        throw new LineProblem(offset + 1, 'not a signed amount (C/D + digits)');
      }
      return sign === 'D' ? -Number(digits) : Number(digits);
    }
    case 'T': {
      if (text.trim() === '') return null;
      const date = /^\d{10}$/.test(text)
        ? nearestYearDate(text, settlement, MODELLED_TIME_ZONE_OFFSET_MINUTES)
        : undefined;
      if (date === undefined) throw new LineProblem(offset + 1, 'not a MMDDhhmmss time');
      return date;
    }
  }
}

function checkShape(bytes: Buffer, widths: readonly number[], total: number): void {
  if (bytes.length !== total)
    throw new LineProblem(
      Math.min(bytes.length, total) + 1,
      `line is ${bytes.length} bytes, expected ${total}`,
    );
  let offset = 0;
  for (const width of widths.slice(0, -1)) {
    offset += width;
    if (bytes[offset] !== 0x20) throw new LineProblem(offset + 1, 'field separator is not a space');
    offset += 1;
  }
}

function settlementOf(options: SettlementParseOptions): Date {
  const date = settlementDateOf(options.settlementDate, MODELLED_TIME_ZONE_OFFSET_MINUTES);
  if (date === undefined) {
    throw new ValidationError({
      message: 'settlementDate must be a valid Date or YYYYMMDD',
      issues: [{ path: 'settlementDate', code: 'invalid_format', message: 'expected a Date or YYYYMMDD' }],
    });
  }
  return date;
}

function parseLines<T>(
  data: Buffer,
  options: SettlementParseOptions,
  file: string,
  parseLine: (bytes: Buffer, line: number, settlement: Date) => T,
): { records: T[]; errors: FileLineError[] } {
  const settlement = settlementOf(options);
  const records: T[] = [];
  const errors: FileLineError[] = [];
  for (const { line, bytes } of splitLines(data)) {
    try {
      records.push(parseLine(bytes, line, settlement));
    } catch (error) {
      if (!(error instanceof LineProblem)) throw error;
      if (options.strict ?? true)
        throw new FileFormatError({ file, line, column: error.column, reason: error.reason });
      errors.push({ line, column: error.column, reason: error.reason });
    }
  }
  return { records, errors };
}

/**
 * Parses a ZM file into typed records (spec §8.3). Wrong length, a non-space separator or a bad number is a
 * {@link FileFormatError} with its line and column (`strict: true`, default) or an entry of `errors`.
 */
export function parseZmFile(
  data: Buffer,
  options: SettlementParseOptions,
): { records: ZmRecord[]; errors: FileLineError[] } {
  return parseLines(data, options, 'ZM file', (bytes, line, settlement) => {
    checkShape(
      bytes,
      ZM_FIELDS.map((field) => field.width),
      ZM_LINE_BYTES,
    );
    const record: Record<string, unknown> = {};
    for (const field of ZM_FIELDS) {
      record[field.name] = typed(
        field.type,
        bytes.subarray(field.offset, field.offset + field.width),
        field.offset,
        settlement,
      );
    }
    return {
      ...(record as Omit<ZmRecord, 'line' | 'raw' | 'currency'>),
      line,
      raw: bytes.toString('latin1'),
      currency: 'CNY',
    };
  });
}

/** Parses a ZME file (spec §8.4): fields 1–9 typed like ZM, the rest in `fields` (names NOT FOUND). */
export function parseZmeFile(
  data: Buffer,
  options: SettlementParseOptions,
): { records: ZmeRecord[]; errors: FileLineError[] } {
  return parseLines(data, options, 'ZME file', (bytes, line, settlement) => {
    checkShape(bytes, ZME_WIDTHS, ZME_LINE_BYTES);
    const values: string[] = [];
    const typedValues: Record<string, unknown> = {};
    let offset = 0;
    ZME_WIDTHS.forEach((width, index) => {
      const slice = bytes.subarray(offset, offset + width);
      values.push(rightTrim(decodeText(slice, 'GBK')).trim());
      const zmField = ZM_FIELDS[index];
      if (index < 9 && zmField !== undefined)
        typedValues[zmField.name] = typed(zmField.type, slice, offset, settlement);
      offset += width + 1;
    });
    return {
      ...(typedValues as Omit<ZmeRecord, 'fields' | 'line' | 'raw'>),
      fields: values,
      line,
      raw: bytes.toString('latin1'),
    };
  });
}
