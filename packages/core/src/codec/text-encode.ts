/**
 * Text → bytes in a wire charset, refusing what the charset cannot carry.
 *
 * iconv-lite replaces a character it cannot encode with `?` (0x3F) without telling anyone; on a telegram that
 * would send a wrong name or reference. Here an unencodable character is reported (by its position, never its
 * value) instead of written. Korean text goes through tables built from iconv-lite's CP949 mapping
 * (korean-tables.ts); strict EUC-KR additionally refuses the CP949-only pairs.
 * @internal
 */
import { koreanTables } from './korean-tables.js';
import type { TextCharset } from './text-charset.js';

/** Why a text cannot be written in a charset. @internal */
export interface EncodeFailure {
  readonly ok: false;
  readonly code: 'UNENCODABLE';
  readonly message: string;
}

/** The outcome of {@link encodeText}. @internal */
export type EncodeTextResult = { ok: true; bytes: Buffer } | EncodeFailure;

/** True when every UTF-16 unit of `text` is 7-bit ASCII, so its bytes are its char codes in every charset. @internal */
export function isAsciiText(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/**
 * The number of bytes `text` takes in `charset`, or why it cannot be encoded. Nothing is allocated.
 * @internal
 */
export function measureText(text: string, charset: TextCharset): number | EncodeFailure {
  switch (charset) {
    case 'ascii': {
      for (let index = 0; index < text.length; index++)
        if (text.charCodeAt(index) > 0x7f) return unencodable(charset, index);
      return text.length;
    }
    case 'utf-8': {
      // A lone surrogate has no UTF-8 form; Node would silently write U+FFFD (EF BF BD) for it.
      const lone = firstLoneSurrogate(text);
      return lone >= 0 ? unencodable(charset, lone) : Buffer.byteLength(text, 'utf8');
    }
    default:
      return measureKorean(text, charset);
  }
}

/**
 * Writes `text`, already measured as encodable, at `offset` of `output` (which must have room) and returns
 * the number of bytes written.
 * @internal
 */
export function writeEncoded(text: string, charset: TextCharset, output: Buffer, offset: number): number {
  if (charset === 'utf-8') return output.write(text, offset, 'utf8');
  const encode = koreanTables().encode;
  let position = offset;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      output[position++] = code;
      continue;
    }
    const pair = encode[code]!;
    output[position++] = pair >> 8;
    output[position++] = pair & 0xff;
  }
  return position - offset;
}

/** Encodes `text` into a new buffer, or says why it cannot. @internal */
export function encodeText(text: string, charset: TextCharset): EncodeTextResult {
  const width = measureText(text, charset);
  if (typeof width !== 'number') return width;
  const bytes = Buffer.allocUnsafe(width);
  // Every byte is written: measureText counted exactly what writeEncoded writes.
  if (isAsciiText(text)) bytes.write(text, 0, width, 'latin1');
  else writeEncoded(text, charset, bytes, 0);
  return { ok: true, bytes };
}

/**
 * Width in bytes of each code point of `text` (already known to be encodable) in `charset`, for cutting text
 * between whole characters.
 * @internal
 */
export function codePointWidth(codePoint: number, charset: TextCharset): number {
  if (codePoint < 0x80) return 1;
  if (charset !== 'utf-8') return 2; // every non-ASCII character of EUC-KR/CP949 is a 2-byte pair
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

function measureKorean(text: string, charset: 'euc-kr' | 'cp949'): number | EncodeFailure {
  let width = text.length;
  let encode: Uint16Array | undefined;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) continue;
    encode ??= koreanTables().encode;
    const pair = encode[code]!;
    // Surrogates never have a pair, so an emoji fails here instead of becoming `?`.
    if (pair === 0) return unencodable(charset, index);
    if (charset === 'euc-kr' && !isKsX1001Pair(pair))
      return unencodable(charset, index, ' (a CP949-only character)');
    width++;
  }
  return width;
}

/** KS X 1001 (strict EUC-KR): lead and trail both 0xA1–0xFE. */
function isKsX1001Pair(pair: number): boolean {
  const lead = pair >> 8;
  const trail = pair & 0xff;
  return lead >= 0xa1 && lead <= 0xfe && trail >= 0xa1 && trail <= 0xfe;
}

function firstLoneSurrogate(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdfff) continue;
    const next = text.charCodeAt(index + 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      index++;
      continue;
    }
    return index;
  }
  return -1;
}

function unencodable(charset: TextCharset, index: number, note = ''): EncodeFailure {
  return {
    ok: false,
    code: 'UNENCODABLE',
    // The position, not the character: the text may be a personal name (DESIGN §7).
    message: `the character at index ${index} cannot be encoded in ${charset}${note}`,
  };
}
