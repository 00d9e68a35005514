import { type MobileChargeProvider, ValidationError } from '@wirebridge/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BillgateClient, BillgateError } from '../../src/index.js';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { clientFor, ORDER_DATE, prepare, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
let client: BillgateClient;
let provider: MobileChargeProvider;

beforeAll(async () => {
  simulator = await startSimulator();
});
beforeEach(() => {
  client = clientFor(simulator);
  provider = client.asMobileChargeProvider();
});
afterEach(async () => {
  await client.close();
  simulator.reset();
});
afterAll(async () => {
  await simulator.close();
});

describe('asMobileChargeProvider() (spec §11 adapter)', () => {
  it('charges with the MESSAGE alone: transaction id and order date come from it', async () => {
    const prepared = prepare(client, simulator, 1500);
    const result = await provider.charge({
      orderId: prepared.orderId,
      amount: 1500,
      currency: 'KRW',
      authorization: prepared.authorization,
      msisdn: '639171234567', // top-up fields are ignored
    });
    expect(result).toMatchObject({
      provider: 'billgate',
      orderId: prepared.orderId,
      providerTransactionId: prepared.transactionId,
      amount: 1500,
      currency: 'KRW',
      state: 'approved',
    });
    expect(simulator.ledger).toHaveLength(1);
  });

  it('B902 reaches the router as state pending, not as a failure', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('code', { command: '3000', value: { code: 'B902' } });
    const result = await provider.charge({
      orderId: prepared.orderId,
      amount: 1000,
      currency: 'KRW',
      authorization: prepared.authorization,
    });
    expect(result.state).toBe('pending');
  });

  it('a compensated unknown outcome is a BillgateError with compensated: true (router may fail over)', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('resetAfterRequest', { command: '3000' });
    const error = await provider
      .charge({
        orderId: prepared.orderId,
        amount: 1000,
        currency: 'KRW',
        authorization: prepared.authorization,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillgateError);
    expect((error as BillgateError).compensated).toBe(true);
  });

  it('charge without authorization, cancel/status without orderDate ⇒ ValidationError, nothing sent', async () => {
    await expect(provider.charge({ orderId: 'O-1', amount: 1000, currency: 'KRW' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      provider.cancel!({ orderId: 'O-1', providerTransactionId: 'TX1', currency: 'KRW' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(provider.status({ orderId: 'O-1', providerTransactionId: 'TX1' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(simulator.received).toEqual([]);
  });

  it('cancel (partial when amount is set) and status', async () => {
    const prepared = prepare(client, simulator, 1000);
    await provider.charge({
      orderId: prepared.orderId,
      amount: 1000,
      currency: 'KRW',
      authorization: prepared.authorization,
    });
    const partial = await provider.cancel!({
      orderId: prepared.orderId,
      orderDate: ORDER_DATE,
      providerTransactionId: prepared.transactionId,
      amount: 200,
      currency: 'KRW',
    });
    expect(partial.cancelledAmount).toBe(200);
    const status = await provider.status({
      orderId: prepared.orderId,
      orderDate: ORDER_DATE,
      providerTransactionId: prepared.transactionId,
    });
    expect(status).toMatchObject({ state: 'partially_cancelled', amount: 1000 });
  });

  it('status always resolves: a transient failure of the query is unknown, not found is not_found', async () => {
    simulator.inject('resetAfterRequest', { command: '5000', times: 3 });
    expect((await provider.status({ orderId: 'O-2', orderDate: ORDER_DATE })).state).toBe('unknown');
    expect((await provider.status({ orderId: 'O-2', orderDate: ORDER_DATE })).state).toBe('not_found');
  });
});
