import type { Logger } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  executions,
  type Harness,
  MERCHANT_ID,
  newOrderId,
  paidOrder,
  startHarness,
  TEST_PAN,
} from './support/harness.js';

const lines: string[] = [];
const capture = (level: string) => (object: unknown, message?: string) => {
  lines.push(
    `${level} ${message ?? ''} ${JSON.stringify(object, (_key, value) => (typeof value === 'bigint' ? String(value) : value))}`,
  );
};
const logger: Logger = {
  debug: capture('debug'),
  info: capture('info'),
  warn: capture('warn'),
  error: capture('error'),
};

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({}, { logger });
});
afterAll(async () => harness.close());

const ID_NUMBER = '110101199001011234';
const CVN2 = '739';
const PHONE = '13912345678';

describe('no secret, key, password, full card number or personal data in logs and errors (spec §5.8)', () => {
  it('over a full flow including failures', async () => {
    const errors: unknown[] = [];
    const keep = (promise: Promise<unknown>) => promise.catch((error: unknown) => errors.push(error));
    const paid = await paidOrder(harness, 5_000);
    await keep(
      harness.client.payments.refund({
        orderId: newOrderId('R'),
        originalQueryId: paid.queryId,
        amount: 1_000,
        currency: 'CNY',
      }),
    );
    await keep(
      harness.client.payouts.create({
        orderId: newOrderId('D'),
        amount: 500,
        currency: 'CNY',
        pan: TEST_PAN,
        holder: { name: '张三', idType: '01', idNumber: ID_NUMBER },
      }),
    );
    await keep(
      harness.client.cards.verify({
        orderId: newOrderId('K'),
        pan: TEST_PAN,
        holder: { name: '张三', idType: '01', idNumber: ID_NUMBER, phone: PHONE, cvn2: CVN2, expiry: '2912' },
      }),
    );
    await keep(harness.client.cards.lookup({ pan: TEST_PAN }));
    // Failures: a lost reply that no query answers, a rejected refund and bad input carrying the PAN.
    const lostOrder = newOrderId('D');
    harness.simulator.inject({
      match: { orderId: lostOrder, endpoint: 'back' },
      fault: { kind: 'reset-before-response' },
    });
    harness.simulator.inject({
      match: { orderId: lostOrder, endpoint: 'query' },
      times: 10,
      fault: { kind: 'bad-signature' },
    });
    await keep(
      harness.client.payouts.create({
        orderId: lostOrder,
        amount: 500,
        currency: 'CNY',
        pan: TEST_PAN,
        holder: { name: 'Kim' },
      }),
    );
    await keep(
      harness.client.payments.refund({
        orderId: newOrderId('R'),
        originalQueryId: '000000000000000000000',
        amount: 1,
        currency: 'CNY',
      }),
    );
    await keep(
      harness.client.payouts.create({
        orderId: newOrderId('D'),
        amount: 500,
        currency: 'CNY',
        pan: `${TEST_PAN}0`,
        holder: { name: 'Kim' },
      }),
    );
    await keep(harness.client.settlement.fetchDaily({ settlementDate: new Date() }));
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(executions(harness, lostOrder)).toHaveLength(1);

    const credentials = harness.simulator.merchantCredentials(MERCHANT_ID);
    const keyBody = credentials.privateKeyPem.split('\n').slice(1, -2).join('');
    const signatures = harness.simulator
      .requests()
      .flatMap((request) => [request.fields.signature, request.fields.accNo, request.fields.customerInfo])
      .filter((value): value is string => value !== undefined);
    const haystack = [
      ...lines,
      ...errors.map((error) => JSON.stringify(error)),
      ...errors.map((error) => String((error as Error).message)),
      ...errors.map((error) => JSON.stringify((error as { details?: unknown }).details ?? {})),
    ].join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      TEST_PAN,
      ID_NUMBER,
      `cvn2=${CVN2}`,
      PHONE,
      'PRIVATE KEY',
      keyBody.slice(0, 40),
      keyBody.slice(-40),
      ...signatures.map((value) => value.slice(0, 32)),
    ]) {
      expect(haystack).not.toContain(secret);
    }
  });
});
