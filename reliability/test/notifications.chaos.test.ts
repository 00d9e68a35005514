// Duplicate and concurrent notification pushes for every vendor with inbound notifications (issue 13): a real
// push captured from the simulator (or built with the package's public wire codec) is replayed as 8 copies at
// once into two instances sharing one IdempotencyStore; then again with a handler that fails first.
// Ventaja has no inbound notifications.
import { BILLGATE_TEST_KEY, BillgateClient } from '@wirebridge/billgate';
import { startBillgateSimulator } from '@wirebridge/billgate/testing';
import { CooconClient, type CooconEvent, encodeCooconFrame, encodeCooconTelegram } from '@wirebridge/coocon';
import { startCooconSimulator } from '@wirebridge/coocon/testing';
import { type InboundRequest, MemoryIdempotencyStore } from '@wirebridge/core';
import { KiccClient, type KiccClientOptions } from '@wirebridge/kicc';
import { startKiccSimulator } from '@wirebridge/kicc/testing';
import { UnionPayClient, type UnionPayClientOptions } from '@wirebridge/unionpay';
import { WesternUnionClient } from '@wirebridge/western-union';
import { describe, expect, it } from 'vitest';
import { type CaptureEndpoint, eventually, startCaptureEndpoint } from './support/capture.js';
import { COOCON_EXAMPLE_DEPOSIT } from './support/coocon-telegrams.js';
import { count, noteNotApplicable } from './support/counters.js';
import { activeFaysalAccount, creditInput, startBench } from './support/faysal.js';
import { type NotificationInstance, pushStorm } from './support/notifications.js';
import { startUnionPay, UNIONPAY_MERCHANT_ID, UNIONPAY_TEST_PAN } from './support/unionpay.js';
import {
  cashQuoteInput,
  startHarness as startWu,
  clientOptions as wuClientOptions,
} from './support/western-union.js';

noteNotApplicable(
  'ventaja',
  'notification pushes',
  'Ventaja has no inbound notifications (no notifications resource).',
);

type Rig<E> = {
  vendor: string;
  request: InboundRequest;
  /** Two instances sharing `store` (a fresh set per scenario). */
  instances(store: MemoryIdempotencyStore): Array<NotificationInstance<E> & { close(): Promise<void> }>;
  close(): Promise<void>;
};

async function scenarios<E>(rig: Rig<E>) {
  try {
    for (const scenario of [
      { name: '8 concurrent copies, two instances', copies: 8, failFirst: 0 },
      { name: '4 copies, handler fails twice first (vendor resends)', copies: 4, failFirst: 2 },
      { name: 'one copy, then two resends after the ack', copies: 1, failFirst: 0 },
    ]) {
      const store = new MemoryIdempotencyStore();
      const instances = rig.instances(store);
      try {
        const result = await pushStorm({ vendor: rig.vendor, instances, request: rig.request, ...scenario });
        expect(result.successes, scenario.name).toBe(1);
        if (scenario.copies === 1) {
          // Two more resends after the ack: still one event, still acked.
          await pushStorm({
            vendor: rig.vendor,
            instances,
            request: rig.request,
            copies: 2,
            alreadyDone: true,
          });
        }
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    }
  } finally {
    await rig.close();
  }
}

describe('notifications: duplicate and concurrent pushes', () => {
  it('kicc: deposit webhook (notiType 30) captured from the simulator', async () => {
    const capture = await startCaptureEndpoint('/kicc/webhook');
    const simulator = await startKiccSimulator({ webhookUrl: capture.url, webhookRetryDelaysMs: [10] });
    const newClient = (store?: MemoryIdempotencyStore) =>
      new KiccClient({
        ...simulator.clientOptions(),
        ...(store ? { idempotencyStore: store } : {}),
      } as KiccClientOptions);
    const setup = newClient();
    const account = await setup.virtualAccounts.issue({
      orderNumber: 'NOTIFY-0001',
      amount: 10_000,
      currency: 'KRW',
      bankCode: '088',
      expiresAt: new Date(Date.now() + 86_400_000),
      holderName: '와이어브릿지',
      itemName: '입금',
      customer: { id: 'C1', name: '홍길동', phone: '01012345678' },
    });
    await simulator.deposit({ transactionId: account.transactionId });
    await simulator.webhooksSettled();
    await setup.close();
    await scenarios(rigOf('kicc', capture, async () => simulator.close(), newClient));
  });

  it('billgate: RETURN_URL post from the payment window', async () => {
    const simulator = await startBillgateSimulator();
    const form = simulator.preparePayment({ orderId: 'NOTIFY-B1', orderDate: new Date(), amount: 1000 });
    const newClient = (store?: MemoryIdempotencyStore) =>
      new BillgateClient({
        environment: { host: simulator.host },
        ports: simulator.ports,
        serviceId: 'M2103135',
        credentials: { current: BILLGATE_TEST_KEY },
        lookupOrder: () => ({ amount: 1000 }),
        ...(store ? { idempotencyStore: store } : {}),
      });
    await scenarios({
      vendor: 'billgate',
      request: { rawBody: form.toFormBody(), headers: {} },
      instances: (store) => [newClient(store), newClient(store)],
      close: () => simulator.close(),
    });
  });

  it('coocon: 0200 deposit telegram built with the public wire codec', async () => {
    const frame = encodeCooconFrame(encodeCooconTelegram(COOCON_EXAMPLE_DEPOSIT), {
      crypto: { key: 'COOCONTEST' },
    });
    const newClient = (store: MemoryIdempotencyStore) =>
      new CooconClient({
        institutionCode: 'WB000001',
        relay: { host: '127.0.0.1', port: 9 },
        crypto: { key: 'COOCONTEST' },
        allowList: ['203.0.113.0/24'],
        idempotencyStore: store,
      });
    await scenarios({
      vendor: 'coocon',
      request: { rawBody: frame, headers: {}, remoteAddress: '203.0.113.7' },
      instances: (store) => [newClient(store), newClient(store)],
      close: async () => undefined,
    });
  });

  it('faysal: signed push captured from simulator.notify', async () => {
    const bench = await startBench();
    const capture = await startCaptureEndpoint('/faysal/notifications');
    const input = creditInput(activeFaysalAccount(bench.simulator));
    await bench.client.remittances.credit(input);
    await bench.simulator.notify({
      url: capture.url,
      partnerReference: input.partnerReference,
      status: 'COMPLETED',
    });
    expect(capture.requests.length).toBeGreaterThanOrEqual(1);
    await scenarios({
      vendor: 'faysal',
      request: capture.requests[0]!,
      instances: (store) => [
        bench.clientWith({ idempotencyStore: store }),
        bench.clientWith({ idempotencyStore: store }),
      ],
      close: async () => {
        await capture.close();
        await bench.close();
      },
    });
  });

  it('western-union: NIS BIS003 (paid) captured from the simulator', async () => {
    const harness = await startWu();
    const capture = await startCaptureEndpoint('/wu/nis');
    const quote = await harness.client.transfers.quote(cashQuoteInput());
    await harness.client.transfers.send({ commitToken: quote.commitToken });
    harness.simulator.state.pay(quote.mtcn);
    await harness.simulator
      .sendNotification({
        mtcn: quote.mtcn,
        type: 'BIS003',
        to: capture.url,
        basicAuth: { username: 'wu-nis', password: 'test-only-nis-password' },
      })
      .catch(() => undefined);
    expect(capture.requests.length).toBeGreaterThanOrEqual(1);
    const newClient = (store: MemoryIdempotencyStore) =>
      new WesternUnionClient(wuClientOptions(harness.simulator, { idempotencyStore: store }));
    await scenarios({
      vendor: 'western-union',
      request: capture.requests[0]!,
      instances: (store) => [newClient(store), newClient(store)],
      close: async () => {
        await capture.close();
        await harness.close();
      },
    });
  });

  it('unionpay: back notification of a payout captured from the simulator', async () => {
    const capture = await startCaptureEndpoint('/unionpay/back', () => ({
      status: 200,
      headers: {},
      body: 'ok',
    }));
    const simulator = await startUnionPay({ notificationDelaysMs: [10] } as never);
    const newClient = (store?: MemoryIdempotencyStore) =>
      new UnionPayClient({
        ...(simulator.clientOptions(UNIONPAY_MERCHANT_ID) as UnionPayClientOptions),
        backUrl: capture.url,
        resolverDelaysMs: [20, 40],
        ...(store ? { idempotencyStore: store } : {}),
      });
    const setup = newClient();
    await setup.payouts.create({
      orderId: `N${Date.now()}0001`,
      amount: 8_800,
      currency: 'CNY',
      pan: UNIONPAY_TEST_PAN,
      holder: { name: 'Park' },
    });
    await eventually(() => capture.requests.length >= 1);
    await setup.close();
    await scenarios(
      rigOf(
        'unionpay',
        capture,
        async () => simulator.close(),
        (store) => newClient(store),
      ),
    );
  });
});

function rigOf<C extends NotificationInstance<unknown> & { close(): Promise<void> }>(
  vendor: string,
  capture: CaptureEndpoint,
  closeSimulator: () => Promise<void>,
  newClient: (store: MemoryIdempotencyStore) => C,
): Rig<unknown> {
  return {
    vendor,
    request: capture.requests[0]!,
    instances: (store) => [newClient(store), newClient(store)],
    close: async () => {
      await capture.close();
      await closeSimulator();
    },
  };
}

describe("notifications: the simulators' own duplicate-push faults, end to end over HTTP", () => {
  it('kicc: duplicate-webhook ×3 on a deposit → onEvent once, the last delivery acked', async () => {
    const events: string[] = [];
    let client: KiccClient | undefined;
    const receiver = await startCaptureEndpoint('/kicc/webhook', (request) =>
      client!.notifications.process(request, async (event) => {
        events.push(event.dedupeKey);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }),
    );
    const simulator = await startKiccSimulator({
      webhookUrl: receiver.url,
      webhookRetryDelaysMs: Array(10).fill(10),
    });
    client = new KiccClient({ ...simulator.clientOptions() } as KiccClientOptions);
    try {
      const account = await client.virtualAccounts.issue({
        orderNumber: 'NOTIFY-DUP-1',
        amount: 10_000,
        currency: 'KRW',
        bankCode: '088',
        expiresAt: new Date(Date.now() + 86_400_000),
        holderName: '와이어브릿지',
        itemName: '입금',
        customer: { id: 'C1', name: '홍길동', phone: '01012345678' },
      });
      simulator.inject({
        match: { transactionId: account.transactionId },
        fault: { kind: 'duplicate-webhook', copies: 3 },
      });
      await simulator.deposit({ transactionId: account.transactionId });
      await simulator.webhooksSettled();
      expect(events).toHaveLength(1);
      expect(simulator.webhooks().at(-1)?.status).toBe(200);
      count('kicc', { cases: 1, faultsInjected: 1, notificationPushes: simulator.webhooks().length });
    } finally {
      await client.close();
      await simulator.close();
      await receiver.close();
    }
  });

  it('unionpay: duplicate-notification ×3 on a payout → onEvent once, every copy answered 200', async () => {
    const events: string[] = [];
    let client: UnionPayClient | undefined;
    const receiver = await startCaptureEndpoint('/unionpay/back', (request) =>
      client!.notifications.process(request, async (event) => {
        events.push(JSON.stringify(event));
      }),
    );
    const simulator = await startUnionPay({ notificationDelaysMs: [10, 10, 10] } as never);
    client = new UnionPayClient({
      ...(simulator.clientOptions(UNIONPAY_MERCHANT_ID) as UnionPayClientOptions),
      backUrl: receiver.url,
      resolverDelaysMs: [20, 40],
    });
    try {
      const orderId = `D${Date.now()}0001`;
      simulator.inject({ match: { orderId }, fault: { kind: 'duplicate-notification', copies: 3 } } as never);
      await client.payouts.create({
        orderId,
        amount: 8_800,
        currency: 'CNY',
        pan: UNIONPAY_TEST_PAN,
        holder: { name: 'Park' },
      });
      const sent = () => simulator.notifications().filter((entry) => entry.fields.orderId === orderId);
      await eventually(() => sent().length >= 3 && sent().every((entry) => entry.status !== undefined));
      expect(events).toHaveLength(1);
      expect(sent().map((entry) => entry.status)).toEqual([200, 200, 200]);
      count('unionpay', { cases: 1, faultsInjected: 1, notificationPushes: sent().length });
    } finally {
      await client.close();
      await simulator.close();
      await receiver.close();
    }
  });

  it('western-union: duplicateNotification on a NIS push → onEvent once, acked', async () => {
    const harness = await startWu();
    const events: string[] = [];
    const receiver = await startCaptureEndpoint('/wu/nis', (request) =>
      harness.client.notifications.process(request, async (event) => {
        events.push(JSON.stringify(event));
      }),
    );
    try {
      const quote = await harness.client.transfers.quote(cashQuoteInput());
      await harness.client.transfers.send({ commitToken: quote.commitToken });
      harness.simulator.state.pay(quote.mtcn);
      harness.simulator.inject({ operation: 'nis', kind: 'duplicateNotification' } as never);
      const reply = await harness.simulator.sendNotification({
        mtcn: quote.mtcn,
        type: 'BIS003',
        to: receiver.url,
        basicAuth: { username: 'wu-nis', password: 'test-only-nis-password' },
      });
      expect(reply.status).toBe(200);
      expect(events).toHaveLength(1);
      count('western-union', { cases: 1, faultsInjected: 1, notificationPushes: receiver.requests.length });
    } finally {
      await receiver.close();
      await harness.close();
    }
  });

  it('faysal: notify with duplicate → onEvent once, both copies acked', async () => {
    const bench = await startBench();
    const events: string[] = [];
    const receiver = await startCaptureEndpoint('/faysal/notifications', (request) =>
      bench.client.notifications.process(request, async (event) => {
        events.push(JSON.stringify(event));
      }),
    );
    try {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await bench.client.remittances.credit(input);
      const reply = await bench.simulator.notify({
        url: receiver.url,
        partnerReference: input.partnerReference,
        status: 'COMPLETED',
        duplicate: true,
      });
      expect(reply.status).toBe(200);
      expect(receiver.requests.length).toBeGreaterThanOrEqual(2);
      expect(events).toHaveLength(1);
      count('faysal', { cases: 1, faultsInjected: 1, notificationPushes: receiver.requests.length });
    } finally {
      await receiver.close();
      await bench.close();
    }
  });
});

describe("notifications: Coocon's own duplicate pushes over TCP, into two receivers sharing a store", () => {
  it('coocon: a deposit pushed concurrently to two instances is stored once and acked on both connections', async () => {
    const store = new MemoryIdempotencyStore();
    const simulator = await startCooconSimulator({ retry: { attempts: 0 } } as never);
    const newClient = () =>
      new CooconClient({
        institutionCode: 'WB000001',
        relay: simulator.relay,
        crypto: { key: 'COOCONTEST' },
        allowList: ['127.0.0.1', '::1'],
        idempotencyStore: store,
      });
    const [first, second] = [newClient(), newClient()];
    const events: string[] = [];
    const onEvent = async (event: CooconEvent) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // both copies overlap while the first is stored
      events.push(JSON.stringify(event));
    };
    const receivers = [
      first.notifications.createReceiver({ port: 0, allowList: ['127.0.0.1', '::1'], onEvent }),
      second.notifications.createReceiver({ port: 0, allowList: ['127.0.0.1', '::1'], onEvent }),
    ];
    try {
      const [primary, secondTarget] = await Promise.all(receivers.map((receiver) => receiver.listen()));
      simulator.setPushTarget(primary!);
      const account = await first.virtualAccounts.issue({
        merchantReference: 'VA-DUP-PUSH-1',
        holderName: '위브릿지',
        accountType: 'fixed',
        amountRule: 'any',
        currency: 'KRW',
      } as never);
      simulator.inject('duplicate', { value: { concurrent: true, secondTarget } });
      const push = await simulator.deposit({
        virtualAccountNumber: account.virtualAccountNumber,
        amount: 3_000,
        depositorName: 'CHOI',
      });
      expect(push.acked).toBe(true);
      expect(events).toHaveLength(1);
      expect(simulator.deliveries[0]?.ackCount).toBe(2);
      count('coocon', { cases: 1, faultsInjected: 1, notificationPushes: 2 });
    } finally {
      await Promise.all(receivers.map((receiver) => receiver.close()));
      await Promise.all([first.close(), second.close()]);
      await simulator.close();
    }
  });
});
