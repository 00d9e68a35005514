import { MemoryIdempotencyStore } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { KiccClient, type KiccNotificationEvent } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const ack = '{"resCd":"0000","resMsg":"Success"}';
const failure = '{"resCd":"5001","resMsg":"FAIL"}';
const rejected = '{"resCd":"5001","resMsg":"REJECTED"}';

// The spec §7 example body, byte for byte.
const depositBody =
  '{"resCd":"0000","resMsg":"정상","mallId":"T5102001","notiType":"30","pgCno":"25030110452110000123","shopOrderNo":"RMT-20250301-000123","shopTransactionId":"vai-3f9c2a7e5b1d4c8e9a0b","amount":1500000,"transactionDate":"20250301153012","statusCode":"TS03","statusMessage":"입금완료","payMethodTypeCode":"22","virtualAccountInfo":{"bankCode":"088","bankName":"신한은행","accountNo":"56211040012345","depositName":"와이어브릿지","expiryDate":"20250303235959"},"depositInfo":{"depositDate":"20250301153012","depositAmount":1500000,"depositorName":"홍길동","depositBankCode":"004"}}';

function client(options: Partial<ConstructorParameters<typeof KiccClient>[0]> = {}) {
  return new KiccClient({
    environment: 'production',
    merchantId: 'T5102001',
    secretKey: 'made-up-secret',
    ...options,
  });
}

const request = (remoteAddress: string | undefined, rawBody: string = depositBody, headers = {}) => ({
  rawBody,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  ...(remoteAddress === undefined ? {} : { remoteAddress }),
});

describe('notifications.handle (spec §7)', () => {
  it('parses the spec example into a deposit event with the spec dedupe key and the exact ack bytes', async () => {
    const result = await client().notifications.handle(request('203.233.72.150'));
    expect(result.accepted).toBe(true);
    if (!result.accepted) return;
    expect(result.event).toMatchObject({
      type: 'virtual_account.deposited',
      notificationType: '30',
      merchantId: 'T5102001',
      transactionId: '25030110452110000123',
      orderNumber: 'RMT-20250301-000123',
      amount: 1_500_000,
      virtualAccount: { bankCode: '088', accountNumber: '56211040012345' },
      deposit: { amount: 1_500_000, depositorName: '홍길동', bankCode: '004' },
    });
    expect(result.event.deposit?.depositedAt.toISOString()).toBe('2025-03-01T06:30:12.000Z');
    expect(result.dedupeKey).toBe('kicc:T5102001:30:25030110452110000123');
    expect(result.reply).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: ack,
    });
    expect(result.failureReply.body).toBe(failure);
  });

  it.each(['203.233.72.150', '203.233.72.151', '61.33.211.180', '::ffff:203.233.72.150'])(
    'accepts %s in production',
    async (address) => {
      expect((await client().notifications.handle(request(address))).accepted).toBe(true);
    },
  );

  it('rejects 127.0.0.1 with 403 and the REJECTED body unless it is listed', async () => {
    const result = await client().notifications.handle(request('127.0.0.1'));
    expect(result).toMatchObject({ accepted: false, event: null, rejection: { reason: 'ip_not_allowed' } });
    expect(result.reply).toMatchObject({ status: 403, body: rejected });
    const listed = client({ webhook: { extraAllowedIps: ['127.0.0.1'] } });
    expect((await listed.notifications.handle(request('::ffff:127.0.0.1'))).accepted).toBe(true);
  });

  it('uses the test list in the test environment', async () => {
    const test = client({ environment: 'test' });
    expect((await test.notifications.handle(request('61.33.205.151'))).accepted).toBe(true);
    expect((await test.notifications.handle(request('203.233.72.150'))).accepted).toBe(false);
  });

  it('ignores X-Forwarded-For by default and honours trustedProxyHops when configured', async () => {
    const forwarded = { 'x-forwarded-for': '203.233.72.150, 10.0.0.7' };
    const direct = await client().notifications.handle(request('10.0.0.9', depositBody, forwarded));
    expect(direct).toMatchObject({ accepted: false, rejection: { reason: 'ip_not_allowed' } });
    const proxied = client({ webhook: { trustedProxyHops: 2 } });
    expect((await proxied.notifications.handle(request('10.0.0.9', depositBody, forwarded))).accepted).toBe(
      true,
    );
    const oneHop = client({ webhook: { trustedProxyHops: 1 } });
    expect((await oneHop.notifications.handle(request('10.0.0.9', depositBody, forwarded))).accepted).toBe(
      false,
    );
  });

  it('rejects an unknown mallId (bad credentials) with 400 unknown_account, and accepts additional mall ids', async () => {
    const other = depositBody.replace('"mallId":"T5102001"', '"mallId":"T9999999"');
    const result = await client().notifications.handle(request('203.233.72.150', other));
    expect(result).toMatchObject({
      accepted: false,
      rejection: { reason: 'unknown_account' },
      reply: { status: 400, body: rejected },
    });
    const both = client({ additionalMerchantIds: ['T9999999'] });
    expect((await both.notifications.handle(request('203.233.72.150', other))).accepted).toBe(true);
  });

  it.each([
    ['truncated JSON', depositBody.slice(0, 60)],
    ['a JSON array', '[]'],
    ['a deposit without depositInfo', depositBody.replace(/,"depositInfo":\{[^}]*\}/, '')],
    ['a notiType that is not two digits', depositBody.replace('"notiType":"30"', '"notiType":"3"')],
    ['an impossible date', depositBody.replaceAll('20250301153012', '20251399999999')],
    ['a body over 64 KiB', JSON.stringify({ ...JSON.parse(depositBody), padding: 'x'.repeat(70_000) })],
  ])('rejects %s as malformed with 400', async (_label, body) => {
    const result = await client().notifications.handle(request('203.233.72.150', body));
    expect(result).toMatchObject({ accepted: false, event: null, rejection: { reason: 'malformed' } });
    expect(result.reply).toMatchObject({ status: 400, body: rejected });
  });

  it('maps every notiType and keeps unknown ones, acked, with the raw body', async () => {
    const types: Record<string, string> = {
      '10': 'payment.approved',
      '20': 'payment.changed',
      '31': 'virtual_account.deposit_cancelled',
      '40': 'escrow.changed',
      '50': 'refund.completed',
      '77': 'unknown',
    };
    for (const [notiType, type] of Object.entries(types)) {
      const body = JSON.stringify({
        resCd: '0000',
        mallId: 'T5102001',
        notiType,
        pgCno: '25030110452110000123',
        extra: 1,
      });
      const result = await client().notifications.handle(request('203.233.72.150', body));
      expect(result.accepted && result.event.type).toBe(type);
      expect(result.accepted && result.event.raw.extra).toBe(1);
    }
  });
});

describe('notifications.process: dedupe (spec §7, DESIGN §12)', () => {
  it('the same notification delivered twice calls onEvent once and both get the ack', async () => {
    const kicc = client();
    const events: KiccNotificationEvent[] = [];
    const first = await kicc.notifications.process(request('203.233.72.150'), async (event) => {
      events.push(event);
    });
    const second = await kicc.notifications.process(request('203.233.72.150'), async (event) => {
      events.push(event);
    });
    expect(events).toHaveLength(1);
    expect(first.body).toBe(ack);
    expect(second.body).toBe(ack);
  });

  it('two copies delivered concurrently call onEvent once, and both get the ack', async () => {
    const kicc = client();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const onEvent = async () => {
      calls++;
      await gate;
    };
    const first = kicc.notifications.process(request('203.233.72.150'), onEvent);
    const second = kicc.notifications.process(request('203.233.72.150'), onEvent);
    await new Promise((resolve) => setTimeout(resolve, 30)); // the second copy waits on the first one's claim
    expect(calls).toBe(1);
    release();
    expect((await first).body).toBe(ack);
    expect((await second).body).toBe(ack);
    const resend = await kicc.notifications.process(request('203.233.72.150'), onEvent);
    expect(resend.body).toBe(ack);
    expect(calls).toBe(1);
  });

  it('two instances sharing one store call onEvent once for copies arriving at both at once', async () => {
    const store = new MemoryIdempotencyStore();
    const instances = [client({ idempotencyStore: store }), client({ idempotencyStore: store })];
    let calls = 0;
    const onEvent = async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const replies = await Promise.all(
      instances.map((instance) => instance.notifications.process(request('203.233.72.150'), onEvent)),
    );
    expect(calls).toBe(1);
    expect(replies.map((reply) => reply.body)).toEqual([ack, ack]);
    // A later resend is acked without a second call.
    expect((await instances[1]!.notifications.process(request('203.233.72.150'), onEvent)).body).toBe(ack);
    expect(calls).toBe(1);
  });

  it('30 then 31 for one pgCno give two events with different dedupe keys', async () => {
    const kicc = client();
    const keys: string[] = [];
    const reversal = JSON.stringify({
      ...JSON.parse(depositBody),
      notiType: '31',
      cancelPgCno: '25030116000010000999',
      cancelDate: '20250301160000',
    });
    await kicc.notifications.process(request('203.233.72.150'), async (event) => {
      keys.push(event.dedupeKey);
    });
    await kicc.notifications.process(request('203.233.72.150', reversal), async (event) => {
      keys.push(event.dedupeKey);
    });
    expect(keys).toEqual([
      'kicc:T5102001:30:25030110452110000123',
      'kicc:T5102001:31:25030110452110000123:25030116000010000999',
    ]);
  });

  it('a rejected notification never reaches onEvent', async () => {
    let calls = 0;
    const reply = await client().notifications.process(request('10.1.1.1'), async () => {
      calls++;
    });
    expect(reply).toMatchObject({ status: 403, body: rejected });
    expect(calls).toBe(0);
  });
});

describe('webhooks delivered by the simulator', () => {
  let harness: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterEach(async () => {
    await harness?.close();
    await receiver?.close();
    harness = undefined;
    receiver = undefined;
  });

  async function start(onEvent: (event: KiccNotificationEvent) => Promise<void>, clientOptions = {}) {
    let kicc: KiccClient | undefined;
    receiver = await startWebhookReceiver(() => kicc!, onEvent);
    harness = await startHarness({
      simulator: { webhookUrl: receiver.url, webhookRetryDelaysMs: Array(10).fill(10) },
    });
    kicc = harness.newClient(clientOptions);
    return kicc;
  }

  it('a deposit reaches onEvent once; duplicate copies all get the ack', async () => {
    const events: KiccNotificationEvent[] = [];
    const kicc = await start(async (event) => {
      events.push(event);
    });
    const account = await kicc.virtualAccounts.issue(issueInput());
    harness!.simulator.inject({
      match: { transactionId: account.transactionId },
      fault: { kind: 'duplicate-webhook', copies: 3 },
    });
    await harness!.simulator.deposit({ accountNumber: account.accountNumber, amount: 1_500_000 });
    await harness!.simulator.webhooksSettled();
    expect(events.map((event) => event.type)).toEqual(['virtual_account.deposited']);
    expect(events[0]).toMatchObject({ transactionId: account.transactionId, deposit: { amount: 1_500_000 } });
    // Three copies at once: one processed, the others asked to resend while it was busy, then acked.
    expect(receiver!.replies.filter((reply) => reply.body === ack).length).toBeGreaterThanOrEqual(1);
    const last = harness!.simulator.webhooks().at(-1);
    expect(last?.status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it('dropped deliveries are resent until acked; a failing handler gets 5001 and a resend', async () => {
    let failures = 1;
    const events: KiccNotificationEvent[] = [];
    const kicc = await start(async (event) => {
      if (failures-- > 0) throw new Error('database down');
      events.push(event);
    });
    const account = await kicc.virtualAccounts.issue(issueInput());
    harness!.simulator.inject({
      match: { transactionId: account.transactionId },
      fault: { kind: 'drop-webhook', attempts: 2 },
    });
    await harness!.simulator.deposit({ transactionId: account.transactionId });
    const attempts = harness!.simulator.webhooks().map((entry) => entry.attempt);
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(receiver!.replies.map((reply) => reply.body)).toEqual([failure, ack]);
    expect(events).toHaveLength(1);
  });

  it('confirmDeposits: a deposit the inquiry does not confirm is refused with 5001 and never reaches onEvent', async () => {
    const events: KiccNotificationEvent[] = [];
    const kicc = await start(
      async (event) => {
        events.push(event);
      },
      { webhook: { extraAllowedIps: ['127.0.0.1', '::1'], confirmDeposits: true } },
    );
    const confirmed = await kicc.virtualAccounts.issue(issueInput());
    await harness!.simulator.deposit({ transactionId: confirmed.transactionId });
    expect(events).toHaveLength(1);

    // A deposit notice for a VA the inquiry shows as still awaiting its deposit.
    const unpaid = await kicc.virtualAccounts.issue(issueInput());
    const forged = JSON.stringify({
      ...JSON.parse(depositBody),
      pgCno: unpaid.transactionId,
      depositInfo: {
        depositDate: '20250301153012',
        depositAmount: 999,
        depositorName: 'x',
        depositBankCode: '004',
      },
      notiType: '30',
    });
    const reply = await kicc.notifications.process(
      { rawBody: forged, headers: {}, remoteAddress: '127.0.0.1' },
      async (event) => {
        events.push(event);
      },
    );
    expect(reply.body).toBe(failure);
    expect(events).toHaveLength(1);
  });

  it('a settlement refund completes by webhook notiType 50', async () => {
    const events: KiccNotificationEvent[] = [];
    const kicc = await start(async (event) => {
      events.push(event);
    });
    const account = await kicc.virtualAccounts.issue(issueInput());
    await harness!.simulator.deposit({ transactionId: account.transactionId });
    await kicc.virtualAccounts.refund({
      transactionId: account.transactionId,
      mode: 'settlement',
      refundAccount: { bankCode: '004', accountNumber: '12345678901234', holderName: '홍길동' },
    });
    await harness!.simulator.webhooksSettled();
    expect(events.map((event) => event.type)).toEqual(['virtual_account.deposited', 'refund.completed']);
  });
});
