/**
 * Display-width helpers: how many bytes a text takes in a wire charset, and how to shorten it on purpose.
 *
 * Layout encoding never shortens a value (a value that does not fit is an error), so a caller that wants to
 * send, say, the first 20 bytes of a depositor name calls {@link truncateToWidth} explicitly and sees where it
 * cut (specs/coocon.md §4.1).
 */
import { ValidationError } from '../errors/index.js';
import { resolveCharset, type TextCharset } from './text-charset.js';
import { codePointWidth, measureText } from './text-encode.js';

/**
 * The number of bytes `text` takes in `charset`: ASCII 1 byte, a Hangul syllable 2 bytes in EUC-KR/CP949
 * (3 in UTF-8). `encodedWidth('가나다', 'euc-kr') === 6`.
 *
 * @param charset The wire charset. @default 'euc-kr'
 * @throws {ValidationError} issue path `text` (code `UNENCODABLE`) when `text` has a character the charset
 *   cannot encode — widths of text that cannot be sent are meaningless; `charset` when it is not a
 *   {@link TextCharset}; `text` (code `invalid_type`) when it is not a string.
 */
export function encodedWidth(text: string, charset: TextCharset = 'euc-kr'): number {
  const resolved = resolveCharset(charset, 'charset');
  requireText(text);
  return measureOrThrow(text, resolved);
}

/**
 * The longest prefix of `text` that fits in `width` bytes of `charset`, cut only between whole characters
 * (code points), so a 2-byte Hangul syllable is either kept whole or dropped: with EUC-KR,
 * `truncateToWidth('가나다', 5) === '가나'`. Text that already fits is returned unchanged.
 *
 * @param width Maximum encoded width in bytes, a non-negative integer.
 * @param charset The wire charset. @default 'euc-kr'
 * @throws {ValidationError} issue path `text` (code `UNENCODABLE`) when `text` has a character the charset
 *   cannot encode, anywhere in it; `width` when it is not a non-negative integer; `charset` when unknown.
 */
export function truncateToWidth(text: string, width: number, charset: TextCharset = 'euc-kr'): string {
  const resolved = resolveCharset(charset, 'charset');
  requireText(text);
  if (!Number.isInteger(width) || width < 0)
    throw invalid('width', 'must be a non-negative integer', 'invalid_value');
  if (measureOrThrow(text, resolved) <= width) return text;
  let used = 0;
  let kept = 0;
  for (const character of text) {
    const characterWidth = codePointWidth(character.codePointAt(0)!, resolved);
    if (used + characterWidth > width) break;
    used += characterWidth;
    kept += character.length;
  }
  return text.slice(0, kept);
}

function measureOrThrow(text: string, charset: TextCharset): number {
  const width = measureText(text, charset);
  if (typeof width === 'number') return width;
  throw invalid('text', width.message, width.code);
}

function requireText(text: unknown): asserts text is string {
  if (typeof text !== 'string') throw invalid('text', 'must be a string', 'invalid_type');
}

function invalid(path: string, message: string, code: string): ValidationError {
  return new ValidationError({ message: `${path}: ${message}`, issues: [{ path, message, code }] });
}
