// Coocon (TCP fixed-width EUC-KR telegrams, SEED-ECB): issue (0100/1000) and terminate (0100/2000) under faults.
import { CooconClient } from '@wirebridge/coocon';
import { type CooconSimulator, startCooconSimulator } from '@wirebridge/coocon/testing';
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';

const VENDOR = 'coocon';
let simulator: CooconSimulator;
let proxy: FaultProxy;
const clients: CooconClient[] = [];

// Copied from packages/coocon/test/support.ts (startHarness), with short deadlines behind the proxy.
const newClient = (viaProxy = false) => {
  const client = new CooconClient({
    institutionCode: 'WB000001',
    relay: viaProxy ? proxy.address : simulator.relay,
    crypto: { key: 'COOCONTEST' },
    resolutionDelaysMs: [0, 20, 50],
    allowList: ['127.0.0.1', '::1'],
    ...(viaProxy ? { timeouts: { connectMs: 500, callMs: 400 } } : {}),
  });
  clients.push(client);
  return client;
};

let referenceSerial = 0;
const issueInput = (merchantReference: string) => ({
  merchantReference,
  holderName: '위브릿지',
  accountType: 'one_time' as const,
  amountRule: 'exact' as const,
  expectedAmount: 150_000,
  currency: 'KRW' as const,
});

beforeAll(async () => {
  simulator = await startCooconSimulator();
  proxy = await startFaultProxy({ target: simulator.relay });
});
afterEach(async () => {
  proxy.clearFaults();
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});

type Op = 'issue' | 'terminate';
async function prepare(op: Op, viaProxy: boolean) {
  const reference = `VA-CHAOS-${++referenceSerial}`;
  const client = newClient(viaProxy);
  const executions = () =>
    simulator.executions.filter((each) => each.operation === op && each.merchantReference === reference)
      .length;
  if (op === 'issue') {
    return {
      references: [reference],
      call: (timeoutMs?: number) =>
        client.virtualAccounts.issue(issueInput(reference), timeoutMs ? { timeoutMs } : {}),
      executions,
    };
  }
  const account = await newClient().virtualAccounts.issue(issueInput(reference));
  return {
    references: [reference, account.virtualAccountNumber],
    call: (timeoutMs?: number) =>
      client.virtualAccounts.terminate(
        { virtualAccountNumber: account.virtualAccountNumber, merchantReference: reference, reason: 'other' },
        timeoutMs ? { timeoutMs } : {},
      ),
    executions,
  };
}

const simulatorFaults: Array<{
  fault: Parameters<CooconSimulator['inject']>[0];
  value?: unknown;
  times?: number;
  timeoutMs?: number;
}> = [
  { fault: 'resetAfterRequest' },
  { fault: 'resetMidResponse' },
  { fault: 'mismatchedEcho' },
  { fault: 'delay', value: 1_000, timeoutMs: 300 },
  { fault: 'code', value: '9999' },
  { fault: 'resetAfterRequest', times: 20 },
];

const proxyFaults: ProxyFaultEntry[] = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-telegram (30 bytes)', fault: { kind: 'reset', afterBytes: 30 } },
  { name: 'proxy: partial writes of 9 bytes', fault: { kind: 'partial-write', bytes: 9, pauseMs: 1 } },
  { name: 'proxy: garbage answer', fault: { kind: 'garbage', direction: 'to-client' } },
  {
    name: 'proxy: slow drip of the answer (1 byte every 3 ms), then the network heals',
    fault: { kind: 'partial-write', bytes: 1, pauseMs: 3, direction: 'to-client' },
    clearAfterMs: 400,
  },
  { name: 'proxy: black hole (never heals)', fault: { kind: 'black-hole' } },
  { name: 'proxy: black hole, then the network heals', fault: { kind: 'black-hole' }, clearAfterMs: 300 },
  {
    name: 'proxy: slow request (arrives after the client gave up)',
    fault: { kind: 'latency', ms: 600, direction: 'to-target' },
    clearAfterMs: 700,
    settleMs: 800,
  },
];

describe('coocon: simulator fault table', () => {
  // The simulator's fault queue cannot be cleared: a fresh simulator per case, so leftovers never leak.
  let shared: CooconSimulator;
  beforeEach(async () => {
    shared = simulator;
    simulator = await startCooconSimulator();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await simulator.close();
    simulator = shared;
  });
  for (const op of ['issue', 'terminate'] as const) {
    for (const entry of simulatorFaults) {
      const name = `${entry.fault}${entry.times ? ` ×${entry.times}` : ''}`;
      it(`${op} — ${name}`, async () => {
        const prepared = await prepare(op, false);
        simulator.inject(entry.fault, {
          times: entry.times ?? 1,
          ...(entry.value === undefined ? {} : { value: entry.value }),
        });
        await checkMoneyCase({
          vendor: VENDOR,
          operation: `virtualAccounts.${op}`,
          fault: name,
          faults: entry.times ?? 1,
          reference: (error) => prepared.references.includes(error.reference ?? ''),
          run: () => prepared.call(entry.timeoutMs),
          executions: prepared.executions,
          settleMs: entry.timeoutMs ? 1_000 : 0,
        });
      });
    }
  }
});

describe('coocon: fault proxy table', () => {
  for (const op of ['issue', 'terminate'] as const) {
    for (const entry of proxyFaults) {
      it(`${op} — ${entry.name}`, async () => {
        const prepared = await prepare(op, true);
        await checkUnderProxyFault(proxy, entry, {
          vendor: VENDOR,
          operation: `virtualAccounts.${op}`,
          reference: (error) => prepared.references.includes(error.reference ?? ''),
          run: () => prepared.call(),
          executions: prepared.executions,
        });
      });
    }
  }
});
