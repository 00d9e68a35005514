/**
 * Fixed-width bytes → typed values. Fields are sliced by byte offset before any text decoding (specs/coocon.md
 * §4.1), numbers are parsed without intermediate strings, and text that is pure ASCII — almost every field of
 * a telegram — is taken from one latin1 view of the frame instead of going through iconv (DESIGN §10).
 */
import { isAscii } from 'node:buffer';
import { ValidationError } from '../errors/index.js';
import { LayoutError, type LayoutErrorReason } from './layout-error.js';
import { type LayoutPlan, type PlannedField, planOf } from './layout-plan.js';
import type { DecodeLayoutOptions, Layout, LayoutValues } from './layout-types.js';
import { resolveCharset, type TextCharset } from './text-charset.js';
import { decodeText, isAsciiRange } from './text-decode.js';

const space = 0x20;
const nul = 0x00;

/** What one decode call reads from; passed to the field readers instead of many arguments. */
interface DecodeContext {
  readonly plan: LayoutPlan;
  readonly buffer: Buffer;
  /** The whole frame as latin1: each byte one UTF-16 unit, so ASCII fields are plain substrings of it. */
  readonly frame: string;
  readonly frameIsAscii: boolean;
  readonly charset: TextCharset;
  readonly options: DecodeLayoutOptions | undefined;
}

/**
 * Decodes exactly `layout.length` bytes into an object with one property per field:
 * - N: per the field's `as` (`number` by default up to 15 digits, else the digit `string`); an all-spaces field
 *   is `undefined` when the field is optional, an error otherwise;
 * - AN: the text with trailing spaces and NUL bytes removed (leading spaces are kept as data);
 * - B: a copy of the bytes.
 *
 * Values decoded from bytes that `encodeLayout` produced re-encode to the identical bytes (an N field decoded
 * `as: 'string'` keeps its leading zeros). Bytes it did not produce re-encode identically as long as AN fields
 * are space-padded and optional blanks use the field's `emptyFill`.
 *
 * @param text The charset of AN fields. @default 'euc-kr' (strict KS X 1001; pass `'cp949'` for senders
 *   that use its extended syllables)
 * @throws {LayoutError} (a `ProtocolError`) naming the layout, field and byte offset — never the content —
 *   for a frame of the wrong length (`LENGTH`), non-digits in an N field or invalid text bytes or a fixed
 *   field holding another value (`FORMAT`), a cut 2-byte character (`SPLIT_MULTIBYTE`, unless the field is
 *   `lenientTrailingByte`), or an `as: 'number'` value above 2^53 − 1 (`OVERFLOW`).
 * @throws {ValidationError} when `bytes` is not a `Uint8Array` or `text` is not a charset.
 */
export function decodeLayout<L extends Layout>(
  layout: L,
  bytes: Uint8Array,
  text?: TextCharset,
  options?: DecodeLayoutOptions,
): LayoutValues<L> {
  const plan = planOf(layout);
  const charset = resolveCharset(text, 'text');
  if (!(bytes instanceof Uint8Array)) {
    const message = 'must be a Uint8Array or Buffer';
    throw new ValidationError({
      message: `bytes: ${message}`,
      issues: [{ path: 'bytes', message, code: 'invalid_type' }],
    });
  }
  if (bytes.length !== plan.length) {
    throw new LayoutError({
      layout: plan.name,
      offset: Math.min(bytes.length, plan.length),
      reason: 'LENGTH',
      detail: `expected exactly ${plan.length} bytes, got ${bytes.length}`,
    });
  }
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const context: DecodeContext = {
    plan,
    buffer,
    frame: buffer.toString('latin1'),
    frameIsAscii: isAscii(buffer),
    charset,
    options,
  };
  const fields = plan.fields;
  const values = new Array<unknown>(fields.length);
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    values[index] =
      field.type === 'N'
        ? readNumeric(context, field)
        : field.type === 'AN'
          ? readText(context, field)
          : readBinary(context, field);
  }
  return plan.buildValues(values) as LayoutValues<L>;
}

function readNumeric(context: DecodeContext, field: PlannedField): number | string | bigint | undefined {
  const { frame } = context;
  const { offset, end } = field;
  if (frame.charCodeAt(offset) === space && isBlank(frame, offset, end)) {
    if (field.optional && !field.isFixed) return undefined;
    throw fieldError(context, field, offset, 'FORMAT', 'expected digits, found a blank field');
  }
  let number = 0;
  for (let index = offset; index < end; index++) {
    const digit = frame.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) throw fieldError(context, field, index, 'FORMAT', 'expected ASCII digits');
    number = number * 10 + digit;
  }
  if (field.isFixed && !holdsAt(frame, field.fallback as string, offset))
    throw fieldError(context, field, offset, 'FORMAT', 'does not hold the fixed value');
  switch (field.numeric) {
    case 'number':
      // Up to 15 digits the running value is exact; past 2^53 − 1 it would silently lose precision.
      if (number > Number.MAX_SAFE_INTEGER)
        throw fieldError(
          context,
          field,
          offset,
          'OVERFLOW',
          "exceeds Number.MAX_SAFE_INTEGER; declare as: 'bigint'",
        );
      return number;
    case 'string':
      return frame.slice(offset, end);
    default:
      return BigInt(frame.slice(offset, end));
  }
}

function readText(context: DecodeContext, field: PlannedField): string {
  const { buffer, frame } = context;
  const end = paddedEnd(buffer, field.offset, field.end);
  let value: string;
  if (context.frameIsAscii || isAsciiRange(buffer, field.offset, end)) {
    value = frame.slice(field.offset, end);
  } else {
    const decoded = decodeText(buffer, field.offset, end, context.charset);
    if (decoded.ok) {
      value = decoded.text;
    } else if (decoded.reason === 'SPLIT_MULTIBYTE' && field.lenientTrailingByte) {
      value = decodeWithoutDanglingByte(context, field, decoded.at);
    } else {
      const detail =
        decoded.reason === 'SPLIT_MULTIBYTE'
          ? 'ends with the first byte of a 2-byte character'
          : `holds bytes that are not valid ${context.charset}`;
      throw fieldError(context, field, decoded.at, decoded.reason, detail);
    }
  }
  return field.isFixed ? checkFixedText(context, field, value) : value;
}

function checkFixedText(context: DecodeContext, field: PlannedField, value: string): string {
  if (value !== trimEndSpaces(field.fallback as string))
    throw fieldError(context, field, field.offset, 'FORMAT', 'does not hold the fixed value');
  return value;
}

/** The lenient path: drop the dangling lead byte at `danglingAt`, warn, and decode the rest. */
function decodeWithoutDanglingByte(context: DecodeContext, field: PlannedField, danglingAt: number): string {
  const end = paddedEnd(context.buffer, field.offset, danglingAt);
  const decoded = decodeText(context.buffer, field.offset, end, context.charset);
  if (!decoded.ok)
    throw fieldError(
      context,
      field,
      decoded.at,
      'FORMAT',
      `holds bytes that are not valid ${context.charset}`,
    );
  context.options?.onWarning?.({
    layout: context.plan.name,
    field: field.name,
    offset: danglingAt,
    reason: 'SPLIT_MULTIBYTE',
    message: `layout ${context.plan.name} field ${field.name}: dropped a dangling first byte of a 2-byte character at byte ${danglingAt}`,
  });
  return decoded.text;
}

function readBinary(context: DecodeContext, field: PlannedField): Uint8Array {
  const view = context.buffer.subarray(field.offset, field.end);
  if (field.isFixed && !view.equals(field.fallback as Uint8Array))
    throw fieldError(context, field, field.offset, 'FORMAT', 'does not hold the fixed value');
  // A copy, so the values stay valid when the caller reuses its receive buffer.
  return new Uint8Array(view);
}

/** The end of `[start, end)` without trailing spaces and NUL bytes (both seen as padding in the wild). */
function paddedEnd(buffer: Buffer, start: number, end: number): number {
  let index = end;
  while (index > start) {
    const byte = buffer[index - 1];
    if (byte !== space && byte !== nul) break;
    index--;
  }
  return index;
}

/** `frame.startsWith(text, offset)` without its set-up cost, which is large next to a 4-digit field. */
function holdsAt(frame: string, text: string, offset: number): boolean {
  for (let index = 0; index < text.length; index++)
    if (frame.charCodeAt(offset + index) !== text.charCodeAt(index)) return false;
  return true;
}

function isBlank(frame: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (frame.charCodeAt(index) !== space) return false;
  return true;
}

function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === space) end--;
  return text.slice(0, end);
}

function fieldError(
  context: DecodeContext,
  field: PlannedField,
  offset: number,
  reason: LayoutErrorReason,
  detail: string,
): LayoutError {
  return new LayoutError({ layout: context.plan.name, field: field.name, offset, reason, detail });
}
