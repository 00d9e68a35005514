import { ProtocolError, SignatureError, ValidationError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillgateError, verifyBillgateChecksum } from '../../src/index.js';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { encodeFormBody } from '../../src/wire/billgate-return.js';
import { encodeWireText } from '../../src/wire/billgate-text.js';
import { clientFor, ORDER_DATE, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const formOf = (fields: Record<string, string>) =>
  encodeFormBody(
    Object.entries(fields).map(([name, value]) => [name, encodeWireText(value, 'euc-kr', name)] as const),
  );

describe('mobile.createPaymentRequest (local)', () => {
  it('builds the window form with a verifiable CHECK_SUM (spec §4.6, §5.2)', () => {
    const client = clientFor(simulator, { randomBytes: () => Uint8Array.from([0x0a, 0x1b, 0x2c, 0x3d]) });
    const request = client.mobile.createPaymentRequest({
      orderId: 'test_20240101000000',
      orderDate: ORDER_DATE,
      amount: 1004,
      currency: 'KRW',
      itemName: '휴대폰 충전',
      returnUrl: 'https://shop.example/return',
      prefill: { carrier: 'KT', mobileNumber: '01012345678', readOnlyNumber: true },
    });
    expect(request.protocolType).toBe('https_tpay');
    expect(request.scriptUrl).toBe('https://tpay.billgate.net/paygate/plugin/gx_web_client.js');
    expect(request.fields).toMatchObject({
      SERVICE_ID: 'M2103135',
      SERVICE_CODE: '1100',
      SERVICE_TYPE: '0000',
      ORDER_DATE: '20240101120000',
      AMOUNT: '1004',
      MOBILE_COMPANY_CODE: '0001',
      READONLY_HP: 'Y',
      CANCEL_FLAG: 'Y',
      // spec §10 vector 3, with r = 0a1b2c3d from the injected CSPRNG
      CHECK_SUM: '0a1b2c3dbeed892b4d15c42d6106948738c6ff53',
    });
    expect(
      verifyBillgateChecksum(request.fields.CHECK_SUM!, {
        serviceId: 'M2103135',
        orderId: 'test_20240101000000',
        amount: 1004,
      }),
    ).toBe(true);
  });

  it.each([
    ['amount', { amount: 0 }],
    ['returnUrl', { returnUrl: 'javascript:alert(1)' }],
    ['itemName', { itemName: '충전 😀' }],
    ['prefill.mobileNumber', { prefill: { mobileNumber: '010-1234-5678' } }],
  ] as const)('bad %s ⇒ ValidationError naming it', (field, patch) => {
    const client = clientFor(simulator);
    let caught: unknown;
    try {
      client.mobile.createPaymentRequest({
        orderId: 'ORDER-W',
        orderDate: ORDER_DATE,
        amount: 1000,
        currency: 'KRW',
        itemName: '충전',
        returnUrl: 'https://shop.example/return',
        ...patch,
      } as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((issue) => issue.path)).toContain(field);
  });
});

describe('mobile.parseReturn (spec §5.3)', () => {
  const expected = { orderId: 'ORDER-R1', amount: 1000, currency: 'KRW' as const };
  const fields = () =>
    simulator.preparePayment({ orderId: 'ORDER-R1', orderDate: ORDER_DATE, amount: 1000 }).fields;

  it('verifies an EUC-KR form and repairs `+` turned into spaces in MESSAGE', () => {
    const client = clientFor(simulator);
    const posted = fields();
    // A browser that did not escape '+' in the base64 part: the form decoder reads them as spaces.
    const body = Buffer.from(
      Buffer.from(formOf(posted))
        .toString('latin1')
        .replace(/MESSAGE=([^&]*)/, (_match, value: string) => `MESSAGE=${value.replaceAll('%2B', '+')}`),
      'latin1',
    );
    const prepared = client.mobile.parseReturn({ rawBody: body, expected });
    expect(prepared).toMatchObject({
      orderId: 'ORDER-R1',
      amount: 1000,
      transactionId: posted.TRANSACTION_ID,
      serviceType: '0000',
    });
    expect(prepared.authorization).toBe(posted.MESSAGE);
    expect(prepared.orderDate.toISOString()).toBe(ORDER_DATE.toISOString());
  });

  it('HASH_DATA is checked against OUR amount, not a posted one', () => {
    const client = clientFor(simulator);
    const error = (() => {
      try {
        return client.mobile.parseReturn({
          rawBody: formOf(fields()),
          expected: { ...expected, amount: 100 },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SignatureError);
  });

  it.each([
    ['tampered HASH_DATA', { HASH_DATA: '0'.repeat(64) }, SignatureError],
    ['another SERVICE_ID', { SERVICE_ID: 'M9999999' }, ProtocolError],
    ['another ORDER_ID', { ORDER_ID: 'ORDER-R2' }, ProtocolError],
    [
      'a MESSAGE under another key',
      { MESSAGE: '0038' + '0100      M2103135            1100' + 'AAAAAAAAAAAAAAAAAAAAAA==' },
      SignatureError,
    ],
  ] as const)('%s is rejected', (_name, patch, errorClass) => {
    const client = clientFor(simulator);
    expect(() => client.mobile.parseReturn({ rawBody: formOf({ ...fields(), ...patch }), expected })).toThrow(
      errorClass,
    );
  });

  it('a failed window (RESPONSE_CODE ≠ 0000) is a BillgateError; nothing to charge', () => {
    const client = clientFor(simulator);
    let caught: unknown;
    try {
      client.mobile.parseReturn({
        rawBody: formOf({ ...fields(), RESPONSE_CODE: 'B203', RESPONSE_MESSAGE: '인증 실패' }),
        expected,
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BillgateError);
    expect(caught).toMatchObject({ category: 'declined', vendorCode: 'B203', vendorMessage: '인증 실패' });
    expect(simulator.received).toEqual([]);
  });
});
