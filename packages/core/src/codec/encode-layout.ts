/**
 * Values → fixed-width bytes. One buffer of the layout's length is allocated and every field is written in
 * place at its precomputed offset (no per-field buffers to concatenate, DESIGN §10). Every problem of every
 * field is collected and reported together as one `ValidationError`, before the bytes can reach a socket.
 */
import { ValidationError, type ValidationIssue } from '../errors/index.js';
import { isControlCode, type PlannedField, planOf } from './layout-plan.js';
import type { Layout, LayoutInput } from './layout-types.js';
import { digitsOf } from './numeric-digits.js';
import { resolveCharset, type TextCharset } from './text-charset.js';
import { codePointWidth, measureText, writeEncoded } from './text-encode.js';

/**
 * The `code` of a `ValidationIssue` raised by `encodeLayout` (names shared with specs/coocon.md §4.1):
 * - `MISSING`: a required field has no value;
 * - `FORMAT`: wrong type, not digits, negative, control characters, wrong binary length, or not the fixed value;
 * - `OVERFLOW`: wider than the field (more digits, or more encoded bytes) — never truncated;
 * - `UNENCODABLE`: a character the charset cannot encode (iconv-lite would silently write `?`);
 * - `UNKNOWN_FIELD`: a property that is not a field of the layout (usually a misspelt name).
 */
export type LayoutIssueCode = 'MISSING' | 'FORMAT' | 'OVERFLOW' | 'UNENCODABLE' | 'UNKNOWN_FIELD';

interface FieldProblem {
  readonly code: LayoutIssueCode;
  readonly message: string;
}

const space = 0x20;
const zero = 0x30;
const missing: FieldProblem = { code: 'MISSING', message: 'is required' };
const notFixed: FieldProblem = { code: 'FORMAT', message: "must equal the field's fixed value" };
const notText: FieldProblem = { code: 'FORMAT', message: 'must be a string' };
const controlCharacter: FieldProblem = { code: 'FORMAT', message: 'must not contain control characters' };
const notBytes: FieldProblem = { code: 'FORMAT', message: 'must be a Uint8Array or Buffer' };

/**
 * Encodes `values` into exactly `layout.length` bytes.
 *
 * - N: digits right-aligned, zero-filled; an absent optional value is written as zeros (or spaces with
 *   `emptyFill: 'spaces'`).
 * - AN: text in `text` charset, left-aligned, space-filled; width counted in encoded bytes. A value wider than
 *   the field is an error, never cut — in particular a 2-byte character is never split; call
 *   `truncateToWidth` first when shortening is acceptable.
 * - B: the bytes as given, exactly the field's length.
 * - `fixed` fields are written when absent and must match when given; `default` fills absent values.
 *
 * @param text The charset of AN fields. @default 'euc-kr' (strict KS X 1001)
 * @returns A new buffer of `layout.length` bytes.
 * @throws {ValidationError} with one issue per bad field, path `<layout>.<field>` and code
 *   {@link LayoutIssueCode}; messages never contain the values. Also for a `text` that is not a charset
 *   (path `text`) or `values` that is not an object (path `<layout>`).
 * @throws {ConfigError} when `layout` is not a valid layout.
 */
export function encodeLayout<L extends Layout>(
  layout: L,
  values: LayoutInput<L>,
  text?: TextCharset,
): Buffer {
  const plan = planOf(layout);
  const charset = resolveCharset(text, 'text');
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    const issue = { path: plan.name, message: 'values must be an object', code: 'invalid_type' };
    throw new ValidationError({ message: `encodeLayout(${plan.name}): ${issue.message}`, issues: [issue] });
  }
  const input = values as Record<string, unknown>;
  const output = Buffer.alloc(plan.length);
  let issues: ValidationIssue[] | undefined;
  for (const key of Object.keys(input)) {
    if (plan.fieldNames.has(key)) continue;
    issues ??= [];
    issues.push({
      path: `${plan.name}.${key}`,
      message: 'is not a field of this layout',
      code: 'UNKNOWN_FIELD',
    });
  }
  for (const field of plan.fields) {
    // hasOwn: a field named like an Object.prototype member (`constructor`) must not read the inherited one.
    const value = Object.hasOwn(input, field.name) ? input[field.name] : undefined;
    const problem =
      field.type === 'N'
        ? writeNumeric(output, field, value)
        : field.type === 'AN'
          ? writeText(output, field, value, charset)
          : writeBinary(output, field, value);
    if (problem === undefined) continue;
    issues ??= [];
    issues.push({ path: field.path, message: problem.message, code: problem.code });
  }
  if (issues !== undefined) {
    const summary = issues.map((issue) => `${issue.path} ${issue.code}`).join(', ');
    throw new ValidationError({
      message: `encodeLayout(${plan.name}): ${summary}`,
      issues,
      details: { layout: plan.name },
    });
  }
  return output;
}

function writeNumeric(output: Buffer, field: PlannedField, value: unknown): FieldProblem | undefined {
  if (value === undefined) {
    if (field.fallback !== undefined)
      output.write(field.fallback as string, field.offset, field.length, 'latin1');
    else if (field.optional) output.fill(field.emptyFill === 'zeros' ? zero : space, field.offset, field.end);
    else return missing;
    return undefined;
  }
  const digits = digitsOf(value);
  if (typeof digits !== 'string') return digits;
  if (digits.length > field.length)
    return { code: 'OVERFLOW', message: `has ${digits.length} digits; the field holds ${field.length}` };
  if (field.isFixed && digits.padStart(field.length, '0') !== field.fallback) return notFixed;
  const digitsStart = field.end - digits.length;
  for (let index = field.offset; index < digitsStart; index++) output[index] = zero;
  writeAscii(output, digits, digitsStart);
  return undefined;
}

function writeText(
  output: Buffer,
  field: PlannedField,
  given: unknown,
  charset: TextCharset,
): FieldProblem | undefined {
  let value = given;
  if (value === undefined) {
    if (field.fallback !== undefined) value = field.fallback;
    else if (field.optional) return writeSpaces(output, field.offset, field.end);
    else return missing;
  }
  if (typeof value !== 'string') return notText;
  let ascii = true;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (isControlCode(code)) return controlCharacter;
    if (code > 0x7f) ascii = false;
  }
  if (field.isFixed && trimEndSpaces(value) !== trimEndSpaces(field.fallback as string)) return notFixed;
  if (ascii) {
    // ASCII is the same bytes in every supported charset: copy the char codes, no encoder.
    if (value.length > field.length) return overflow(value, value.length, field.length, charset);
    writeAscii(output, value, field.offset);
    return writeSpaces(output, field.offset + value.length, field.end);
  }
  const width = measureText(value, charset);
  if (typeof width !== 'number') return width;
  if (width > field.length) return overflow(value, width, field.length, charset);
  writeEncoded(value, charset, output, field.offset);
  return writeSpaces(output, field.offset + width, field.end);
}

function writeBinary(output: Buffer, field: PlannedField, given: unknown): FieldProblem | undefined {
  let value = given;
  if (value === undefined) {
    if (field.fallback !== undefined) value = field.fallback;
    else if (field.optional)
      return undefined; // the buffer is zero-filled already
    else return missing;
  }
  if (!(value instanceof Uint8Array)) return notBytes;
  if (value.length > field.length)
    return { code: 'OVERFLOW', message: `is ${value.length} bytes; the field holds ${field.length}` };
  if (value.length < field.length)
    return { code: 'FORMAT', message: `must be exactly ${field.length} bytes` };
  if (
    field.isFixed &&
    !Buffer.from(value.buffer, value.byteOffset, value.length).equals(field.fallback as Uint8Array)
  )
    return notFixed;
  output.set(value, field.offset);
  return undefined;
}

/** Per-byte stores: for the short fields of a telegram they beat `Buffer#write`'s per-call set-up. */
function writeAscii(output: Buffer, text: string, offset: number): void {
  for (let index = 0; index < text.length; index++) output[offset + index] = text.charCodeAt(index);
}

function writeSpaces(output: Buffer, start: number, end: number): undefined {
  if (end - start > 32) output.fill(space, start, end);
  else for (let index = start; index < end; index++) output[index] = space;
  return undefined;
}

function overflow(text: string, width: number, fieldLength: number, charset: TextCharset): FieldProblem {
  return {
    code: 'OVERFLOW',
    message:
      `is ${width} bytes in ${charset}; the field holds ${fieldLength}` +
      (cutsCharacter(text, fieldLength, charset)
        ? ' and cutting it there would split a multi-byte character'
        : ''),
  };
}

/** Whether cutting the encoded `text` after `length` bytes would end inside a multi-byte character. */
function cutsCharacter(text: string, length: number, charset: TextCharset): boolean {
  let used = 0;
  for (const character of text) {
    used += codePointWidth(character.codePointAt(0)!, charset);
    if (used === length) return false;
    if (used > length) return true;
  }
  return false;
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === space) end--;
  return text.slice(0, end);
}
