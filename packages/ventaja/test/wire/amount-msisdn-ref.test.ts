import { ProtocolError, ValidationError } from '@wirebridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AGENT_REF_NO_PATTERN,
  fromVentajaAmount,
  fromVentajaMsisdn,
  generateAgentRefNo,
  toVentajaAmount,
  toVentajaMsisdn,
} from '../../src/index.js';

describe('amounts (spec §4.4)', () => {
  it('writes centavos as decimal pesos the way JSON.stringify emits them', () => {
    expect(JSON.stringify(toVentajaAmount(12_050))).toBe('120.5');
    expect(JSON.stringify(toVentajaAmount(12_000))).toBe('120');
    expect(JSON.stringify(toVentajaAmount(1))).toBe('0.01');
  });

  it('round-trips every amount from 0 to 10^12 centavos (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (minor) => {
        return fromVentajaAmount(toVentajaAmount(minor)) === minor;
      }),
      { numRuns: 2_000 },
    );
    for (const edge of [0, 1, 99, 100, 999_999_999_999, 1_000_000_000_000]) {
      expect(fromVentajaAmount(toVentajaAmount(edge))).toBe(edge);
    }
  });

  it('rejects "120.505", 1e21 and -1 from the wire', () => {
    for (const bad of ['120.505', 1e21, -1, '1e3', '', 'abc', Number.NaN]) {
      expect(() => fromVentajaAmount(bad)).toThrow(ProtocolError);
    }
    expect(fromVentajaAmount('120.50')).toBe(12_050);
    expect(fromVentajaAmount(1000.0)).toBe(100_000);
  });

  it('refuses negative, fractional and oversized centavos before anything is sent', () => {
    for (const bad of [-1, 1.5, 1e21, Number.NaN]) {
      expect(() => toVentajaAmount(bad)).toThrow(ValidationError);
    }
  });
});

describe('MSISDN (spec §4.4, Modelled)', () => {
  it('maps E.164 to the local form and back', () => {
    expect(toVentajaMsisdn('+639171234567')).toBe('09171234567');
    expect(fromVentajaMsisdn('09171234567')).toBe('+639171234567');
  });

  it('rejects numbers that are not Philippine mobiles', () => {
    for (const bad of ['+821012345678', '09171234567', '+63917123456']) {
      expect(() => toVentajaMsisdn(bad)).toThrow(ValidationError);
    }
    expect(() => fromVentajaMsisdn('9171234567')).toThrow(ValidationError);
  });
});

describe('agentRefNo (spec §4.4)', () => {
  it('is WB + 13 Crockford base32 characters, valid under the default pattern', () => {
    const reference = generateAgentRefNo();
    expect(reference).toMatch(/^WB[0-9A-HJKMNP-TV-Z]{13}$/);
    expect(DEFAULT_AGENT_REF_NO_PATTERN.test(reference)).toBe(true);
  });

  it('is time-sortable and unique across calls', () => {
    const first = generateAgentRefNo();
    const references = new Set(Array.from({ length: 5_000 }, () => generateAgentRefNo()));
    expect(references.size).toBe(5_000);
    const later = generateAgentRefNo();
    expect(first < later).toBe(true);
  });

  it('takes a prefix', () => {
    expect(generateAgentRefNo('RM')).toMatch(/^RM[0-9A-Z]{13}$/);
  });
});
