import type { SensitiveKind } from './sensitive.js';

/** What replaces a secret or personal value (and any value under a secret-named key). */
export const REDACTED = '[REDACTED]';

const maskChar = '*';

/** How many digits a number rule shows: the tail once `2 × tail` digits exist, the head from `headFrom`. */
interface DigitRule {
  /** Digits shown at the end, once at least as many stay masked. */
  tail: number;
  /** Digits shown at the start, the PCI DSS "first six". */
  head: number;
  /** Digit count from which the head is shown: at 16, 6 + 4 still hides a run as long as the head. */
  headFrom: number;
}

const digitRules: Record<'card_number' | 'account_number', DigitRule> = {
  card_number: { tail: 4, head: 6, headFrom: 16 },
  account_number: { tail: 4, head: 6, headFrom: 16 },
};

/**
 * Masks the digits of a card or account number with `*`, keeping separators (spaces, dashes) and any
 * letters (an IBAN's country code) in place.
 *
 * At most the first 6 and last 4 digits stay visible (DESIGN §7), and a visible part is only shown when at
 * least as many digits around it stay masked: up to 7 digits everything is masked, 8–15 digits show the
 * last 4 (a 10-digit account → `******7890`), and 16–19 digits show the first 6 and last 4 — the display
 * PCI DSS allows for a standard PAN (`411111******1111`).
 *
 * @param kind `card_number` or `account_number`; both follow the rule above today, and each has its own
 *   rule entry so a scheme-specific one (e.g. an 8-digit BIN) can be introduced without changing callers.
 */
export function maskDigits(value: string, kind: 'card_number' | 'account_number'): string {
  const rule = digitRules[kind] ?? digitRules.card_number;
  if (typeof value !== 'string') return maskDigits(String(value), kind);
  let digitCount = 0;
  for (let index = 0; index < value.length; index++) if (isDigit(value.charCodeAt(index))) digitCount++;
  const tail = digitCount >= 2 * rule.tail ? rule.tail : 0;
  const head = digitCount >= rule.headFrom ? rule.head : 0;
  let digitIndex = 0;
  let masked = '';
  for (let index = 0; index < value.length; index++) {
    const character = value[index]!;
    if (!isDigit(value.charCodeAt(index))) {
      masked += character;
      continue;
    }
    const visible = digitIndex < head || digitIndex >= digitCount - tail;
    masked += visible ? character : maskChar;
    digitIndex++;
  }
  return masked;
}

/** Masks a personal name: its first character, then `***` (`Hong Gildong` → `H***`). */
export function maskName(value: string): string {
  // Array.from splits by code point, so a name starting with an astral character is not cut in half.
  const first = Array.from(value)[0] ?? '';
  return `${first}***`;
}

/**
 * Masks one value marked with `kind`. Numbers are masked as their decimal text; an array is masked item by
 * item; anything that cannot be masked by its rule (an object marked `card_number`) becomes `[REDACTED]`.
 * `null` and `undefined` are returned unchanged: they reveal nothing.
 */
export function maskValue(value: unknown, kind: SensitiveKind): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => maskValue(item, kind));
  switch (kind) {
    case 'card_number':
    case 'account_number':
      if (typeof value === 'string') return maskDigits(value, kind);
      if (typeof value === 'number' || typeof value === 'bigint') return maskDigits(String(value), kind);
      return REDACTED;
    case 'name':
      return typeof value === 'string' ? maskName(value) : REDACTED;
    default:
      return REDACTED;
  }
}

/** True when the digits of `digits` (only digits) pass the Luhn (mod 10) check used by card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
