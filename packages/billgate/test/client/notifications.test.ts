import { ConfigError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillgateReturnEvent } from '../../src/index.js';
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

const orders = new Map<string, { amount: number }>([
  ['ORDER-N1', { amount: 1000 }],
  ['ORDER-N2', { amount: 2000 }],
]);
const formOf = (fields: Record<string, string>) =>
  encodeFormBody(
    Object.entries(fields).map(([name, value]) => [name, encodeWireText(value, 'euc-kr', name)] as const),
  );

describe('client.notifications: the RETURN_URL post (spec §5.3, §7)', () => {
  it('handle() verifies the raw body and yields the prepared payment', async () => {
    const client = clientFor(simulator, { lookupOrder: (orderId) => orders.get(orderId) });
    const form = simulator.preparePayment({ orderId: 'ORDER-N1', orderDate: ORDER_DATE, amount: 1000 });
    const result = await client.notifications.handle({ rawBody: form.toFormBody(), headers: {} });
    expect(result.accepted).toBe(true);
    if (!result.accepted) return;
    expect(result.event).toMatchObject({
      kind: 'prepared',
      payment: { orderId: 'ORDER-N1', amount: 1000, transactionId: form.fields.TRANSACTION_ID },
    });
    expect(result.dedupeKey).toBe(`billgate:return:M2103135:ORDER-N1:${form.fields.TRANSACTION_ID}`);
  });

  it.each([
    ['a tampered HASH_DATA', { HASH_DATA: 'f'.repeat(64) }, 'bad_signature'],
    ['an amount that differs from our order (the posted hash is valid for 5000)', {}, 'bad_signature'],
    ['another SERVICE_ID', { SERVICE_ID: 'M0000001' }, 'unauthenticated'],
    ['an order we do not know', { ORDER_ID: 'ORDER-UNKNOWN' }, 'unknown_account'],
    [
      'a MESSAGE under another key',
      { MESSAGE: '0062' + '0100      M2103135            1100' + 'QUFBQUFBQUFBQUFBQUFBQQ==' },
      'bad_signature',
    ],
  ] as const)('%s is rejected with no event', async (_name, patch, reason) => {
    const client = clientFor(simulator, { lookupOrder: (orderId) => orders.get(orderId) });
    const form = simulator.preparePayment({ orderId: 'ORDER-N2', orderDate: ORDER_DATE, amount: 5000 });
    // The simulator's HASH_DATA is valid for 5000; our order record says 2000.
    const fields: Record<string, string> = { ...form.fields, ...patch };
    const events: BillgateReturnEvent[] = [];
    const reply = await client.notifications.process({ rawBody: formOf(fields), headers: {} }, (event) => {
      events.push(event);
    });
    const result = await client.notifications.handle({ rawBody: formOf(fields), headers: {} });
    expect(result.accepted).toBe(false);
    if (!result.accepted) expect(result.rejection.reason).toBe(reason);
    expect(reply.status).toBe(400);
    expect(events).toEqual([]);
  });

  it('process() dedupes: the same post twice calls onEvent once and acks both', async () => {
    const client = clientFor(simulator, { lookupOrder: (orderId) => orders.get(orderId) });
    const form = simulator.preparePayment({ orderId: 'ORDER-N1', orderDate: ORDER_DATE, amount: 1000 });
    const events: BillgateReturnEvent[] = [];
    const request = { rawBody: form.toFormBody(), headers: {} };
    const first = await client.notifications.process(request, (event) => {
      events.push(event);
    });
    const second = await client.notifications.process(request, (event) => {
      events.push(event);
    });
    expect(events).toHaveLength(1);
    expect([first.status, second.status]).toEqual([200, 200]);
  });

  it('a failed window is an accepted "failed" event, nothing to charge', async () => {
    const client = clientFor(simulator, { lookupOrder: (orderId) => orders.get(orderId) });
    const form = simulator.preparePayment({ orderId: 'ORDER-N1', orderDate: ORDER_DATE, amount: 1000 });
    const result = await client.notifications.handle({
      rawBody: formOf({ ...form.fields, RESPONSE_CODE: 'B201' }),
      headers: {},
    });
    expect(result.accepted && result.event.kind).toBe('failed');
    if (result.accepted && result.event.kind === 'failed')
      expect(result.event.error.category).toBe('limit_exceeded');
  });

  it('without lookupOrder the handler refuses to guess the amount', async () => {
    const client = clientFor(simulator);
    await expect(client.notifications.handle({ rawBody: 'ORDER_ID=X', headers: {} })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});
