import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createMemoryStanSource,
  fromWireAmount,
  isValidCnic,
  isValidPakistanIban,
  normalizeCnic,
  rrnFor,
  toWireAmount,
} from '../src/index.js';

// spec §10 "Domain" vectors and the properties around them.
describe('Pakistani IBAN (ISO 13616 mod-97)', () => {
  const valid = 'PK36SCBL0000001123456702';

  it('accepts the spec vector', () => {
    expect(isValidPakistanIban(valid)).toBe(true);
  });

  it('rejects every single-digit change of the vector', () => {
    for (let index = 0; index < valid.length; index++) {
      const character = valid[index]!;
      if (!/\d/.test(character)) continue;
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === character) continue;
        const changed = `${valid.slice(0, index)}${digit}${valid.slice(index + 1)}`;
        expect(isValidPakistanIban(changed), changed).toBe(false);
      }
    }
  });

  it('rejects the 23-character vector and other shapes', () => {
    expect(isValidPakistanIban('PK36SCBL000000112345670')).toBe(false);
    expect(isValidPakistanIban('GB36SCBL0000001123456702')).toBe(false);
    expect(isValidPakistanIban('pk36scbl0000001123456702')).toBe(false);
  });
});

describe('CNIC', () => {
  it('normalises the dashed form of the spec vector', () => {
    expect(normalizeCnic('12345-1234567-1')).toBe('1234512345671');
    expect(isValidCnic('12345-1234567-1')).toBe(true);
    expect(isValidCnic('1234512345671')).toBe(true);
  });

  it('rejects wrong lengths and misplaced dashes', () => {
    for (const value of [
      '123451234567',
      '12345123456712',
      '1234-51234567-1',
      '12345-1234567-12',
      'ABCDE1234567X',
    ]) {
      expect(isValidCnic(value), value).toBe(false);
    }
  });
});

describe('rrn and stan', () => {
  it('builds the spec vector rrn', () => {
    expect(rrnFor(new Date('2025-02-01T12:00:00+05:00'), '000001')).toBe('503212000001');
  });

  it('uses Pakistan time for the day and hour (UTC 19:30 on Dec 31 is Jan 1 in Karachi)', () => {
    expect(rrnFor(new Date('2024-12-31T19:30:00Z'), '000042')).toBe('500100000042');
  });

  it('is always 12 digits ending with the stan', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 999_999 }),
        (at, sequence) => {
          const stan = String(sequence).padStart(6, '0');
          const rrn = rrnFor(at, stan);
          expect(rrn).toMatch(/^\d{12}$/);
          expect(rrn.endsWith(stan)).toBe(true);
        },
      ),
    );
  });

  it('counts stans from 000001 and wraps after 999999', async () => {
    const fresh = createMemoryStanSource();
    expect(await fresh.next()).toBe('000001');
    const nearEnd = createMemoryStanSource(999_998);
    expect(await nearEnd.next()).toBe('999999');
    expect(await nearEnd.next()).toBe('000001');
  });
});

describe('wire amounts', () => {
  it('formats the spec vectors', () => {
    expect(toWireAmount(500_000, 'PKR')).toBe('5000.00');
    expect(toWireAmount(24_500, 'KRW')).toBe('24500');
    expect(toWireAmount(5, 'PKR')).toBe('0.05');
    expect(fromWireAmount('5000.00', 'PKR')).toBe(500_000);
  });

  it('round-trips every safe integer in PKR, KRW and a 3-decimal currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('PKR', 'KRW', 'KWD'),
        (minor, currency) => {
          expect(fromWireAmount(toWireAmount(minor, currency), currency)).toBe(minor);
        },
      ),
    );
  });

  it('refuses a decimal with the wrong number of decimals, and non-integers', () => {
    expect(() => fromWireAmount('5000.0', 'PKR')).toThrow(/amount/);
    expect(() => fromWireAmount('5000', 'PKR')).toThrow(/amount/);
    expect(() => fromWireAmount('24500.00', 'KRW')).toThrow(/amount/);
    expect(() => toWireAmount(1.5, 'PKR')).toThrow(/amount/);
  });
});
