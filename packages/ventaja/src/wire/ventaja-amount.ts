import { ProtocolError, ValidationError } from '@wirebridge/core';

/** Largest amount in centavos the SDK sends (10^12 centavos = PHP 10 billion, far above any Ventaja limit). */
export const MAX_VENTAJA_MINOR = 1_000_000_000_000;

const wireAmountPattern = /^\d+(\.\d{1,2})?$/;

/**
 * Centavos → the decimal pesos Ventaja reads (spec §4.4): `Number((minor / 100).toFixed(2))`, so `12050` → `120.5`
 * and `12000` → `120` once `JSON.stringify` writes it.
 * @throws ValidationError for a negative, fractional or too large amount.
 */
export function toVentajaAmount(minor: number): number {
  if (!Number.isSafeInteger(minor) || minor < 0 || minor > MAX_VENTAJA_MINOR) {
    throw new ValidationError({
      message: 'amount must be a whole number of centavos between 0 and 10^12',
      issues: [
        {
          path: 'amount',
          message: 'must be an integer number of centavos in 0…10^12',
          code: 'invalid_amount',
        },
      ],
    });
  }
  return Number((minor / 100).toFixed(2));
}

/**
 * Decimal pesos from the wire → centavos, read through text with no float multiplication (spec §4.4):
 * `String(wire)` must match `^\d+(\.\d{1,2})?$`.
 * @throws ProtocolError for anything else (`"120.505"`, `1e21`, `-1`).
 */
export function fromVentajaAmount(wire: number | string): number {
  const text = String(wire);
  if ((typeof wire !== 'number' && typeof wire !== 'string') || !wireAmountPattern.test(text)) {
    throw new ProtocolError({
      message: 'Ventaja amount is not decimal pesos with at most 2 decimals',
      vendor: 'ventaja',
    });
  }
  const [pesos = '0', fraction = ''] = text.split('.');
  const minor = Number(pesos) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(minor) || minor > MAX_VENTAJA_MINOR) {
    throw new ProtocolError({ message: 'Ventaja amount is out of range', vendor: 'ventaja' });
  }
  return minor;
}
