import {
  createMobileChargeRouter,
  type MobileChargeProvider,
  type MobileChargeRequest,
  OutcomeUnknownError,
} from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { clientFor, prepare, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

/** A second, more expensive provider that approves everything and remembers what it was asked. */
function backupProvider(calls: MobileChargeRequest[]): MobileChargeProvider {
  return {
    provider: 'backup',
    async charge(request) {
      calls.push(request);
      return {
        provider: 'backup',
        orderId: request.orderId,
        providerTransactionId: 'B-1',
        amount: request.amount,
        currency: request.currency,
        state: 'approved',
      };
    },
    async status() {
      return { state: 'not_found' };
    },
  };
}

describe("Billgate behind core's mobile-charge router", () => {
  it('a compensated lost reply (nothing charged) lets the router fail over', async () => {
    simulator.reset();
    const client = clientFor(simulator);
    const calls: MobileChargeRequest[] = [];
    const router = createMobileChargeRouter({
      providers: [
        { provider: client.asMobileChargeProvider(), fee: 1 },
        { provider: backupProvider(calls), fee: 2 },
      ],
    });
    const prepared = prepare(client, simulator);
    simulator.inject('resetAfterRequest', { command: '3000' });
    const result = await router.charge({
      orderId: prepared.orderId,
      amount: 1000,
      currency: 'KRW',
      authorization: prepared.authorization,
    });
    expect(result.provider).toBe('backup');
    expect(calls).toHaveLength(1);
    expect(simulator.ledger.map((entry) => entry.effect)).toEqual(['approve', 'reverse']);
    await client.close();
  });

  it('an unknown outcome is never failed over (double-charge risk)', async () => {
    simulator.reset();
    const client = clientFor(simulator);
    const calls: MobileChargeRequest[] = [];
    const router = createMobileChargeRouter({
      providers: [
        { provider: client.asMobileChargeProvider(), fee: 1 },
        { provider: backupProvider(calls), fee: 2 },
      ],
    });
    const prepared = prepare(client, simulator);
    simulator.inject('resetAfterRequest', { command: '3000' });
    simulator.inject('resetAfterRequest', { command: '9100', times: 3 });
    await expect(
      router.charge({
        orderId: prepared.orderId,
        amount: 1000,
        currency: 'KRW',
        authorization: prepared.authorization,
      }),
    ).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(calls).toEqual([]);
    await client.close();
  });
});
