import { KiccClient, type KiccClientOptions } from '../../src/index.js';
import {
  type KiccSimulator,
  type KiccSimulatorOptions,
  startKiccSimulator,
} from '../../src/testing/index.js';

/** 2025-03-01 10:45:21 KST: a fixed instant, so request dates and expiry never depend on the real date. */
export const startInstant = new Date('2025-03-01T01:45:21Z');

/** A clock tests move by hand; shared by client and simulator so both agree on "today" in KST. */
export function createTestClock(start: Date = startInstant) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set(date: Date) {
      current = date.getTime();
    },
    advance(milliseconds: number) {
      current += milliseconds;
    },
  };
}

export interface Harness {
  clock: ReturnType<typeof createTestClock>;
  simulator: KiccSimulator;
  client: KiccClient;
  /** Another client on the same simulator, with different options. */
  newClient(options?: Partial<KiccClientOptions>): KiccClient;
  close(): Promise<void>;
}

/**
 * A simulator and a client sharing one clock. Resolver delays are short so unknown-outcome tests stay fast;
 * success paths keep the production timeouts (30 s / 3 s), which a loaded machine never comes near.
 */
export async function startHarness(
  options: { simulator?: KiccSimulatorOptions; client?: Partial<KiccClientOptions> } = {},
): Promise<Harness> {
  const clock = createTestClock();
  const simulator = await startKiccSimulator({ clock: clock.now, ...options.simulator });
  const clients: KiccClient[] = [];
  const newClient = (extra: Partial<KiccClientOptions> = {}) => {
    const client = new KiccClient({
      ...simulator.clientOptions(),
      clock: clock.now,
      resolverDelaysMs: [0, 10, 20],
      ...options.client,
      ...extra,
    } as KiccClientOptions);
    clients.push(client);
    return client;
  };
  const client = newClient();
  return {
    clock,
    simulator,
    client,
    newClient,
    async close() {
      await Promise.all(clients.map((each) => each.close()));
      await simulator.close();
    },
  };
}

let orderSequence = 0;

/** A valid issue input; each call gets a fresh order number. */
export function issueInput(overrides: Record<string, unknown> = {}) {
  orderSequence++;
  return {
    orderNumber: `RMT-20250301-${String(orderSequence).padStart(6, '0')}`,
    amount: 1_500_000,
    currency: 'KRW' as const,
    bankCode: '088',
    expiresAt: new Date('2025-03-03T14:59:59Z'),
    holderName: '와이어브릿지',
    itemName: '해외송금 입금',
    customer: { id: 'C000123', name: '홍길동', phone: '01012345678' },
    merchantValues: ['remit-77881'],
    ...overrides,
  };
}
