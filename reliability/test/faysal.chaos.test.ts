// Faysal (JSON-RPC 2.0, signed): remittance.credit (keyed on partnerReference) under simulator and proxy faults.
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { activeFaysalAccount, creditInput, type FaysalBench, startBench } from './support/faysal.js';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';

const VENDOR = 'faysal';
let bench: FaysalBench;
let proxy: FaultProxy;

beforeAll(async () => {
  bench = await startBench();
  const url = new URL(bench.simulator.baseUrl);
  proxy = await startFaultProxy({ target: { host: url.hostname, port: Number(url.port) } });
});
afterEach(() => proxy.clearFaults());
afterAll(async () => {
  await bench.close();
  await proxy.close();
});

type SimFault = Parameters<FaysalBench['simulator']['inject']>[0];
const simulatorFaults: Array<{
  name: string;
  fault: Omit<SimFault, 'method'>;
  timeoutMs?: number;
  settleMs?: number;
}> = [
  { name: 'reset before the bank acted', fault: { kind: 'reset' } },
  { name: 'reset after the bank acted', fault: { kind: 'reset', commit: true } },
  {
    name: 'reset mid-response after the bank acted',
    fault: { kind: 'reset', commit: true, midResponse: true },
  },
  {
    name: 'delay before acting, past the deadline (late original)',
    fault: { kind: 'delay', ms: 900 },
    timeoutMs: 250,
    settleMs: 1_000,
  },
  {
    name: 'delay after acting, past the deadline',
    fault: { kind: 'delay', ms: 900, commit: true },
    timeoutMs: 250,
    settleMs: 1_000,
  },
  { name: 'malformed reply', fault: { kind: 'malformed' } },
  { name: 'reply with another JSON-RPC id', fault: { kind: 'wrongId' } },
  { name: 'unsigned reply', fault: { kind: 'unsignedResponse' } },
  { name: 'bad reply signature', fault: { kind: 'badResponseSignature' } },
  { name: 'HTTP 502 after acting', fault: { kind: 'http502', commit: true } },
  { name: 'HTTP 502 before acting', fault: { kind: 'http502' } },
  { name: 'rate limited', fault: { kind: 'rateLimit' } },
  { name: 'maintenance', fault: { kind: 'maintenance' } },
  { name: 'decrypt failure', fault: { kind: 'decryptFail' } },
  { name: 'three resets after acting', fault: { kind: 'reset', commit: true, times: 3 } },
];

const proxyFaults: ProxyFaultEntry[] = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-response (50 bytes)', fault: { kind: 'reset', afterBytes: 50 } },
  { name: 'proxy: partial writes of 32 bytes', fault: { kind: 'partial-write', bytes: 32, pauseMs: 0 } },
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

describe('faysal: remittances.credit, simulator fault table', () => {
  for (const entry of simulatorFaults) {
    it(`credit — ${entry.name}`, async () => {
      const client = entry.timeoutMs
        ? bench.clientWith({ timeouts: { credit: entry.timeoutMs } })
        : bench.client;
      const input = creditInput(activeFaysalAccount(bench.simulator));
      bench.simulator.inject({ method: 'remittance.credit', ...entry.fault } as SimFault);
      await checkMoneyCase({
        vendor: VENDOR,
        operation: 'remittances.credit',
        fault: entry.name,
        faults: (entry.fault as { times?: number }).times ?? 1,
        reference: input.partnerReference,
        run: () => client.remittances.credit(input),
        executions: () => bench.simulator.state.debitCount(input.partnerReference),
        settleMs: entry.settleMs ?? 0,
      });
    });
  }
});

describe('faysal: remittances.credit, fault proxy table', () => {
  for (const entry of proxyFaults) {
    it(`credit — ${entry.name}`, async () => {
      const client = bench.clientWith({
        baseUrls: { sandbox: `http://${proxy.host}:${proxy.port}` },
        timeouts: { default: 300, credit: 300 },
        resolve: { delaysMs: [0, 20, 50], deadlineMs: 1_500 },
      });
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await checkUnderProxyFault(proxy, entry, {
        vendor: VENDOR,
        operation: 'remittances.credit',
        reference: input.partnerReference,
        run: () => client.remittances.credit(input),
        executions: () => bench.simulator.state.debitCount(input.partnerReference),
      });
    });
  }
});

describe('faysal: clock skew on the signed request', () => {
  for (const [name, skewMs] of [
    ['client 20 min behind', -20 * 60_000],
    ['client 20 min ahead', 20 * 60_000],
    ['client one day ahead', 86_400_000],
  ] as const) {
    it(`credit — ${name}`, async () => {
      const client = bench.clientWith({ clock: () => new Date(Date.now() + skewMs) });
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await checkMoneyCase({
        vendor: VENDOR,
        operation: 'remittances.credit',
        fault: `clock skew: ${name}`,
        reference: input.partnerReference,
        run: () => client.remittances.credit(input),
        executions: () => bench.simulator.state.debitCount(input.partnerReference),
      });
    });
  }
});
