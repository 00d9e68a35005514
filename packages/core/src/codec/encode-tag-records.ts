import { ValidationError, type ValidationIssue } from '../errors/index.js';
import {
  type EncodeTagRecordsOptions,
  type ResolvedTagFormat,
  resolveTagFormat,
} from './tag-record-format.js';
import { resolveCharset, type TextCharset } from './text-charset.js';
import { encodeText, isAsciiText } from './text-encode.js';

/** A value ready to write: ASCII text is written straight from the string, other text as its encoded bytes. */
type PreparedValue = string | Buffer;

/**
 * Encodes records in the tag/count/length format (see `TagRecord`; specs/billgate.md §4.3), in the given
 * order, into one buffer. Lengths count encoded bytes of `options.charset`. The records are written as
 * given: merging repeated tags into one record, and the record count a header announces, belong to the caller.
 *
 * Every value is checked before anything is written; all problems are reported together.
 *
 * @throws {ValidationError} with issues naming `records.<i>` (tag not exactly `tagWidth` printable ASCII
 *   characters, values not an array of strings, too many values, record too long for its length field:
 *   codes `FORMAT` / `OVERFLOW`) or `records.<i>.values.<j>` (`UNENCODABLE`, `OVERFLOW`, `FORMAT`); the
 *   messages never contain the values. Also for bad `options` (path = the option's name).
 */
export function encodeTagRecords(
  records: ReadonlyArray<readonly [tag: string, values: readonly string[]]>,
  options?: EncodeTagRecordsOptions,
): Buffer {
  const format = resolveTagFormat(options);
  const charset = resolveCharset(options?.charset, 'charset');
  if (!Array.isArray(records))
    throw invalid([{ path: 'records', message: 'must be an array', code: 'invalid_type' }]);
  const issues: ValidationIssue[] = [];
  const prepared: PreparedValue[][] = [];
  let total = 0;
  for (let index = 0; index < records.length; index++) {
    const values = prepareRecord(records[index], index, format, charset, issues);
    prepared.push(values);
    total += format.headerWidth + recordBodyLength(values, format);
  }
  if (issues.length > 0) throw invalid(issues);
  const output = Buffer.alloc(total);
  let offset = 0;
  for (let index = 0; index < prepared.length; index++) {
    const values = prepared[index]!;
    offset += output.write(
      (records[index] as readonly [string, unknown])[0],
      offset,
      format.tagWidth,
      'latin1',
    );
    offset = writeDigits(output, offset, values.length, format.countWidth);
    offset = writeDigits(output, offset, recordBodyLength(values, format), format.lengthWidth);
    for (const value of values) {
      offset = writeDigits(output, offset, value.length, format.valueLengthWidth);
      offset +=
        typeof value === 'string' ? output.write(value, offset, 'latin1') : value.copy(output, offset);
    }
  }
  return output;
}

/** Checks one record and encodes its non-ASCII values; problems go to `issues`. */
function prepareRecord(
  record: unknown,
  index: number,
  format: ResolvedTagFormat,
  charset: TextCharset,
  issues: ValidationIssue[],
): PreparedValue[] {
  const path = `records.${index}`;
  if (!Array.isArray(record) || record.length !== 2) {
    issues.push({ path, message: 'must be a [tag, values] pair', code: 'FORMAT' });
    return [];
  }
  const [tag, values] = record as [unknown, unknown];
  if (typeof tag !== 'string' || tag.length !== format.tagWidth || !isPrintableAscii(tag))
    issues.push({
      path,
      message: `tag must be exactly ${format.tagWidth} printable ASCII characters`,
      code: 'FORMAT',
    });
  if (!Array.isArray(values)) {
    issues.push({ path, message: 'values must be an array of strings', code: 'FORMAT' });
    return [];
  }
  if (values.length > format.maxCount)
    issues.push({
      path,
      message: `has ${values.length} values; the count field holds ${format.maxCount}`,
      code: 'OVERFLOW',
    });
  const prepared: PreparedValue[] = [];
  for (let valueIndex = 0; valueIndex < values.length; valueIndex++) {
    const value: unknown = values[valueIndex];
    const valuePath = `${path}.values.${valueIndex}`;
    if (typeof value !== 'string') {
      issues.push({ path: valuePath, message: 'must be a string', code: 'FORMAT' });
      continue;
    }
    let bytes: PreparedValue = value;
    if (!isAsciiText(value)) {
      const encoded = encodeText(value, charset);
      if (!encoded.ok) {
        issues.push({ path: valuePath, message: encoded.message, code: encoded.code });
        continue;
      }
      bytes = encoded.bytes;
    }
    if (bytes.length > format.maxValueLength)
      issues.push({
        path: valuePath,
        message: `is ${bytes.length} bytes in ${charset}; a value holds at most ${format.maxValueLength}`,
        code: 'OVERFLOW',
      });
    prepared.push(bytes);
  }
  const bodyLength = recordBodyLength(prepared, format);
  if (bodyLength > format.maxLength)
    issues.push({
      path,
      message: `its values take ${bodyLength} bytes; the length field holds ${format.maxLength}`,
      code: 'OVERFLOW',
    });
  return prepared;
}

function recordBodyLength(values: readonly PreparedValue[], format: ResolvedTagFormat): number {
  let length = 0;
  for (const value of values) length += format.valueLengthWidth + value.length;
  return length;
}

function writeDigits(output: Buffer, offset: number, value: number, width: number): number {
  return offset + output.write(String(value).padStart(width, '0'), offset, width, 'latin1');
}

function isPrintableAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}

function invalid(issues: ValidationIssue[]): ValidationError {
  const summary = issues.map((issue) => `${issue.path} ${issue.code}`).join(', ');
  return new ValidationError({ message: `encodeTagRecords: ${summary}`, issues });
}
