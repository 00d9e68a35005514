// Copied and trimmed from packages/unionpay/test/support/harness.ts; the form body is encoded with
// URLSearchParams instead of the package's internal form codec (not a public export).
import { MemoryIdempotencyStore } from '@wirebridge/core';
import { UnionPayClient, type UnionPayClientOptions } from '@wirebridge/unionpay';
import { startUnionPaySimulator, type UnionPaySimulator } from '@wirebridge/unionpay/testing';

export const UNIONPAY_MERCHANT_ID = '777290058110048';
export const UNIONPAY_BACK_URL = 'http://127.0.0.1:9/unionpay/back';
export const UNIONPAY_TEST_PAN = '6216261000000000018';

let counter = 0;
export function newUnionPayOrderId(prefix = 'C'): string {
  counter += 1;
  return `${prefix}${Date.now()}${String(counter).padStart(4, '0')}`;
}

export function startUnionPay(
  options: Parameters<typeof startUnionPaySimulator>[0] = {},
): Promise<UnionPaySimulator> {
  return startUnionPaySimulator(options);
}

export function unionPayClient(
  simulator: UnionPaySimulator,
  overrides: Partial<UnionPayClientOptions> = {},
): UnionPayClient {
  return new UnionPayClient({
    ...(simulator.clientOptions(UNIONPAY_MERCHANT_ID) as UnionPayClientOptions),
    backUrl: UNIONPAY_BACK_URL,
    frontUrl: 'https://shop.example/return',
    resolverDelaysMs: [20, 40, 80],
    idempotencyStore: new MemoryIdempotencyStore(),
    ...overrides,
  });
}

/** Pays an order as the browser would, then settles it; returns its queryId. */
export async function paidUnionPayOrder(
  client: UnionPayClient,
  simulator: UnionPaySimulator,
  amount = 10_000,
) {
  const form = client.payments.createFrontForm({ orderId: newUnionPayOrderId('P'), amount, currency: 'CNY' });
  const response = await fetch(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
    body: new URLSearchParams(form.fields as Record<string, string>).toString(),
  });
  await response.arrayBuffer();
  await simulator.completeFrontPayment(form.orderId, 'success');
  const transaction = simulator.transactions().find((entry) => entry.orderId === form.orderId);
  if (transaction === undefined) throw new Error('front payment not recorded');
  return { orderId: form.orderId, queryId: transaction.queryId };
}
