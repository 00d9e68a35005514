import { CircuitBreakerRegistry } from '@wirebridge/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mapWesternUnionError, parseWesternUnionFault, WesternUnionError } from '../src/index.js';
import { type Harness, startHarness } from './support/harness.js';

// specs/western-union.md §6, written out here (not read from the package) so the test can fail.
const dependsOnWu =
  'E0604 T2337 T3251 T3252 T3253 E0801 E1300 R5643 T0305 T0354 T0355 T0357 T0358 T0361 T0365 T0367 T0400 T0402 T0403 T0410 T0411 T0436 T0441 T0442 T0445 T0457 T0460 T0462 T0463 T0464 T0466 T0479 T0485 T0488 T0499 T0780 T0851 T0908 T0998 T1236 T1403 T1404 T1406 T3503 T4443 T4445 T4704 T4816 T4820 T4830 T4832 T4836 T4839 T4840 T4900 T4977 T4989 T5499 T5500 T5519 T5522 T5552 T6216 T6253 T6332 T6750 T6791 T8002 T8004 T8881 T9103 T9133 T9980 U0004 U0006 U0007 U0051 U0119 U2400 U2402 U2520 U2521 U2535 U2539 U2540 U7777 U8001 U8004 U8010 U8011 U8100 U8101 U8200 U8201 U9001 U9002 U9010 U9011 U9013 U9015 U9016 U9020 U9021 U9022 U9023 U9024 U9025 U9081 M0006 E9248 T0371'.split(
    ' ',
  );
const table: [code: string, category: string, retryable: boolean][] = [
  ['E9256', 'unavailable', true],
  ['T0440', 'invalid_request', false],
  ['T3006', 'invalid_request', false],
  ...dependsOnWu.map((code): [string, string, boolean] => [code, 'unavailable', false]),
  ['Rejected', 'declined', false],
  // "any other code": declined, not retryable (Modelled default).
  ['T1234', 'declined', false],
  ['C2107', 'declined', false],
];

let harness: Harness;
// Many `unavailable` faults in a row would open the circuit (DESIGN §5): each code starts from a closed one.
const breakers = new CircuitBreakerRegistry();
beforeAll(async () => {
  harness = await startHarness({
    breakers,
    errorCodeOverrides: { T7777: { category: 'limit_exceeded', retryable: false } },
  });
});
beforeEach(async () => {
  await breakers.reset('western-union');
});
afterAll(async () => {
  await harness.close();
});

describe('result codes (spec §6)', () => {
  it('the table has every code of the spec', () => {
    expect(dependsOnWu).toHaveLength(111);
    for (const [code, category, retryable] of table) {
      expect(mapWesternUnionError(code, 'western-union.transfers.status'), code).toEqual({
        category,
        retryable,
      });
    }
    // "NONE" is listed too, without a code pattern.
    expect(mapWesternUnionError('NONE', 'western-union.transfers.status')).toEqual({
      category: 'unavailable',
      retryable: false,
    });
  });

  it('every code, received as a SOAP Fault over the wire, maps to its category and retryable', async () => {
    for (const [code, category, retryable] of table) {
      await breakers.reset('western-union');
      harness.simulator.inject({
        operation: 'status',
        kind: 'fault',
        code,
        text: code === 'Rejected' ? '' : 'TEST TEXT',
      });
      const error = await harness.client.transfers
        .status({ mtcn: '1234567890' }, { maxAttempts: 1 })
        .catch((failure: unknown) => failure);
      expect(error, code).toBeInstanceOf(WesternUnionError);
      expect(error, code).toMatchObject({ vendor: 'western-union', vendorCode: code, category, retryable });
    }
  });

  it('errorCodeOverrides changes one code for this client only', async () => {
    harness.simulator.inject({ operation: 'status', kind: 'fault', code: 'T7777', text: 'LIMIT' });
    const error = await harness.client.transfers
      .status({ mtcn: '1234567890' })
      .catch((failure: unknown) => failure);
    expect(error).toMatchObject({ category: 'limit_exceeded', retryable: false, vendorCode: 'T7777' });
    expect(mapWesternUnionError('T7777', 'x')).toEqual({ category: 'declined', retryable: false });
  });

  it('the non-standard fault variant maps by its code too', async () => {
    harness.simulator.inject({
      operation: 'status',
      kind: 'nonStandardFault',
      code: 'T0440',
      text: 'INVALID PROMO',
    });
    const error = await harness.client.transfers
      .status({ mtcn: '1234567890' })
      .catch((failure: unknown) => failure);
    expect(error).toMatchObject({
      category: 'invalid_request',
      vendorCode: 'T0440',
      vendorMessage: 'INVALID PROMO',
    });
  });

  it('an error message never holds the SOAP body', async () => {
    harness.simulator.inject({ operation: 'status', kind: 'fault', code: 'T0440', text: 'INVALID PROMO' });
    const error = (await harness.client.transfers
      .status({ mtcn: '1234567890' })
      .catch((failure: unknown) => failure)) as Error;
    expect(error.message).not.toContain('<');
    expect(error.message).toContain('T0440');
  });
});

describe('parseWesternUnionFault test vectors (spec §10)', () => {
  it('reads <error>E9256 SYSTEM ERROR - PLEASE RETRY</error>', () => {
    const xml =
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>' +
      '<faultcode>xrsi:error-reply</faultcode><faultstring>business exception</faultstring><detail>' +
      '<xrsi:error-reply xmlns:xrsi="http://www.westernunion.com/schema/xrsi"><error>E9256 SYSTEM ERROR - PLEASE RETRY</error>' +
      '<PartnerID>WGQTEST0001</PartnerID><mtcn>1234567890</mtcn></xrsi:error-reply></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    expect(parseWesternUnionFault(xml)).toEqual({
      vendorCode: 'E9256',
      vendorMessage: 'SYSTEM ERROR - PLEASE RETRY',
      details: { PartnerID: 'WGQTEST0001', mtcn: '1234567890' },
    });
  });

  it('reads the non-standard <xrsi:error-reply>T0440 INVALID PROMO</xrsi:error-reply>', () => {
    expect(
      parseWesternUnionFault('<detail><xrsi:error-reply>T0440 INVALID PROMO</xrsi:error-reply></detail>'),
    ).toMatchObject({
      vendorCode: 'T0440',
      vendorMessage: 'INVALID PROMO',
    });
  });

  it('reads <error>Rejected</error> as the code Rejected', () => {
    expect(
      parseWesternUnionFault('<xrsi:error-reply><error>Rejected</error></xrsi:error-reply>').vendorCode,
    ).toBe('Rejected');
  });
});
