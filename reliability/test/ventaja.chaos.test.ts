// Ventaja (HTTPS JSON, RSA-SHA1 header): bills.pay and eload.topup (keyed on agentRefNo) under faults.
import { type FaultProxy, startFaultProxy } from '@wirebridge/core/testing';
import type { VentajaClient } from '@wirebridge/ventaja';
import type { VentajaSimulator, VentajaSimulatorFault } from '@wirebridge/ventaja/testing';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { checkMoneyCase, checkUnderProxyFault, type ProxyFaultEntry } from './support/money.js';
import { c15Bill, startPair } from './support/ventaja.js';

const VENDOR = 'ventaja';
let simulator: VentajaSimulator;
let client: VentajaClient;
let proxiedClient: () => VentajaClient;
const perCase: VentajaClient[] = [];
let closePair: () => Promise<void>;
let proxy: FaultProxy;

const throughProxy = (url: string) => {
  const parsed = new URL(url);
  parsed.host = `${proxy.host}:${proxy.port}`;
  return parsed.toString().replace(/\/$/, '');
};

beforeAll(async () => {
  ({
    simulator,
    client,
    close: closePair,
  } = await startPair({}, { timeouts: { default: 10_000, billsProcess: 300, eloadTopup: 300 } }));
  const url = new URL(simulator.billsUrl);
  proxy = await startFaultProxy({ target: { host: url.hostname, port: Number(url.port) } });
  const { VentajaClient: Client } = await import('@wirebridge/ventaja');
  const { clientOptionsFor, testKeyPair } = await import('./support/ventaja.js');
  proxiedClient = () => {
    const created = new Client(
      clientOptionsFor(simulator, {
        hosts: { bills: throughProxy(simulator.billsUrl), eload: throughProxy(simulator.eloadUrl) },
        signing: { privateKeyPem: testKeyPair().privateKeyPem },
        timeouts: { default: 300, billsProcess: 300, eloadTopup: 300 },
      }),
    );
    perCase.push(created);
    return created;
  };
});
afterEach(async () => {
  proxy.clearFaults();
  await Promise.all(perCase.splice(0).map((each) => each.close()));
});
afterAll(async () => {
  await closePair();
  await proxy.close();
});

let serial = 0;
type Op = 'bills.pay' | 'eload.topup';
function prepare(op: Op, through: VentajaClient) {
  const reference = `WBCHAOS${op === 'bills.pay' ? 'P' : 'T'}${String(++serial).padStart(5, '0')}`;
  return {
    reference,
    call: () =>
      op === 'bills.pay'
        ? through.bills.pay(c15Bill(reference))
        : through.eload.topup({
            msisdn: '+639171234567',
            productCode: 'GLOBE100',
            amount: { amount: 10_000, currency: 'PHP' },
            agentRefNo: reference,
          }),
    executions: () => simulator.state.transactions().filter((entry) => entry.agentRefNo === reference).length,
  };
}
const pathOf: Record<Op, string> = { 'bills.pay': '/process', 'eload.topup': '/topup-request' };

const simulatorFaults: Array<Omit<VentajaSimulatorFault, 'path'>> = [
  { kind: 'delay', ms: 900, commit: true },
  { kind: 'delay', ms: 900, commit: false },
  { kind: 'reset', commit: true },
  { kind: 'reset', commit: false },
  { kind: 'reset', commit: true, midResponse: true },
  { kind: 'http500', commit: true },
  { kind: 'http500', commit: false },
  { kind: 'malformed', commit: true },
  { kind: 'badSignature' },
  { kind: 'telcoDown' },
  { kind: 'code', code: 999, commit: true },
  { kind: 'reset', commit: true, times: 3 },
];
const label = (fault: Omit<VentajaSimulatorFault, 'path'>) =>
  `${fault.kind}${fault.code ? ` ${fault.code}` : ''}${fault.midResponse ? ' mid-response' : ''}${
    fault.commit === undefined ? '' : fault.commit ? ', after commit' : ', before commit'
  }${fault.times ? ` ×${fault.times}` : ''}`;

const proxyFaults: ProxyFaultEntry[] = [
  { name: 'proxy: reset with no byte of the answer', fault: { kind: 'reset', afterBytes: 0 } },
  { name: 'proxy: reset mid-response (60 bytes)', fault: { kind: 'reset', afterBytes: 60 } },
  { name: 'proxy: partial writes of 24 bytes', fault: { kind: 'partial-write', bytes: 24, pauseMs: 0 } },
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

for (const op of ['bills.pay', 'eload.topup'] as const) {
  describe(`ventaja: ${op}, simulator fault table`, () => {
    for (const fault of simulatorFaults) {
      if (op === 'bills.pay' && fault.kind === 'telcoDown') continue;
      it(label(fault), async () => {
        const prepared = prepare(op, client);
        simulator.inject({ path: pathOf[op], ...fault } as VentajaSimulatorFault);
        await checkMoneyCase({
          vendor: VENDOR,
          operation: op,
          fault: label(fault),
          faults: fault.times ?? 1,
          reference: prepared.reference,
          run: prepared.call,
          executions: prepared.executions,
          settleMs: fault.kind === 'delay' ? 1_000 : 0,
        });
      });
    }
  });

  describe(`ventaja: ${op}, fault proxy table`, () => {
    for (const entry of proxyFaults) {
      it(entry.name, async () => {
        const prepared = prepare(op, proxiedClient());
        await checkUnderProxyFault(proxy, entry, {
          vendor: VENDOR,
          operation: op,
          reference: prepared.reference,
          run: prepared.call,
          executions: prepared.executions,
        });
      });
    }
  });
}
