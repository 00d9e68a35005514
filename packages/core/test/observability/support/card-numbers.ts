/**
 * Card numbers for redaction tests. The fixed ones are the card schemes' published test numbers; the
 * generated ones are random digits completed with a Luhn check digit, so they are valid-looking and fake.
 */

/** Visa's published test PAN. */
export const VISA_TEST_PAN = '4111111111111111';
/** Mastercard's published test PAN. */
export const MASTERCARD_TEST_PAN = '5555555555554444';
/** American Express's published 15-digit test PAN. */
export const AMEX_TEST_PAN = '378282246310005';

/** The digit that makes `payload + digit` pass the Luhn check. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  // Counting from the right of the full number, the check digit is position 1 (not doubled), so the
  // payload's last digit is doubled.
  for (let index = 0; index < payload.length; index++) {
    let digit = Number(payload[payload.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** `payload` completed with its Luhn check digit. */
export function withCheckDigit(payload: string): string {
  return payload + luhnCheckDigit(payload);
}

/** `payload` completed with a digit that makes it FAIL the Luhn check (an order id, not a card). */
export function withWrongCheckDigit(payload: string): string {
  return payload + String((Number(luhnCheckDigit(payload)) + 1) % 10);
}
