import { ProtocolError, ValidationError } from '@wirebridge/core';

// ISO 4217 currencies whose minor unit is not 2 decimals. WU's wire always carries 2 implied decimals (spec §4.7).
const zeroDecimalCurrencies = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const threeDecimalCurrencies = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** ISO 4217 decimals of a currency (2 unless listed). */
export function isoDecimals(currency: string): number {
  if (zeroDecimalCurrencies.has(currency)) return 0;
  if (threeDecimalCurrencies.has(currency)) return 3;
  return 2;
}

/** `wire = minor × scale`; the default scale is 10^(2 − isoDecimals) (spec §4.7; Modelled for non-2-decimal currencies). */
export function amountScale(currency: string, overrides: Readonly<Record<string, number>>): number {
  return overrides[currency] ?? 10 ** (2 - isoDecimals(currency));
}

/**
 * SDK minor units → WU wire amount text. A result that is not a whole number is refused before sending.
 * @throws ValidationError naming `field`.
 */
export function toWireAmount(
  minor: number,
  currency: string,
  overrides: Readonly<Record<string, number>>,
  field: string,
): string {
  const wire = minor * amountScale(currency, overrides);
  if (!Number.isSafeInteger(wire) || wire < 0) {
    throw new ValidationError({
      message: `Invalid amount: ${field}`,
      vendor: 'western-union',
      issues: [{ path: field, code: 'invalid_value', message: `not a whole wire amount in ${currency}` }],
    });
  }
  return String(wire);
}

/**
 * WU wire amount text → SDK minor units. Absent → `undefined`.
 * @throws ProtocolError when the text is not a non-negative integer or does not convert to whole minor units.
 */
export function fromWireAmount(
  text: unknown,
  currency: string,
  overrides: Readonly<Record<string, number>>,
  field: string,
): number | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  const raw = typeof text === 'string' ? text.trim() : String(text);
  const wire = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  const minor = wire / amountScale(currency, overrides);
  if (!Number.isSafeInteger(minor)) {
    throw new ProtocolError({
      message: `western-union reply: ${field} is not a whole amount in ${currency}`,
      vendor: 'western-union',
      details: { field },
    });
  }
  return minor;
}
