/**
 * The digit rules of `N` fields, shared by definition-time checks (fixed/default values) and encoding.
 * @internal
 */

/** Why a value cannot be an N field's digits. @internal */
export interface DigitsProblem {
  readonly code: 'FORMAT';
  readonly message: string;
}

const notDigits: DigitsProblem = {
  code: 'FORMAT',
  message: 'must be a non-negative safe integer, a non-negative bigint or a string of ASCII digits',
};
const negative: DigitsProblem = { code: 'FORMAT', message: 'must not be negative (N fields are unsigned)' };

/**
 * The decimal digits an N field writes for `value`, or why it cannot. A digit string is kept as given, leading
 * zeros included; `-0` counts as 0.
 * @internal
 */
export function digitsOf(value: unknown): string | DigitsProblem {
  switch (typeof value) {
    case 'number':
      if (!Number.isSafeInteger(value)) return notDigits;
      return value < 0 ? negative : String(Math.abs(value));
    case 'bigint':
      return value < 0n ? negative : value.toString();
    case 'string':
      return isDigitString(value) ? value : value.startsWith('-') ? negative : notDigits;
    default:
      return notDigits;
  }
}

/** True when `text` is one or more ASCII digits. @internal */
export function isDigitString(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}
