/**
 * The tag/count/length record format (specs/billgate.md §4.3), as data shared by its encoder and decoder:
 *
 * ```
 * record = tag (tagWidth bytes, ASCII) · count (countWidth digits) · length (lengthWidth digits) · S
 * S      = for each of the count values: valueLength (valueLengthWidth digits) · value bytes
 * ```
 * `length` is the byte length of `S`; every length counts encoded bytes of the charset (Hangul = 2 in EUC-KR).
 * Example with the default widths: tag `0004`, value `충전1000` → `0004` `0001` `0012` `0008` + 8 bytes.
 */
import { ValidationError } from '../errors/index.js';
import type { TextCharset } from './text-charset.js';

/** One record: its tag and its values in order (a tag repeated on the wire is one record with several values). */
export type TagRecord = [tag: string, values: string[]];

/** Field widths of the record format; every vendor using it so far uses 4 for all four. */
export interface TagRecordFormat {
  /** Bytes of the tag, printable ASCII. @default 4 */
  tagWidth?: number;
  /** Digits of the value count. @default 4 */
  countWidth?: number;
  /** Digits of the record's byte length (the length of its values part). @default 4 */
  lengthWidth?: number;
  /** Digits of each value's byte length. @default 4 */
  valueLengthWidth?: number;
}

/** Options of `encodeTagRecords`. */
export interface EncodeTagRecordsOptions extends TagRecordFormat {
  /** Charset of the values; lengths count its bytes. @default 'euc-kr' */
  charset?: TextCharset;
}

/** Options of `decodeTagRecords`. */
export interface DecodeTagRecordsOptions extends TagRecordFormat {
  /** Charset of the values. @default 'euc-kr' (pass `'cp949'` to accept its extended syllables) */
  charset?: TextCharset;
  /**
   * The number of records the enclosing header announces (e.g. a `numberOfRecord` field); a different count
   * is a `FramingError`. @default undefined (not checked)
   */
  expectedCount?: number;
  /**
   * Remove spaces, tabs, CR, LF, vertical tabs and NUL bytes at both ends of each value after slicing it by its
   * byte length — what the vendors' PHP samples do (`trim`). Values with such characters at their ends then do
   * not round-trip; turn this off to get the exact bytes.
   * @default true
   */
  trim?: boolean;
}

/** Resolved widths, with the largest number each digit field can carry. @internal */
export interface ResolvedTagFormat {
  readonly tagWidth: number;
  readonly countWidth: number;
  readonly lengthWidth: number;
  readonly valueLengthWidth: number;
  readonly headerWidth: number;
  readonly maxCount: number;
  readonly maxLength: number;
  readonly maxValueLength: number;
}

const defaultWidth = 4;
/** 15 digits keep every value a safe integer; wider length fields would never be needed for a frame anyway. */
const maxDigitWidth = 15;

/** Validates and resolves the widths, throwing a `ValidationError` naming the option. @internal */
export function resolveTagFormat(options: TagRecordFormat | undefined): ResolvedTagFormat {
  const tagWidth = width(options?.tagWidth, 'tagWidth', 64);
  const countWidth = width(options?.countWidth, 'countWidth', maxDigitWidth);
  const lengthWidth = width(options?.lengthWidth, 'lengthWidth', maxDigitWidth);
  const valueLengthWidth = width(options?.valueLengthWidth, 'valueLengthWidth', maxDigitWidth);
  return {
    tagWidth,
    countWidth,
    lengthWidth,
    valueLengthWidth,
    headerWidth: tagWidth + countWidth + lengthWidth,
    maxCount: 10 ** countWidth - 1,
    maxLength: 10 ** lengthWidth - 1,
    maxValueLength: 10 ** valueLengthWidth - 1,
  };
}

function width(value: number | undefined, name: string, max: number): number {
  if (value === undefined) return defaultWidth;
  if (Number.isInteger(value) && value >= 1 && value <= max) return value;
  const message = `must be an integer from 1 to ${max}`;
  throw new ValidationError({
    message: `${name}: ${message}`,
    issues: [{ path: name, message, code: 'invalid_value' }],
  });
}
