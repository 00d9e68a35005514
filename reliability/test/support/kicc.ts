// Copied and trimmed from packages/kicc/test/support/kicc-harness.ts: a fixed KST clock shared by client and simulator.
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import { KiccClient, type KiccClientOptions } from '@wirebridge/kicc';
import { type KiccSimulator, startKiccSimulator } from '@wirebridge/kicc/testing';

/** 2025-03-01 10:45:21 KST. */
export const KICC_NOW = new Date('2025-03-01T01:45:21Z');
export const kiccClock = () => KICC_NOW;

export const KICC_PATHS = {
  issue: '/api/trades/approval/virtualAccount',
  approval: '/api/ep9/trades/approval',
  webpay: '/api/ep9/trades/webpay',
  revise: '/api/trades/revise',
  retrieve: '/api/trades/retrieveTransaction',
  inquiry: '/api/trades/retrieveVirtualAccount',
} as const;

export interface KiccRig {
  simulator: KiccSimulator;
  proxy: FaultProxy;
  /** A client straight at the simulator, or through the fault proxy. */
  client(options?: { viaProxy?: boolean } & Partial<KiccClientOptions>): KiccClient;
  close(): Promise<void>;
}

export async function startKiccRig(
  simulatorOptions: Parameters<typeof startKiccSimulator>[0] = {},
): Promise<KiccRig> {
  const simulator = await startKiccSimulator({ clock: kiccClock, ...simulatorOptions });
  const url = new URL(simulator.url);
  const proxy = await startFaultProxy({ target: { host: url.hostname, port: Number(url.port) } });
  const clients: KiccClient[] = [];
  return {
    simulator,
    proxy,
    client({ viaProxy = false, ...extra } = {}) {
      const base = simulator.clientOptions();
      const client = new KiccClient({
        ...base,
        // Through the proxy every attempt gets a short deadline, resolver inquiries and the refundQueryFlag
        // re-query included (they ignore the caller's timeoutMs), so a black hole ends in about a second.
        ...(viaProxy
          ? {
              environment: { baseUrl: `http://${proxy.host}:${proxy.port}` },
              timeouts: { defaultMs: 250, approvalMs: 300, reviseMs: 300 },
            }
          : {}),
        clock: kiccClock,
        resolverDelaysMs: [0, 10, 20],
        ...extra,
      } as KiccClientOptions);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await proxy.close();
      await simulator.close();
    },
  };
}

let sequence = 0;
export function kiccIssueInput(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    orderNumber: `CHAOS-${String(sequence).padStart(6, '0')}`,
    amount: 50_000,
    currency: 'KRW' as const,
    bankCode: '088',
    expiresAt: new Date('2025-03-03T14:59:59Z'),
    holderName: '와이어브릿지',
    itemName: '해외송금 입금',
    customer: { id: 'C000123', name: '홍길동', phone: '01012345678' },
    ...overrides,
  };
}
