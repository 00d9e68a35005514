import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskDigits, maskName, maskValue, passesLuhn } from '../../src/observability/index.js';
import {
  AMEX_TEST_PAN,
  MASTERCARD_TEST_PAN,
  VISA_TEST_PAN,
  withCheckDigit,
  withWrongCheckDigit,
} from './support/card-numbers.js';

describe('maskDigits', () => {
  it('shows the first 6 and last 4 digits of a 16-digit card number', () => {
    expect(maskDigits(VISA_TEST_PAN, 'card_number')).toBe('411111******1111');
    expect(maskDigits(MASTERCARD_TEST_PAN, 'card_number')).toBe('555555******4444');
  });

  it('keeps separators in place', () => {
    expect(maskDigits('4111 1111 1111 1111', 'card_number')).toBe('4111 11** **** 1111');
    expect(maskDigits('4111-1111-1111-1111', 'card_number')).toBe('4111-11**-****-1111');
  });

  it('shows only the last 4 digits of a 10-digit account number', () => {
    expect(maskDigits('1234567890', 'account_number')).toBe('******7890');
    expect(maskDigits('123-456-7890', 'account_number')).toBe('***-***-7890');
  });

  it('shows only the last 4 digits of a 15-digit card number, so at least half stays masked', () => {
    expect(maskDigits(AMEX_TEST_PAN, 'card_number')).toBe('***********0005');
  });

  it('masks every digit of numbers up to 7 digits', () => {
    expect(maskDigits('123456', 'account_number')).toBe('******');
    expect(maskDigits('1234567', 'account_number')).toBe('*******');
    expect(maskDigits('12', 'card_number')).toBe('**');
    expect(maskDigits('', 'card_number')).toBe('');
  });

  it('shows the last 4 of 8 digits (half masked) and 6 + 4 of 19 digits', () => {
    expect(maskDigits('12345678', 'account_number')).toBe('****5678');
    expect(maskDigits('6212345678901234567', 'card_number')).toBe('621234*********4567');
  });

  it('never shows more than 6 + 4 digits, and below 16 digits never more than half', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,40}$/),
        fc.constantFrom('card_number' as const, 'account_number' as const),
        (digits, kind) => {
          const masked = maskDigits(digits, kind);
          expect(masked).toHaveLength(digits.length);
          const visible = [...masked].filter((character) => character !== '*').length;
          expect(visible).toBeLessThanOrEqual(10);
          if (digits.length < 16) expect(visible).toBeLessThanOrEqual(Math.floor(digits.length / 2));
          // Whatever is visible is the original digit in its place.
          [...masked].forEach((character, index) => {
            if (character !== '*') expect(character).toBe(digits[index]);
          });
        },
      ),
    );
  });
});

describe('maskName and maskValue', () => {
  it('keeps only the first character of a name', () => {
    expect(maskName('Hong Gildong')).toBe('H***');
    expect(maskName('홍길동')).toBe('홍***');
    expect(maskValue('Juan dela Cruz', 'name')).toBe('J***');
  });

  it('replaces secrets and personal data entirely', () => {
    expect(maskValue('correct horse battery staple', 'secret')).toBe('[REDACTED]');
    expect(maskValue('1990-01-01', 'personal')).toBe('[REDACTED]');
    expect(maskValue({ street: 'Example-ro 1' }, 'personal')).toBe('[REDACTED]');
  });

  it('masks numbers given as numbers, and item by item in arrays', () => {
    expect(maskValue(1234567890, 'account_number')).toBe('******7890');
    expect(maskValue(['1234567890', '9876543210'], 'account_number')).toEqual(['******7890', '******3210']);
  });

  it('replaces a value its rule cannot mask, and leaves null and undefined alone', () => {
    expect(maskValue({ number: VISA_TEST_PAN }, 'card_number')).toBe('[REDACTED]');
    expect(maskValue(null, 'card_number')).toBeNull();
    expect(maskValue(undefined, 'name')).toBeUndefined();
  });
});

describe('passesLuhn', () => {
  it('accepts the schemes test numbers and rejects a changed check digit', () => {
    expect([VISA_TEST_PAN, MASTERCARD_TEST_PAN, AMEX_TEST_PAN].map(passesLuhn)).toEqual([true, true, true]);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });

  it('agrees with the test helper on random numbers', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12,18}$/), (payload) => {
        expect(passesLuhn(withCheckDigit(payload))).toBe(true);
        expect(passesLuhn(withWrongCheckDigit(payload))).toBe(false);
      }),
    );
  });
});
