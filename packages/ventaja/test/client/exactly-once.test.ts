import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VentajaClient } from '../../src/index.js';
import type { VentajaSimulator, VentajaSimulatorFault } from '../../src/testing/index.js';
import { c15Bill, startPair } from '../support.js';

// Every fault of spec §9 that loses a money call's reply, with and without the vendor executing it first.
const faults: Omit<VentajaSimulatorFault, 'path'>[] = [
  { kind: 'delay', ms: 2_000, commit: true },
  { kind: 'delay', ms: 2_000, commit: false },
  { kind: 'reset', commit: true },
  { kind: 'reset', commit: false },
  { kind: 'reset', commit: true, midResponse: true },
  { kind: 'http500', commit: true },
  { kind: 'http500', commit: false },
  { kind: 'malformed', commit: true },
  { kind: 'malformed', commit: false },
  { kind: 'code', code: 999, commit: true },
  { kind: 'code', code: 999, commit: false },
];
const label = (fault: Omit<VentajaSimulatorFault, 'path'>) =>
  `${fault.kind}${fault.code ? ` ${fault.code}` : ''}${fault.midResponse ? ' mid-response' : ''}, ${fault.commit ? 'after' : 'before'} commit`;

let simulator: VentajaSimulator;
let client: VentajaClient;
let close: () => Promise<void>;
beforeAll(async () => {
  // One client for all cases, each with a fresh reference: every case ends in a success or a definitive answer,
  // so the client's circuit breaker stays closed between them.
  ({ simulator, client, close } = await startPair(
    {},
    { timeouts: { default: 10_000, billsProcess: 300, eloadTopup: 300 } },
  ));
});
afterAll(async () => {
  await close();
});

const count = (path: string) => simulator.state.requestCount(path);

describe('bills.pay: exactly one execution whatever happens to the reply', () => {
  faults.forEach((fault, index) => {
    it(label(fault), async () => {
      const reference = `WBONCEPAY${String(index).padStart(4, '0')}`;
      const before = count('/process');
      const creditBefore = simulator.state.credit();
      simulator.inject({ path: '/process', ...fault });
      const payment = await client.bills.pay(c15Bill(reference));
      expect(payment.agentRefNo).toBe(reference);
      expect(simulator.state.transactions().filter((entry) => entry.agentRefNo === reference)).toHaveLength(
        1,
      );
      expect(simulator.state.credit()).toBe(creditBefore - 12_050);
      // Executed first → resolved by inquiry, one request; not executed → one keyed re-send of the same bytes.
      expect(count('/process') - before).toBe(fault.commit === false ? 2 : 1);
      expect(payment.resolvedBy).toBe(fault.commit === false ? 'reply' : 'inquiry');
    });
  });
});

describe('eload.topup: never sent twice, whatever happens to the reply', () => {
  faults.forEach((fault, index) => {
    it(label(fault), async () => {
      const reference = `WBONCELOAD${String(index).padStart(4, '0')}`;
      const before = count('/topup-request');
      simulator.inject({ path: '/topup-request', ...fault });
      const outcome = await client.eload
        .topup({
          msisdn: '+639171234567',
          productCode: 'GLOBE100',
          amount: { amount: 10_000, currency: 'PHP' },
          agentRefNo: reference,
        })
        .then(
          (topup) => ({ resolved: topup.status }),
          (error: unknown) => ({ rejected: error }),
        );
      expect(count('/topup-request') - before).toBe(1);
      const executions = simulator.state.transactions().filter((entry) => entry.agentRefNo === reference);
      if (fault.commit === false) {
        expect(executions).toHaveLength(0);
        expect(outcome).toMatchObject({
          rejected: { category: 'not_found', resolution: 'absent-after-window' },
        });
      } else {
        expect(executions).toHaveLength(1);
        expect(outcome).toEqual({ resolved: 'succeeded' });
      }
    });
  });
});
