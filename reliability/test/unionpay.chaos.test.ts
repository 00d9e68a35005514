// UnionPay ACP (HTTPS form POST, RSA-SHA256): refund, void and payout (keyed on orderId+txnTime) under faults.
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import type { UnionPayClient } from '@wirebridge/unionpay';
import type { UnionPaySimulator } from '@wirebridge/unionpay/testing';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';
import {
  newUnionPayOrderId,
  paidUnionPayOrder,
  startUnionPay,
  UNIONPAY_TEST_PAN,
  unionPayClient,
} from './support/unionpay.js';

const VENDOR = 'unionpay';
let simulator: UnionPaySimulator;
let client: UnionPayClient;
let proxiedClient: () => UnionPayClient;
const perCase: UnionPayClient[] = [];
let proxy: FaultProxy;

beforeAll(async () => {
  simulator = await startUnionPay();
  client = unionPayClient(simulator);
  const options = simulator.clientOptions('777290058110048') as {
    environment: { gatewayBaseUrl: string; fileDownloadUrl: string };
  };
  const url = new URL(options.environment.gatewayBaseUrl);
  proxy = await startFaultProxy({ target: { host: url.hostname, port: Number(url.port) } });
  const via = (value: string) => {
    const parsed = new URL(value);
    parsed.host = `${proxy.host}:${proxy.port}`;
    return parsed.toString();
  };
  proxiedClient = () => {
    const created = unionPayClient(simulator, {
      environment: {
        gatewayBaseUrl: via(options.environment.gatewayBaseUrl),
        fileDownloadUrl: via(options.environment.fileDownloadUrl),
      },
      timeouts: { defaultMs: 300 },
    } as never);
    perCase.push(created);
    return created;
  };
});
afterEach(async () => {
  proxy.clearFaults();
  await Promise.all(perCase.splice(0).map((each) => each.close()));
});
afterAll(async () => {
  await client.close();
  await simulator.close();
  await proxy.close();
});

type Op = 'payments.refund' | 'payments.void' | 'payouts.create';
async function prepare(op: Op, through: UnionPayClient) {
  const orderId = newUnionPayOrderId('U');
  const paid = op === 'payouts.create' ? undefined : await paidUnionPayOrder(client, simulator, 5_000);
  return {
    orderId,
    call: (options?: { timeoutMs?: number }) =>
      op === 'payments.refund'
        ? through.payments.refund(
            { orderId, originalQueryId: paid!.queryId, amount: 1_000, currency: 'CNY' },
            options,
          )
        : op === 'payments.void'
          ? through.payments.void(
              { orderId, originalQueryId: paid!.queryId, amount: 5_000, currency: 'CNY' },
              options,
            )
          : through.payouts.create(
              { orderId, amount: 9_900, currency: 'CNY', pan: UNIONPAY_TEST_PAN, holder: { name: 'Lee' } },
              options,
            ),
    executions: () => simulator.transactions().filter((entry) => entry.orderId === orderId).length,
  };
}

type SimFault = Parameters<UnionPaySimulator['inject']>[0]['fault'];
const simulatorFaults: Array<{ name: string; fault: SimFault; timeoutMs?: number; times?: number }> = [
  { name: 'reset before response', fault: { kind: 'reset-before-response' } },
  { name: 'reset mid-response', fault: { kind: 'reset-mid-response' } },
  { name: 'malformed body', fault: { kind: 'malformed-body' } },
  { name: 'bad signature', fault: { kind: 'bad-signature' } },
  { name: 'untrusted certificate', fault: { kind: 'untrusted-cert' } },
  { name: 'HTTP 503', fault: { kind: 'http-status', status: 503 } },
  { name: 'delay past the deadline', fault: { kind: 'delay', ms: 900 }, timeoutMs: 250 },
  { name: 'three resets (queries included)', fault: { kind: 'reset-before-response' }, times: 3 },
] as never;

const proxyFaults: ProxyFaultEntry[] = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-response (60 bytes)', fault: { kind: 'reset', afterBytes: 60 } },
  { name: 'proxy: partial writes of 64 bytes', fault: { kind: 'partial-write', bytes: 64, pauseMs: 0 } },
  { name: 'proxy: garbage answer', fault: { kind: 'garbage', direction: 'to-client' } },
  {
    name: 'proxy: slow drip of the answer (1 byte every 3 ms), then the network heals',
    fault: { kind: 'partial-write', bytes: 1, pauseMs: 3, direction: 'to-client' },
    clearAfterMs: 400,
  },
  { name: 'proxy: black hole (never heals)', fault: { kind: 'black-hole' } },
  { name: 'proxy: black hole, then the network heals', fault: { kind: 'black-hole' }, clearAfterMs: 200 },
  {
    name: 'proxy: slow request (arrives after the client gave up)',
    fault: { kind: 'latency', ms: 500, direction: 'to-target' },
    clearAfterMs: 600,
    settleMs: 700,
  },
];

for (const op of ['payments.refund', 'payments.void', 'payouts.create'] as const) {
  describe(`unionpay: ${op}, simulator fault table`, () => {
    for (const entry of simulatorFaults) {
      it(entry.name, async () => {
        const prepared = await prepare(op, client);
        simulator.inject({
          match: entry.times
            ? { orderId: prepared.orderId }
            : { orderId: prepared.orderId, endpoint: 'back' },
          fault: entry.fault,
          times: entry.times ?? 1,
        } as never);
        await checkMoneyCase({
          vendor: VENDOR,
          operation: op,
          fault: entry.name,
          faults: entry.times ?? 1,
          reference: prepared.orderId,
          run: () => prepared.call(entry.timeoutMs ? { timeoutMs: entry.timeoutMs } : undefined),
          executions: prepared.executions,
          settleMs: entry.timeoutMs ? 1_000 : 0,
        });
      });
    }
  });

  describe(`unionpay: ${op}, fault proxy table`, () => {
    for (const entry of proxyFaults) {
      it(entry.name, async () => {
        const prepared = await prepare(op, proxiedClient());
        await checkUnderProxyFault(proxy, entry, {
          vendor: VENDOR,
          operation: op,
          reference: prepared.orderId,
          run: () => prepared.call(),
          executions: prepared.executions,
        });
      });
    }
  });
}

describe('unionpay: clock skew on the signed txnTime (±15 min window)', () => {
  for (const [name, skewMs] of [
    ['client 20 min behind', -20 * 60_000],
    ['client 20 min ahead', 20 * 60_000],
    ['client 10 min ahead (inside the window)', 10 * 60_000],
    ['client one day ahead', 86_400_000],
  ] as const) {
    it(`payouts.create — ${name}`, async () => {
      const skewed = unionPayClient(simulator, { clock: () => new Date(Date.now() + skewMs) });
      const orderId = newUnionPayOrderId('S');
      try {
        await checkMoneyCase({
          vendor: VENDOR,
          operation: 'payouts.create',
          fault: `clock skew: ${name}`,
          reference: orderId,
          run: () =>
            skewed.payouts.create({
              orderId,
              amount: 9_900,
              currency: 'CNY',
              pan: UNIONPAY_TEST_PAN,
              holder: { name: 'Lee' },
            }),
          executions: () => simulator.transactions().filter((entry) => entry.orderId === orderId).length,
        });
      } finally {
        await skewed.close();
      }
    });
  }
});
