/**
 * Bytes → text in a wire charset, refusing bytes that are not valid in it.
 *
 * Callers slice a field's bytes first and decode the slice alone: in CP949 a lead byte followed by an ASCII
 * letter is one character (`b0 41` = `캚`), so decoding a whole telegram and cutting the string afterwards would
 * merge the last byte of one field with the first of the next (specs/coocon.md §4.1). Korean text is decoded
 * through tables built from iconv-lite's CP949 mapping (korean-tables.ts).
 * @internal
 */
import { koreanTables, pairIndex } from './korean-tables.js';
import type { TextCharset } from './text-charset.js';

/**
 * The outcome of {@link decodeText}. `SPLIT_MULTIBYTE`: the slice ends with the first byte of a multi-byte
 * character (a cut character); `FORMAT`: any other byte sequence invalid in the charset. `at` is the offending
 * byte's index in the decoded buffer.
 * @internal
 */
export type DecodeTextResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'FORMAT' | 'SPLIT_MULTIBYTE'; at: number };

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** True when `bytes[start, end)` are all 7-bit ASCII. @internal */
export function isAsciiRange(bytes: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (bytes[index]! > 0x7f) return false;
  return true;
}

/** Decodes `bytes[start, end)` in `charset`, checking every byte. @internal */
export function decodeText(
  bytes: Buffer,
  start: number,
  end: number,
  charset: TextCharset,
): DecodeTextResult {
  if (isAsciiRange(bytes, start, end)) return { ok: true, text: bytes.toString('latin1', start, end) };
  switch (charset) {
    case 'ascii':
      return { ok: false, reason: 'FORMAT', at: firstNonAscii(bytes, start, end) };
    case 'utf-8':
      return decodeUtf8(bytes, start, end);
    default:
      return decodeKorean(bytes, start, end, charset);
  }
}

function decodeKorean(
  bytes: Buffer,
  start: number,
  end: number,
  charset: 'euc-kr' | 'cp949',
): DecodeTextResult {
  const table = koreanTables().decode;
  const units = scratchUnits(end - start);
  let count = 0;
  for (let index = start; index < end; index++) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      units[count++] = lead;
      continue;
    }
    if (index + 1 === end) {
      // Only a byte that can start a character counts as a cut one; 0x80 or 0xFF is simply invalid.
      return { ok: false, reason: isLeadByte(lead, charset) ? 'SPLIT_MULTIBYTE' : 'FORMAT', at: index };
    }
    const trail = bytes[index + 1]!;
    // A well-formed pair can still be unassigned (0 in the table): also invalid.
    const code = isValidPair(lead, trail, charset) ? table[pairIndex(lead, trail)]! : 0;
    if (code === 0) return { ok: false, reason: 'FORMAT', at: index };
    units[count++] = code;
    index++;
  }
  return { ok: true, text: unitsToString(units, count) };
}

/** Chunk size for `String.fromCharCode.apply`: far below any engine's argument limit. */
const chunkUnits = 4096;
let scratch = new Uint16Array(256);

/**
 * A reusable buffer for decoded code units. Safe to share: decoding is synchronous and calls no user code
 * between filling it and turning it into a string.
 */
function scratchUnits(capacity: number): Uint16Array {
  if (scratch.length < capacity) scratch = new Uint16Array(Math.max(capacity, scratch.length * 2));
  return scratch;
}

function unitsToString(units: Uint16Array, count: number): string {
  if (count <= chunkUnits)
    return String.fromCharCode.apply(null, units.subarray(0, count) as unknown as number[]);
  let text = '';
  for (let start = 0; start < count; start += chunkUnits)
    text += String.fromCharCode.apply(
      null,
      units.subarray(start, Math.min(start + chunkUnits, count)) as unknown as number[],
    );
  return text;
}

function isLeadByte(byte: number, charset: 'euc-kr' | 'cp949'): boolean {
  return charset === 'euc-kr' ? byte >= 0xa1 && byte <= 0xfe : byte >= 0x81 && byte <= 0xfe;
}

/** KS X 1001 (EUC-KR): both bytes 0xA1–0xFE. CP949 adds leads from 0x81 and trails A–Z, a–z, 0x81–0xA0. */
function isValidPair(lead: number, trail: number, charset: 'euc-kr' | 'cp949'): boolean {
  if (!isLeadByte(lead, charset)) return false;
  if (trail >= 0xa1 && trail <= 0xfe) return true;
  if (charset === 'euc-kr') return false;
  return (
    (trail >= 0x41 && trail <= 0x5a) || (trail >= 0x61 && trail <= 0x7a) || (trail >= 0x81 && trail <= 0xa0)
  );
}

function decodeUtf8(bytes: Buffer, start: number, end: number): DecodeTextResult {
  const cut = cutSequenceStart(bytes, start, end);
  const checkedEnd = cut >= 0 ? cut : end;
  let text: string;
  try {
    text = utf8Decoder.decode(bytes.subarray(start, checkedEnd));
  } catch {
    // TextDecoder reports invalid UTF-8 with a TypeError; it becomes the typed result, not an escape.
    return { ok: false, reason: 'FORMAT', at: start };
  }
  if (cut >= 0) return { ok: false, reason: 'SPLIT_MULTIBYTE', at: cut };
  return { ok: true, text };
}

/**
 * When `bytes[start, end)` ends inside a UTF-8 sequence that a longer slice could complete, the index of that
 * sequence's lead byte; otherwise -1 (complete, or invalid in a way the strict decoder reports).
 */
function cutSequenceStart(bytes: Buffer, start: number, end: number): number {
  let continuation = 0;
  for (let index = end - 1; index >= start && continuation < 3; index--) {
    const byte = bytes[index]!;
    if ((byte & 0xc0) === 0x80) {
      continuation++;
      continue;
    }
    const expected =
      byte >= 0xf0 && byte <= 0xf4
        ? 3
        : byte >= 0xe0 && byte <= 0xef
          ? 2
          : byte >= 0xc2 && byte <= 0xdf
            ? 1
            : 0;
    return expected > continuation ? index : -1;
  }
  return -1;
}

function firstNonAscii(bytes: Uint8Array, start: number, end: number): number {
  for (let index = start; index < end; index++) if (bytes[index]! > 0x7f) return index;
  return end;
}
