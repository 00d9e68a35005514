/** Shared test data: the spec's §4.6 example telegram and small helpers. */
import { createHash } from 'node:crypto';
import type { CooconTelegram, CooconWireOptions } from '../src/index.js';
import { CooconClient, type CooconClientOptions } from '../src/index.js';
import {
  type CooconSimulator,
  type CooconSimulatorOptions,
  startCooconSimulator,
} from '../src/testing/index.js';

/** Wire options of the spec's vectors (§10: key `COOCONTEST`). */
export const vectorWire: CooconWireOptions = { crypto: { key: 'COOCONTEST' } };

/** The deposit notice of spec §4.6. */
export const exampleDeposit: CooconTelegram = {
  kind: 'deposit',
  header: {
    institutionCode: 'WB000001',
    bankCode: '037',
    originatorCode: 'COOCON',
    messageType: '0200',
    businessCode: '1100',
    responseCode: '0000',
    transactionDate: '20240315',
    transactionTime: '142501',
    transactionSerial: 123,
    sendCount: 1,
    originalTransactionDate: '00000000',
    originalTransactionSerial: 0,
    afterCutoff: '0',
    origin: '2',
    channel: '4',
    networkReference: '2024031500123',
  },
  body: {
    virtualAccountNumber: '90312345678901',
    amount: 150_000,
    depositorName: '홍길동',
    remitterBankCode: '088',
    bankTransactionId: '240315000123',
    depositMethod: '2',
    merchantReference: 'VA-20240315-0001',
  },
};

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A simulator and a client wired to it, with the spec's test key. */
export interface Harness {
  simulator: CooconSimulator;
  client: CooconClient;
  close(): Promise<void>;
}

export const testKey = 'COOCONTEST';

/** Starts a simulator and a client pointed at it. Success paths keep the default (generous) deadlines. */
export async function startHarness(
  clientOptions: Partial<CooconClientOptions> = {},
  simulatorOptions: CooconSimulatorOptions = {},
): Promise<Harness> {
  const simulator = await startCooconSimulator(simulatorOptions);
  const client = new CooconClient({
    institutionCode: 'WB000001',
    relay: simulator.relay,
    crypto: { key: testKey },
    resolutionDelaysMs: [0, 100, 300],
    allowList: ['127.0.0.1', '::1'],
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

/** A valid issue input; override fields per test. */
export function issueInput(merchantReference: string, overrides: Record<string, unknown> = {}) {
  return {
    merchantReference,
    holderName: '위브릿지',
    accountType: 'one_time' as const,
    amountRule: 'exact' as const,
    expectedAmount: 150_000,
    currency: 'KRW' as const,
    ...overrides,
  };
}
