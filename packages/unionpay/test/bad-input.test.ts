import { ValidationError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, newOrderId, startHarness, TEST_PAN } from './support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

const QUERY_ID = '202401020930001234567';

/** Each case: the call and the field path the ValidationError must name. */
const CASES: ReadonlyArray<[string, string, () => Promise<unknown> | unknown]> = [
  [
    'payments.createFrontForm',
    'amount',
    () => harness.client.payments.createFrontForm({ orderId: newOrderId(), amount: -1, currency: 'CNY' }),
  ],
  [
    'payments.query',
    'orderId',
    () => harness.client.payments.query({ orderId: 'bad id!', orderTime: new Date() }),
  ],
  [
    'payments.void',
    'originalQueryId',
    () =>
      harness.client.payments.void({
        orderId: newOrderId(),
        originalQueryId: '123',
        amount: 1,
        currency: 'CNY',
      }),
  ],
  [
    'payments.refund',
    'currency',
    () =>
      harness.client.payments.refund({
        orderId: newOrderId(),
        originalQueryId: QUERY_ID,
        amount: 1,
        currency: 'USD' as 'CNY',
      }),
  ],
  [
    'payments.refund',
    'passthrough',
    () =>
      harness.client.payments.refund({
        orderId: newOrderId(),
        originalQueryId: QUERY_ID,
        amount: 1,
        currency: 'CNY',
        passthrough: 'a&b=c',
      }),
  ],
  [
    'payouts.create',
    'pan',
    () =>
      harness.client.payouts.create({
        orderId: newOrderId(),
        amount: 1,
        currency: 'CNY',
        pan: '1234',
        holder: { name: 'Lee' },
      }),
  ],
  [
    'payouts.create',
    'holder.name',
    () =>
      harness.client.payouts.create({
        orderId: newOrderId(),
        amount: 1,
        currency: 'CNY',
        pan: TEST_PAN,
        holder: {},
      }),
  ],
  [
    'payouts.query',
    'orderTime',
    () => harness.client.payouts.query({ orderId: newOrderId(), orderTime: 'yesterday' as unknown as Date }),
  ],
  [
    'cards.verify',
    'holder.expiry',
    () =>
      harness.client.cards.verify({
        orderId: newOrderId(),
        pan: TEST_PAN,
        holder: { name: 'Lee', idType: '01', idNumber: 'X1', expiry: '2913' },
      }),
  ],
  ['cards.lookup', 'pan', () => harness.client.cards.lookup({ pan: '62162610000000000181234' })],
  [
    'settlement.downloadFile',
    'settlementDate',
    () => harness.client.settlement.downloadFile({ settlementDate: '2015-09-05' }),
  ],
  [
    'settlement.fetchDaily',
    'settlementDate',
    () => harness.client.settlement.fetchDaily({ settlementDate: '20151332' }),
  ],
];

describe('bad input raises ValidationError naming the field, and nothing reaches the simulator', () => {
  it.each(CASES)('%s: %s', async (_operation, field, call) => {
    const before = harness.simulator.requests().length;
    let error: unknown;
    try {
      await call();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((issue) => issue.path);
    expect(
      paths.some((path) => path === field || path.endsWith(`.${field}`) || path.startsWith(`${field}`)),
    ).toBe(true);
    expect(harness.simulator.requests().length).toBe(before);
  });

  it('no error message echoes the card number', async () => {
    const error = await Promise.resolve()
      .then(() =>
        harness.client.payouts.create({
          orderId: newOrderId(),
          amount: 1,
          currency: 'CNY',
          pan: `${TEST_PAN}99`,
          holder: { name: 'Lee' },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain(TEST_PAN);
    expect(String((error as Error).message)).not.toContain(TEST_PAN);
  });
});
