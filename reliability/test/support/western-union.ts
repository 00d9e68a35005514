// Copied from packages/western-union/test/support/harness.ts (imports switched to the public package exports).
import {
  WesternUnionClient,
  type WesternUnionClientOptions,
  type WuQuoteInput,
} from '@wirebridge/western-union';
import { startWesternUnionSimulator, type WesternUnionSimulator } from '@wirebridge/western-union/testing';

/** Generous for success paths: other engineers share these CPUs (brief). */
export const successTimeoutMs = 10_000;

/** Client options pointing at a simulator; resolver delays are zero so tests never wait on wall-clock time. */
export function clientOptions(
  simulator: WesternUnionSimulator,
  overrides: Partial<WesternUnionClientOptions> = {},
): WesternUnionClientOptions {
  return {
    environment: 'uat',
    wsdlDir: simulator.wsdlDir,
    endpoints: simulator.endpoints,
    partner: {
      identifier: 'WGQTEST0001',
      counterId: 'US125TEST1T',
      channelName: 'WIREBRIDGE',
      heartbeat: {
        partnerId: 'WGQTEST0001',
        systemName: 'WIREBRIDGE',
        systemVersion: '1.0',
        ipAddress: '127.0.0.1',
        connectorId: 'C1',
      },
    },
    origin: { country: 'US', currency: 'USD' },
    timeouts: {
      default: successTimeoutMs,
      quote: successTimeoutMs,
      send: successTimeoutMs,
      cancel: successTimeoutMs,
      refund: successTimeoutMs,
    },
    resolve: { delaysMs: [0, 0, 0] },
    notifications: {
      allowedIps: ['127.0.0.1/32', '10.0.0.0/8'],
      basicAuth: [{ username: 'wu-nis', password: 'test-only-nis-password' }],
    },
    ...overrides,
  };
}

/** A started simulator and a client on it. */
export interface Harness {
  simulator: WesternUnionSimulator;
  client: WesternUnionClient;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<WesternUnionClientOptions> = {}): Promise<Harness> {
  const simulator = await startWesternUnionSimulator({ clock: () => new Date('2025-02-01T12:00:00Z') });
  const client = new WesternUnionClient(clientOptions(simulator, overrides));
  return {
    simulator,
    client,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

let referenceCounter = 0;

/** A fresh reference per call: 1–20 letters or digits (spec §4.1). */
export function newReference(): string {
  referenceCounter += 1;
  return `WB${String(Date.now() % 1_000_000)}${String(referenceCounter).padStart(4, '0')}`;
}

/** A cash quote US/USD → PH/PHP of USD 200.00 (test persons only). */
export function cashQuoteInput(reference = newReference()): WuQuoteInput {
  return {
    reference,
    destination: { country: 'PH', currency: 'PHP' },
    amount: { send: 20_000 },
    deliveryService: '000',
    sender: {
      name: { first: 'MINJI', last: 'KIM' },
      address: { line1: '1 TEST ST', city: 'LOS ANGELES', country: 'US' },
      mobilePhone: { countryCode: '1', nationalNumber: '2135550100' },
      kyc: {
        idType: 'A',
        idCountryOfIssue: 'US',
        idNumber: 'TESTID998877665',
        dateOfBirth: new Date('1990-04-05T00:00:00Z'),
      },
    },
    receiver: {
      name: { first: 'JUAN', last: 'CRUZ' },
      mobilePhone: { countryCode: '63', nationalNumber: '9171234567' },
    },
  };
}
