// Copied and trimmed from packages/billgate/test/support.ts.
import { BILLGATE_TEST_KEY, BillgateClient, type BillgateClientOptions } from '@wirebridge/billgate';
import { type BillgateSimulator, startBillgateSimulator } from '@wirebridge/billgate/testing';
import type { FaultProxy } from '@wirebridge/core/testing';

/** 2024-01-01 12:00:00 KST. */
export const BILLGATE_ORDER_DATE = new Date('2024-01-01T03:00:00.000Z');

let orderSerial = 0;
export function nextBillgateOrderId(prefix = 'CHAOS'): string {
  orderSerial += 1;
  return `${prefix}-${String(orderSerial).padStart(5, '0')}`;
}

export function billgateClientFor(
  simulator: BillgateSimulator,
  overrides: Partial<BillgateClientOptions> & { proxy?: FaultProxy } = {},
): BillgateClient {
  const { proxy, ...rest } = overrides;
  return new BillgateClient({
    environment: proxy ? { host: proxy.host } : { host: simulator.host, backupHost: simulator.backupHost },
    ports: proxy
      ? Object.fromEntries(Object.keys(simulator.ports).map((command) => [command, proxy.port]))
      : simulator.ports,
    serviceId: 'M2103135',
    credentials: { current: BILLGATE_TEST_KEY },
    clock: () => BILLGATE_ORDER_DATE,
    unknownOutcome: { backoffMs: [10, 10] },
    timeouts: { queryMs: 10_000 },
    ...rest,
  });
}

export function startBillgate(): Promise<BillgateSimulator> {
  return startBillgateSimulator({ clock: () => BILLGATE_ORDER_DATE });
}

export function prepareBillgate(client: BillgateClient, simulator: BillgateSimulator, amount = 1000) {
  const orderId = nextBillgateOrderId();
  const form = simulator.preparePayment({ orderId, orderDate: BILLGATE_ORDER_DATE, amount });
  return client.mobile.parseReturn({
    rawBody: form.toFormBody(),
    expected: { orderId, amount, currency: 'KRW' },
  });
}
