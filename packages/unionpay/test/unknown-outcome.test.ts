import { OutcomeUnknownError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnionPayError } from '../src/index.js';
import {
  executions,
  type Harness,
  newOrderId,
  paidOrder,
  startHarness,
  TEST_PAN,
} from './support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => harness.close());

type MoneyCall = {
  name: string;
  transactionType: string;
  run: (orderId: string, options?: { timeoutMs?: number }) => Promise<unknown>;
};

// One paid order per call kind, so every void/refund has a valid original.
async function moneyCalls(): Promise<MoneyCall[]> {
  return [
    {
      name: 'payments.refund',
      transactionType: '04',
      run: async (orderId, options) => {
        const paid = await paidOrder(harness, 5_000);
        return harness.client.payments.refund(
          { orderId, originalQueryId: paid.queryId, amount: 1_000, currency: 'CNY' },
          options,
        );
      },
    },
    {
      name: 'payments.void',
      transactionType: '31',
      run: async (orderId, options) => {
        const paid = await paidOrder(harness, 5_000);
        return harness.client.payments.void(
          { orderId, originalQueryId: paid.queryId, amount: 5_000, currency: 'CNY' },
          options,
        );
      },
    },
    {
      name: 'payouts.create',
      transactionType: '12',
      run: (orderId, options) =>
        harness.client.payouts.create(
          { orderId, amount: 9_900, currency: 'CNY', pan: TEST_PAN, holder: { name: 'Lee' } },
          options,
        ),
    },
    {
      name: 'cards.verify',
      transactionType: '72',
      run: (orderId, options) =>
        harness.client.cards.verify(
          { orderId, pan: TEST_PAN, holder: { name: 'Lee', idType: '01', idNumber: '110101199001011234' } },
          options,
        ),
    },
  ];
}

const sent = (orderId: string) =>
  harness.simulator
    .requests()
    .filter((request) => request.fields.orderId === orderId && request.fields.txnType !== '00');

describe('executed, then the reply is lost: exactly one outcome, exactly one execution (spec §2)', async () => {
  for (const call of await moneyCalls()) {
    describe(call.name, () => {
      it('resolves a reset after processing through the query, never re-sending', async () => {
        const orderId = newOrderId('U');
        harness.simulator.inject({
          match: { orderId, endpoint: 'back' },
          fault: { kind: 'reset-before-response' },
        });
        const result = (await call.run(orderId)) as { status?: string; verified?: boolean };
        expect(result.status ?? (result.verified ? 'succeeded' : undefined)).toBe('succeeded');
        expect(executions(harness, orderId)).toHaveLength(1);
        expect(sent(orderId)).toHaveLength(1);
      });

      it('resolves a timeout (reply delayed past the deadline) the same way', async () => {
        const orderId = newOrderId('U');
        harness.simulator.inject({
          match: { orderId, endpoint: 'back' },
          fault: { kind: 'delay', ms: 1_500 },
        });
        await call.run(orderId, { timeoutMs: 300 });
        expect(executions(harness, orderId)).toHaveLength(1);
        expect(sent(orderId)).toHaveLength(1);
      });

      it('resolves a reply whose signature does not verify', async () => {
        const orderId = newOrderId('U');
        harness.simulator.inject({ match: { orderId, endpoint: 'back' }, fault: { kind: 'bad-signature' } });
        await call.run(orderId);
        expect(executions(harness, orderId)).toHaveLength(1);
        expect(sent(orderId)).toHaveLength(1);
      });

      it('reports OutcomeUnknownError with the orderId when no query ever answers', async () => {
        const orderId = newOrderId('U');
        harness.simulator.inject({
          match: { orderId, endpoint: 'back' },
          fault: { kind: 'reset-mid-response' },
        });
        harness.simulator.inject({
          match: { orderId, endpoint: 'query' },
          times: 20,
          fault: { kind: 'http-status', status: 503 },
        });
        const error = await call.run(orderId).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(OutcomeUnknownError);
        expect((error as OutcomeUnknownError).reference).toBe(orderId);
        expect((error as OutcomeUnknownError).details).toMatchObject({ orderId });
        expect(executions(harness, orderId)).toHaveLength(1);
        expect(sent(orderId)).toHaveLength(1);
      });
    });
  }
});

describe('pending outcomes', () => {
  it('a refund still processing when the schedule ends is UnionPayError pending, carrying orderId and orderTime', async () => {
    const slow = await startHarness({ settleDelayMs: 60_000 });
    try {
      const paid = await paidOrder(slow, 3_000);
      const orderId = newOrderId('W');
      slow.simulator.inject({
        match: { orderId, endpoint: 'back' },
        fault: { kind: 'reset-before-response' },
      });
      const error = await slow.client.payments
        .refund({ orderId, originalQueryId: paid.queryId, amount: 3_000, currency: 'CNY' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnionPayError);
      expect(error).toMatchObject({ category: 'pending', orderId });
      expect((error as UnionPayError).orderTime).toBeInstanceOf(Date);
      expect(slow.simulator.transactions().filter((entry) => entry.orderId === orderId)).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });

  it('a payout answered 05 (processing) synchronously is resolved by query', async () => {
    const orderId = newOrderId('D');
    harness.simulator.inject({
      match: { orderId, endpoint: 'back' },
      fault: { kind: 'response-code', responseCode: '05', phase: 'sync' },
    });
    const result = await harness.client.payouts.create({
      orderId,
      amount: 100,
      currency: 'CNY',
      pan: TEST_PAN,
      holder: { name: 'Lee' },
    });
    expect(result.status).toBe('succeeded');
    expect(executions(harness, orderId)).toHaveLength(1);
  });

  it('a payout that fails finally is reported as the resolver found it (declined), not resent', async () => {
    const failing = await startHarness({ cardRules: [{ panSuffix: '0026', finalResponseCode: '61' }] });
    try {
      const orderId = newOrderId('D');
      failing.simulator.inject({
        match: { orderId, endpoint: 'back' },
        fault: { kind: 'reset-before-response' },
      });
      const error = await failing.client.payouts
        .create({
          orderId,
          amount: 100,
          currency: 'CNY',
          pan: '6216261000000000026',
          holder: { name: 'Lee' },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnionPayError);
      expect(error).toMatchObject({ category: 'declined', vendorCode: '61', orderId });
      expect(failing.simulator.transactions().filter((entry) => entry.orderId === orderId)).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });
});

describe('idempotency classes as declared (DESIGN §4)', () => {
  it('keyed: a retryable rejection (06 busy) is retried with the same orderId and txnTime', async () => {
    const paid = await paidOrder(harness, 2_000);
    const orderId = newOrderId('R');
    harness.simulator.inject({
      match: { orderId, endpoint: 'back' },
      fault: { kind: 'response-code', responseCode: '06', phase: 'sync' },
    });
    const result = await harness.client.payments.refund({
      orderId,
      originalQueryId: paid.queryId,
      amount: 2_000,
      currency: 'CNY',
    });
    expect(result.status).toBe('accepted');
    const attempts = sent(orderId);
    expect(attempts).toHaveLength(2);
    expect(
      new Set(attempts.map((attempt) => `${attempt.fields.orderId}/${attempt.fields.txnTime}`)).size,
    ).toBe(1);
    expect(executions(harness, orderId)).toHaveLength(1);
  });

  it('keyed: a non-retryable rejection is not retried', async () => {
    const orderId = newOrderId('R');
    const error = await harness.client.payments
      .refund({ orderId, originalQueryId: '999999999999999999999', amount: 1, currency: 'CNY' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ category: 'invalid_request', vendorCode: '35', retryable: false, orderId });
    expect(sent(orderId)).toHaveLength(1);
  });

  it('safe: a query answered HTTP 500 is retried and then succeeds', async () => {
    const paid = await paidOrder(harness, 1_500);
    harness.simulator.inject({
      match: { orderId: paid.orderId, endpoint: 'query' },
      fault: { kind: 'http-status', status: 500 },
    });
    const transaction = await harness.client.payments.query({
      orderId: paid.orderId,
      orderTime: paid.orderTime,
    });
    expect(transaction.status).toBe('succeeded');
    const queries = harness.simulator
      .requests()
      .filter((request) => request.fields.txnType === '00' && request.fields.orderId === paid.orderId);
    expect(queries).toHaveLength(2);
  });

  it('safe: a query of an unknown order younger than 24 h reads pending; older is not_found', async () => {
    const young = await harness.client.payments.query({ orderId: newOrderId('Q'), orderTime: new Date() });
    expect(young.status).toBe('pending');
    const error = await harness.client.payments
      .query({ orderId: newOrderId('Q'), orderTime: new Date(Date.now() - 2 * 24 * 3_600_000) })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ category: 'not_found', vendorCode: '34' });
  });
});
