// Billgate (raw TCP, SEED-CBC): charge (3000, compensated by 9100) and cancel (9000) under faults (issue 13).
// "Executions" are net money movements in the simulator's ledger: an approval reversed by 9100 counts 0.
import type { BillgateClient } from '@wirebridge/billgate';
import type { BillgateSimulator, BillgateSimulatorFault } from '@wirebridge/billgate/testing';
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { billgateClientFor, prepareBillgate, startBillgate } from './support/billgate.js';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';

const VENDOR = 'billgate';
let simulator: BillgateSimulator;
let proxy: FaultProxy;
const clients: BillgateClient[] = [];
const newClient = (viaProxy = false) => {
  const client = billgateClientFor(simulator, {
    ...(viaProxy ? { proxy, timeouts: { connectMs: 500, moneyMs: 400, queryMs: 400 } } : {}),
  });
  clients.push(client);
  return client;
};

beforeAll(async () => {
  simulator = await startBillgate();
  proxy = await startFaultProxy({ target: { host: simulator.host, port: simulator.port } });
});
afterEach(async () => {
  proxy.clearFaults();
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await proxy.close();
  await simulator.close();
});

const netCharges = (orderId: string) =>
  simulator.ledger.reduce((sum, entry) => {
    if (entry.orderId !== orderId) return sum;
    if (entry.effect === 'approve') return sum + 1;
    if (entry.effect === 'reverse') return sum - 1;
    return sum;
  }, 0);
const cancels = (orderId: string) =>
  simulator.ledger.filter((entry) => entry.orderId === orderId && entry.command === '9000').length;
const approvals = (orderId: string) =>
  simulator.ledger.filter((entry) => entry.orderId === orderId && entry.effect === 'approve').length;

type Op = 'charge' | 'cancel';
async function prepare(op: Op, viaProxy: boolean) {
  const setup = newClient();
  const client = newClient(viaProxy);
  const prepared = prepareBillgate(setup, simulator);
  if (op === 'charge') {
    return {
      references: [prepared.transactionId, prepared.orderId],
      call: (timeoutMs?: number) => client.mobile.charge(prepared, timeoutMs ? { timeoutMs } : {}),
      executions: () => {
        // Never two approvals of one order, whatever the compensation did.
        expect(approvals(prepared.orderId)).toBeLessThanOrEqual(1);
        return netCharges(prepared.orderId);
      },
    };
  }
  await setup.mobile.charge(prepared);
  return {
    references: [prepared.transactionId, prepared.orderId],
    call: (timeoutMs?: number) =>
      client.mobile.cancel(
        {
          orderId: prepared.orderId,
          orderDate: prepared.orderDate,
          transactionId: prepared.transactionId,
          currency: 'KRW',
        },
        timeoutMs ? { timeoutMs } : {},
      ),
    executions: () => cancels(prepared.orderId),
  };
}

const simulatorFaults: Array<{
  fault: BillgateSimulatorFault;
  value?: unknown;
  timeoutMs?: number;
  times?: number;
}> = [
  { fault: 'resetAfterRequest' },
  { fault: 'resetMidResponse' },
  { fault: 'badLength' },
  { fault: 'wrongLength' },
  { fault: 'badBase64' },
  { fault: 'badPadding' },
  { fault: 'wrongKey' },
  { fault: 'mismatchedHeader' },
  { fault: 'partialWrite', value: 3 },
  { fault: 'delay', value: 1_000, timeoutMs: 300 },
  { fault: 'slowAccept', value: 1_000, timeoutMs: 300 },
  { fault: 'code', value: { code: 'B902' } },
  { fault: 'resetAfterRequest', times: 4 },
];

const proxyFaults: ProxyFaultEntry[] = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-frame (10 bytes)', fault: { kind: 'reset', afterBytes: 10 } },
  { name: 'proxy: partial writes of 5 bytes', fault: { kind: 'partial-write', bytes: 5, pauseMs: 1 } },
  { name: 'proxy: garbage answer', fault: { kind: 'garbage', direction: 'to-client' } },
  {
    name: 'proxy: slow drip of the answer (1 byte every 3 ms), then the network heals',
    fault: { kind: 'partial-write', bytes: 1, pauseMs: 3, direction: 'to-client' },
    clearAfterMs: 400,
  },
  // The partition heals after the first attempt gave up, so the compensation can reach the vendor.
  { name: 'proxy: black hole, then the network heals', fault: { kind: 'black-hole' }, clearAfterMs: 300 },
  {
    name: 'proxy: slow answer',
    fault: { kind: 'latency', ms: 600, direction: 'to-client' },
    clearAfterMs: 700,
  },
  {
    name: 'proxy: slow request (arrives after the client gave up)',
    fault: { kind: 'latency', ms: 600, direction: 'to-target' },
    clearAfterMs: 700,
    settleMs: 800,
  },
];

describe('billgate: simulator fault table', () => {
  for (const op of ['charge', 'cancel'] as const) {
    const command = op === 'charge' ? '3000' : '9000';
    for (const entry of simulatorFaults) {
      const name = `${entry.fault}${entry.times ? ` ×${entry.times}` : ''}`;
      it(`${op} — ${name}`, async () => {
        const prepared = await prepare(op, false);
        simulator.inject(entry.fault, {
          times: entry.times ?? 1,
          // Repeated resets hit the compensation (9100) too.
          ...(entry.times ? {} : { command }),
          ...(entry.value === undefined ? {} : { value: entry.value }),
        });
        await checkMoneyCase({
          vendor: VENDOR,
          operation: `mobile.${op}`,
          fault: name,
          faults: entry.times ?? 1,
          reference: (error) => prepared.references.includes(error.reference ?? ''),
          run: () => prepared.call(entry.timeoutMs),
          executions: prepared.executions,
          settleMs: entry.timeoutMs ? 1_100 : 0,
        });
      });
    }
  }
});

describe('billgate: fault proxy table', () => {
  for (const op of ['charge', 'cancel'] as const) {
    for (const entry of proxyFaults) {
      it(`${op} — ${entry.name}`, async () => {
        const prepared = await prepare(op, true);
        await checkUnderProxyFault(proxy, entry, {
          vendor: VENDOR,
          operation: `mobile.${op}`,
          reference: (error) => prepared.references.includes(error.reference ?? ''),
          run: () => prepared.call(),
          executions: prepared.executions,
        });
      });
    }
  }
});
