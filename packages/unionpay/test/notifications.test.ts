import type { Reply } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnionPayClient, type UnionPayClientOptions, type UnionPayNotificationEvent } from '../src/index.js';
import { startUnionPaySimulator, type UnionPaySimulator } from '../src/testing/index.js';
import { MERCHANT_ID, newOrderId, TEST_PAN } from './support/harness.js';
import { eventually, startReceiver } from './support/receiver.js';

let simulator: UnionPaySimulator;
let client: UnionPayClient;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const events: UnionPayNotificationEvent[] = [];
const replies: Reply[] = [];
let failNext = 0;

beforeAll(async () => {
  simulator = await startUnionPaySimulator({ notificationDelaysMs: [30, 30, 30, 30] });
  receiver = await startReceiver(async (request) => {
    const reply = await client.notifications.process(request, async (event) => {
      if (failNext > 0) {
        failNext--;
        throw new Error('ledger unavailable');
      }
      events.push(event);
    });
    replies.push(reply);
    return reply;
  });
  client = new UnionPayClient({
    ...(simulator.clientOptions(MERCHANT_ID) as UnionPayClientOptions),
    backUrl: receiver.url,
    resolverDelaysMs: [20, 40],
  });
});
afterAll(async () => {
  await client.close();
  await simulator.close();
  await receiver.close();
});

async function payout(orderId = newOrderId('N')) {
  await client.payouts.create({
    orderId,
    amount: 8_800,
    currency: 'CNY',
    pan: TEST_PAN,
    holder: { name: 'Park' },
    passthrough: 'batch-7',
  });
  return orderId;
}

const notificationsOf = (orderId: string) =>
  simulator.notifications().filter((entry) => entry.fields.orderId === orderId);

describe('back notifications (spec §7)', () => {
  it('a verified payout result becomes one event and is acknowledged 200 ok', async () => {
    const orderId = await payout();
    await eventually(() => notificationsOf(orderId).some((entry) => entry.status === 200));
    const event = events.find((candidate) => candidate.orderId === orderId)!;
    expect(event).toMatchObject({
      type: 'transaction.result',
      kind: 'payout',
      status: 'succeeded',
      amount: 8_800,
      currency: 'CNY',
      vendorCode: '00',
      passthrough: 'batch-7',
    });
    expect(event.dedupeKey).toBe(`unionpay:${MERCHANT_ID}:${event.queryId}`);
    expect(notificationsOf(orderId)[0]).toMatchObject({ attempt: 1, status: 200 });
    expect(JSON.stringify(event.raw)).not.toContain('signature');
  });

  it('duplicates are processed once and every copy is acknowledged', async () => {
    const orderId = newOrderId('N');
    simulator.inject({ match: { orderId }, fault: { kind: 'duplicate-notification', copies: 3 } });
    await payout(orderId);
    await eventually(() => notificationsOf(orderId).length === 3);
    expect(events.filter((event) => event.orderId === orderId)).toHaveLength(1);
    expect(notificationsOf(orderId).map((entry) => entry.status)).toEqual([200, 200, 200]);
  });

  it('a tampered signature is rejected 400 with no event', async () => {
    const orderId = newOrderId('N');
    simulator.inject({ match: { orderId }, fault: { kind: 'notification-bad-signature' } });
    await payout(orderId);
    await eventually(() => notificationsOf(orderId).length >= 1);
    expect(notificationsOf(orderId)[0]!.status).toBe(400);
    expect(events.some((event) => event.orderId === orderId)).toBe(false);
  });

  it('dropped deliveries are resent and processed on the first one that arrives', async () => {
    const orderId = newOrderId('N');
    simulator.inject({ match: { orderId }, fault: { kind: 'drop-notification', attempts: 2 } });
    await payout(orderId);
    await eventually(() => notificationsOf(orderId).some((entry) => entry.status === 200));
    expect(events.filter((event) => event.orderId === orderId)).toHaveLength(1);
    expect(notificationsOf(orderId).map((entry) => entry.attempt)).toEqual([1, 2, 3]);
  });

  it('when processing fails the reply asks for a resend (500 retry), and the resend is processed', async () => {
    failNext = 1;
    const orderId = await payout();
    await eventually(() => notificationsOf(orderId).some((entry) => entry.status === 200));
    expect(events.filter((event) => event.orderId === orderId)).toHaveLength(1);
    const statuses = notificationsOf(orderId).map((entry) => entry.status);
    expect(statuses[0]).toBe(500);
    expect(statuses.at(-1)).toBe(200);
    expect(replies.some((reply) => reply.body === 'retry')).toBe(true);
  });

  it('handle() rejects a changed field, another merchant and a malformed body, with the spec replies', async () => {
    const orderId = await payout();
    await eventually(() => notificationsOf(orderId).some((entry) => entry.status === 200));
    const fields = notificationsOf(orderId)[0]!.fields;
    const body = (overrides: Record<string, string>) =>
      new URLSearchParams({ ...fields, ...overrides }).toString();
    const tampered = await client.notifications.handle({ rawBody: body({ txnAmt: '9999999' }), headers: {} });
    expect(tampered).toMatchObject({
      accepted: false,
      event: null,
      rejection: { reason: 'bad_signature' },
      reply: { status: 400, body: 'rejected' },
    });
    const other = new UnionPayClient({
      ...(simulator.clientOptions('777290058110097') as UnionPayClientOptions),
    });
    const foreign = await other.notifications.handle({ rawBody: body({}), headers: {} });
    expect(foreign).toMatchObject({
      accepted: false,
      rejection: { reason: 'unknown_account' },
      reply: { status: 400 },
    });
    await other.close();
    const malformed = await client.notifications.handle({ rawBody: 'respCode=%ZZ&x', headers: {} });
    expect(malformed).toMatchObject({ accepted: false, rejection: { reason: 'malformed' } });
    const legacy = await client.notifications.handle({ rawBody: body({ version: '5.0.0' }), headers: {} });
    expect(legacy).toMatchObject({ accepted: false, rejection: { reason: 'bad_signature' } });
    const accepted = await client.notifications.handle({ rawBody: body({}), headers: {} });
    expect(accepted).toMatchObject({
      accepted: true,
      reply: { status: 200, body: 'ok', headers: { 'Content-Type': 'text/plain;charset=UTF-8' } },
      failureReply: { status: 500, body: 'retry' },
    });
  });

  it('a front payment result notifies once the shopper paid', async () => {
    const form = client.payments.createFrontForm({
      orderId: newOrderId('F'),
      amount: 300,
      currency: 'CNY',
      frontUrl: 'https://shop.example/r',
    });
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(form.fields as Record<string, string>),
    });
    await response.arrayBuffer();
    await simulator.completeFrontPayment(form.orderId, 'success');
    await eventually(() => notificationsOf(form.orderId).some((entry) => entry.status === 200));
    expect(events.find((event) => event.orderId === form.orderId)).toMatchObject({
      kind: 'payment',
      status: 'succeeded',
      amount: 300,
    });
  });
});
