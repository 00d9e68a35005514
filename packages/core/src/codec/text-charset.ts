/**
 * The charsets fixed-width layouts and tag records are written in. Widths are always counted in encoded
 * bytes of the chosen charset (a Hangul syllable is 2 bytes in EUC-KR, 3 in UTF-8), because that is what the
 * vendor's fixed offsets and length fields count.
 */
import { ValidationError } from '../errors/index.js';

/**
 * A wire charset:
 * - `euc-kr`: strict EUC-KR, i.e. KS X 1001 only (lead and trail bytes 0xA1–0xFE). Korean bank and PG
 *   telegrams are specified in EUC-KR, and a receiver that really is EUC-KR cannot read the CP949
 *   extensions, so a CP949-only syllable such as `똠` is refused rather than sent.
 * - `cp949`: Microsoft's superset of EUC-KR (Unified Hangul Code: all 11 172 syllables). Use it to decode
 *   text from vendors whose systems are Windows-based, or to send when the vendor documents CP949.
 * - `ascii`: 7-bit ASCII only.
 * - `utf-8`: UTF-8.
 */
export type TextCharset = 'euc-kr' | 'cp949' | 'ascii' | 'utf-8';

/** The charset used when none is given: the Korean telegrams this codec was built for are EUC-KR. */
export const DEFAULT_TEXT_CHARSET: TextCharset = 'euc-kr';

const charsets: ReadonlySet<string> = new Set<TextCharset>(['euc-kr', 'cp949', 'ascii', 'utf-8']);

/**
 * Returns `value` as a charset (`undefined` ⇒ the default), or throws a `ValidationError` naming `field`.
 * @internal
 */
export function resolveCharset(value: unknown, field: string): TextCharset {
  if (value === undefined) return DEFAULT_TEXT_CHARSET;
  if (typeof value === 'string' && charsets.has(value)) return value as TextCharset;
  const message = `must be one of ${[...charsets].join(', ')}`;
  throw new ValidationError({
    message: `${field}: ${message}`,
    issues: [{ path: field, message, code: 'invalid_value' }],
  });
}
