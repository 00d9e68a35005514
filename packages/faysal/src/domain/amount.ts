import { ValidationError } from '@wirebridge/core';

// ISO 4217 minor-unit digits of the currencies this package sends (spec §4.2: "exactly the ISO 4217 decimals of
// its currency"). Intl's CLDR data is not used: it gives PKR 0 cash digits, while ISO 4217 says 2.
const minorDigits: Readonly<Record<string, number>> = {
  PKR: 2,
  KRW: 0,
  JPY: 0,
  USD: 2,
  EUR: 2,
  GBP: 2,
  AED: 2,
  SAR: 2,
  QAR: 2,
  OMR: 3,
  KWD: 3,
  BHD: 3,
  CNY: 2,
  MYR: 2,
  SGD: 2,
  AUD: 2,
  CAD: 2,
};

/** ISO 4217 decimals of `currency`; unknown three-letter codes default to 2. */
export function currencyDigits(currency: string): number {
  return minorDigits[currency] ?? 2;
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `${path}: ${message}`,
    vendor: 'faysal',
    issues: [{ path, message, code: 'invalid_value' }],
  });
}

/**
 * SDK integer minor units → wire decimal string with exactly the currency's decimals (spec §4.2), without floats:
 * `toWireAmount(500000, 'PKR') === "5000.00"`, `toWireAmount(24500, 'KRW') === "24500"`.
 * @throws {ValidationError} naming `amount` when `minor` is not a safe integer, or `currency` when it is not ISO 4217-shaped.
 */
export function toWireAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw invalid('amount', 'must be a safe integer of minor units');
  if (!/^[A-Z]{3}$/.test(currency)) throw invalid('currency', 'must be an ISO 4217 code');
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const magnitude = String(Math.abs(minor));
  if (digits === 0) return `${sign}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/**
 * Wire decimal string → SDK integer minor units. The string must carry exactly the currency's decimals.
 * @throws {ValidationError} naming `amount` when the string is not such a decimal or overflows a safe integer.
 */
export function fromWireAmount(value: string, currency: string): number {
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`);
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalid('amount', `must be a decimal with ${digits} decimals for ${currency}`);
  }
  const negative = value.startsWith('-');
  const minor = Number((negative ? value.slice(1) : value).replace('.', ''));
  if (!Number.isSafeInteger(minor)) throw invalid('amount', 'is too large');
  return negative && minor !== 0 ? -minor : minor;
}
