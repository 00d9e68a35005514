import { type Logger, MemoryIdempotencyStore } from '@wirebridge/core';
import { UnionPayClient, type UnionPayClientOptions } from '../../src/index.js';
import {
  startUnionPaySimulator,
  type UnionPaySimulator,
  type UnionPaySimulatorOptions,
} from '../../src/testing/index.js';
import { encodeFormBody } from '../../src/wire/form-codec.js';

export const MERCHANT_ID = '777290058110048';
export const BACK_URL = 'http://127.0.0.1:9/unionpay/back';
/** A test PAN (the public UnionPay test card); never printed by the SDK. */
export const TEST_PAN = '6216261000000000018';

let counter = 0;
/** A fresh order id: 8–40 alphanumerics, unique within the run. */
export function newOrderId(prefix = 'T'): string {
  counter += 1;
  return `${prefix}${Date.now()}${String(counter).padStart(4, '0')}`;
}

export interface Harness {
  simulator: UnionPaySimulator;
  client: UnionPayClient;
  close(): Promise<void>;
}

/** A simulator and a client on it, with a short resolver schedule (the real one is 1–32 s). */
export async function startHarness(
  simulatorOptions: UnionPaySimulatorOptions = {},
  clientOptions: Partial<UnionPayClientOptions> & { logger?: Logger } = {},
): Promise<Harness> {
  const simulator = await startUnionPaySimulator(simulatorOptions);
  const client = new UnionPayClient({
    ...(simulator.clientOptions(MERCHANT_ID) as UnionPayClientOptions),
    backUrl: BACK_URL,
    frontUrl: 'https://shop.example/return',
    resolverDelaysMs: [20, 40, 80],
    idempotencyStore: new MemoryIdempotencyStore(),
    ...clientOptions,
  });
  return {
    simulator,
    client,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

/** Pays an order as the browser would (POST of the signed front form), then settles it; returns its queryId. */
export async function paidOrder(
  harness: Harness,
  amount = 10_000,
): Promise<{ orderId: string; queryId: string; orderTime: Date }> {
  const form = harness.client.payments.createFrontForm({ orderId: newOrderId('P'), amount, currency: 'CNY' });
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: encodeFormBody(form.fields, 'UTF-8'),
  });
  await response.arrayBuffer();
  await harness.simulator.completeFrontPayment(form.orderId, 'success');
  const transaction = harness.simulator.transactions().find((entry) => entry.orderId === form.orderId);
  if (transaction === undefined) throw new Error('front payment not recorded');
  return { orderId: form.orderId, queryId: transaction.queryId, orderTime: form.orderTime };
}

/** Transactions of one order in the simulator's ledger. */
export function executions(harness: Harness, orderId: string) {
  return harness.simulator.transactions().filter((entry) => entry.orderId === orderId);
}
