import { BILLGATE_TEST_KEY, BillgateClient, type BillgateClientOptions } from '../src/index.js';
import { type BillgateSimulator, startBillgateSimulator } from '../src/testing/index.js';

/** A fixed instant inside the tests (2024-01-01 12:00:00 KST): order dates and ids do not depend on the real date. */
export const ORDER_DATE = new Date('2024-01-01T03:00:00.000Z');

let orderSerial = 0;
/** A fresh order id per test. */
export function nextOrderId(prefix = 'ORDER'): string {
  orderSerial += 1;
  return `${prefix}-${String(orderSerial).padStart(4, '0')}`;
}

/** A client wired to a simulator; compensation backoff shortened so fault tests stay fast. */
export function clientFor(
  simulator: BillgateSimulator,
  overrides: Partial<BillgateClientOptions> = {},
): BillgateClient {
  return new BillgateClient({
    environment: { host: simulator.host, backupHost: simulator.backupHost },
    ports: simulator.ports,
    serviceId: 'M2103135',
    credentials: { current: BILLGATE_TEST_KEY },
    clock: () => ORDER_DATE,
    unknownOutcome: { backoffMs: [10, 10] },
    // Generous deadlines on success paths: the machine may be loaded; tests that provoke a timeout set their own.
    timeouts: { queryMs: 10_000 },
    ...overrides,
  });
}

export async function startSimulator(): Promise<BillgateSimulator> {
  return startBillgateSimulator({ clock: () => ORDER_DATE });
}

/** Runs the window and the return POST: what `charge` gets in production. */
export function prepare(
  client: BillgateClient,
  simulator: BillgateSimulator,
  amount = 1000,
  orderId = nextOrderId(),
) {
  const form = simulator.preparePayment({ orderId, orderDate: ORDER_DATE, amount });
  return client.mobile.parseReturn({
    rawBody: form.toFormBody(),
    expected: { orderId, amount, currency: 'KRW' },
  });
}

/** Approves one order and returns what cancel tests need. */
export async function approved(client: BillgateClient, simulator: BillgateSimulator, amount = 1000) {
  const prepared = prepare(client, simulator, amount);
  const approval = await client.mobile.charge(prepared);
  return { prepared, approval };
}
