import { FramingError, ValidationError } from '../errors/index.js';
import {
  type DecodeTagRecordsOptions,
  type ResolvedTagFormat,
  resolveTagFormat,
  type TagRecord,
} from './tag-record-format.js';
import { resolveCharset, type TextCharset } from './text-charset.js';
import { decodeText } from './text-decode.js';

/**
 * Why tag records could not be read (in `FramingError.details.reason`):
 * `TRUNCATED` (a header, value length or value runs past the record or the input), `FORMAT` (a non-digit
 * count or length, a tag that is not printable ASCII, invalid text bytes), `LENGTH` (a record's length does not
 * match its values), `COUNT` (not the expected number of records).
 */
export type TagRecordErrorReason = 'TRUNCATED' | 'FORMAT' | 'LENGTH' | 'COUNT';

/** Everything a decode step needs. */
interface ReadState {
  readonly bytes: Buffer;
  readonly format: ResolvedTagFormat;
  readonly charset: TextCharset;
  readonly trim: boolean;
}

/**
 * Decodes a body of tag/count/length records (see `TagRecord`; specs/billgate.md §4.3) into `[tag, values]`
 * pairs in wire order. Each value is sliced by its byte length first and only then decoded, so a multi-byte
 * character can never swallow the next length field. Unknown tags are returned like any other; a tag that
 * appears in two records gives two entries.
 *
 * Every read is bounds-checked against the record and the input, and every loop consumes input, so garbled or
 * truncated bytes end in a `FramingError`, never in an out-of-range read or a hang.
 *
 * @returns The records; values trimmed at both ends unless `options.trim` is false.
 * @throws {FramingError} (a `ProtocolError`) with `details: { reason, recordIndex, offset }` —
 *   {@link TagRecordErrorReason} — and a message that names positions, never content.
 * @throws {ValidationError} when `bytes` is not a `Uint8Array` or an option is invalid.
 */
export function decodeTagRecords(bytes: Uint8Array, options?: DecodeTagRecordsOptions): TagRecord[] {
  const format = resolveTagFormat(options);
  const charset = resolveCharset(options?.charset, 'charset');
  const expectedCount = options?.expectedCount;
  if (expectedCount !== undefined && (!Number.isSafeInteger(expectedCount) || expectedCount < 0))
    throw invalidArgument('expectedCount', 'must be a non-negative integer');
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('bytes', 'must be a Uint8Array or Buffer');
  const state: ReadState = {
    bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    format,
    charset,
    trim: options?.trim !== false,
  };
  const records: TagRecord[] = [];
  let offset = 0;
  while (offset < state.bytes.length) {
    // Each record consumes at least its header, so the loop ends after at most length / headerWidth turns.
    const { record, end } = readRecord(state, offset, records.length);
    records.push(record);
    offset = end;
  }
  if (expectedCount !== undefined && records.length !== expectedCount)
    throw framingError(
      'COUNT',
      records.length,
      offset,
      `found ${records.length} records, expected ${expectedCount}`,
    );
  return records;
}

function readRecord(
  state: ReadState,
  start: number,
  recordIndex: number,
): { record: TagRecord; end: number } {
  const { bytes, format } = state;
  if (bytes.length - start < format.headerWidth)
    throw framingError('TRUNCATED', recordIndex, start, 'the record header runs past the end of the input');
  const tagEnd = start + format.tagWidth;
  for (let index = start; index < tagEnd; index++) {
    const byte = bytes[index]!;
    if (byte < 0x20 || byte > 0x7e)
      throw framingError('FORMAT', recordIndex, index, 'the tag is not printable ASCII');
  }
  const tag = bytes.toString('latin1', start, tagEnd);
  const count = readDigits(state, tagEnd, format.countWidth, recordIndex, 'value count');
  const lengthStart = tagEnd + format.countWidth;
  const length = readDigits(state, lengthStart, format.lengthWidth, recordIndex, 'record length');
  const bodyStart = lengthStart + format.lengthWidth;
  const bodyEnd = bodyStart + length;
  if (bodyEnd > bytes.length)
    throw framingError('TRUNCATED', recordIndex, lengthStart, 'the record runs past the end of the input');
  const values: string[] = [];
  let cursor = bodyStart;
  for (let valueIndex = 0; valueIndex < count; valueIndex++) {
    if (bodyEnd - cursor < format.valueLengthWidth)
      throw framingError(
        'TRUNCATED',
        recordIndex,
        cursor,
        `value ${valueIndex}'s length runs past the record`,
      );
    const valueLength = readDigits(state, cursor, format.valueLengthWidth, recordIndex, 'value length');
    const valueStart = cursor + format.valueLengthWidth;
    const valueEnd = valueStart + valueLength;
    if (valueEnd > bodyEnd)
      throw framingError('TRUNCATED', recordIndex, cursor, `value ${valueIndex} runs past the record`);
    values.push(readValue(state, valueStart, valueEnd, recordIndex));
    cursor = valueEnd;
  }
  if (cursor !== bodyEnd)
    throw framingError('LENGTH', recordIndex, lengthStart, 'the record length does not match its values');
  return { record: [tag, values], end: bodyEnd };
}

function readValue(state: ReadState, start: number, end: number, recordIndex: number): string {
  let from = start;
  let to = end;
  if (state.trim) {
    // Trimmed as bytes: these ASCII bytes are never part of a 2-byte character in EUC-KR, CP949 or UTF-8.
    while (from < to && isTrimmed(state.bytes[from]!)) from++;
    while (to > from && isTrimmed(state.bytes[to - 1]!)) to--;
  }
  const decoded = decodeText(state.bytes, from, to, state.charset);
  if (decoded.ok) return decoded.text;
  const problem =
    decoded.reason === 'SPLIT_MULTIBYTE'
      ? 'a value ends inside a 2-byte character'
      : `a value is not valid ${state.charset}`;
  throw framingError('FORMAT', recordIndex, decoded.at, problem);
}

function readDigits(
  state: ReadState,
  start: number,
  width: number,
  recordIndex: number,
  what: string,
): number {
  let value = 0;
  for (let index = start; index < start + width; index++) {
    const digit = state.bytes[index]! - 0x30;
    if (digit < 0 || digit > 9)
      throw framingError('FORMAT', recordIndex, index, `the ${what} is not ASCII digits`);
    value = value * 10 + digit;
  }
  return value;
}

/** PHP `trim`'s default set: space, tab, LF, CR, NUL, vertical tab. */
function isTrimmed(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x00 || byte === 0x0b;
}

function framingError(
  reason: TagRecordErrorReason,
  recordIndex: number,
  offset: number,
  problem: string,
): FramingError {
  return new FramingError({
    message: `tag records: record ${recordIndex} at byte ${offset}: ${problem} (${reason})`,
    details: { reason, recordIndex, offset },
  });
}

function invalidArgument(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `${path}: ${message}`,
    issues: [{ path, message, code: 'invalid_value' }],
  });
}
