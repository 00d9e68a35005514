import { CircuitOpenError, ValidationError } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CooconEvent } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support.js';

let harness: Harness;
afterEach(async () => harness?.close());

describe('simulator: the bank refuses what it would refuse (spec §9)', () => {
  it('throws instead of pushing a deposit that breaks the amount rule, the one-time rule or the expiry', async () => {
    harness = await startHarness();
    const exact = await harness.client.virtualAccounts.issue(issueInput('SIM-EXACT'));
    await expect(
      harness.simulator.deposit({
        virtualAccountNumber: exact.virtualAccountNumber,
        amount: 149_999,
        depositorName: 'A',
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    const terminated = await harness.client.virtualAccounts.issue(issueInput('SIM-TERM'));
    await harness.client.virtualAccounts.terminate({
      virtualAccountNumber: terminated.virtualAccountNumber,
      merchantReference: 'SIM-TERM',
      reason: 'other',
    });
    await expect(
      harness.simulator.deposit({
        virtualAccountNumber: terminated.virtualAccountNumber,
        amount: 150_000,
        depositorName: 'A',
      }),
    ).rejects.toThrow(/terminated/);
    expect(harness.simulator.deliveries).toHaveLength(0);
  });

  it('refuses an issue whose expiry is in the past (B005) and counts totals on get', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const failure = await harness.client.virtualAccounts
      .issue(issueInput('SIM-PAST', { expiresAt: new Date('2020-01-01T00:00:00Z') }))
      .catch((error) => error);
    expect(failure).toMatchObject({ category: 'invalid_request', vendorCode: 'B005' });
    const account = await harness.client.virtualAccounts.issue(
      issueInput('SIM-TOTALS', { accountType: 'fixed', amountRule: 'up_to', expectedAmount: 100_000 }),
    );
    const receiver = harness.client.notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1'],
      onEvent: async () => {},
    });
    harness.simulator.setPushTarget(await receiver.listen());
    await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 60_000,
      depositorName: 'A',
    });
    await expect(
      harness.simulator.deposit({
        virtualAccountNumber: account.virtualAccountNumber,
        amount: 50_000,
        depositorName: 'B',
      }),
    ).rejects.toThrow(/over the expected amount/);
    await receiver.close();
    const state = await harness.client.virtualAccounts.get({
      virtualAccountNumber: account.virtualAccountNumber,
    });
    expect(state).toMatchObject({ totalDeposited: 60_000, depositCount: 1 });
  });
});

describe('receiver back-pressure and breaker', () => {
  it('closes telegrams unacked beyond maxPending undelivered iterator events', async () => {
    harness = await startHarness({}, { retry: { attempts: 0 } });
    const account = await harness.client.virtualAccounts.issue(
      issueInput('SIM-PENDING', { accountType: 'fixed', amountRule: 'any', expectedAmount: undefined }),
    );
    const receiver = harness.client.notifications.createReceiver({
      port: 0,
      allowList: ['127.0.0.1'],
      maxPending: 1,
      ackTimeoutMs: 100,
    });
    harness.simulator.setPushTarget(await receiver.listen());
    const first = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 1,
      depositorName: 'A',
    });
    const second = await harness.simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 2,
      depositorName: 'B',
    });
    expect([first.acked, second.acked]).toEqual([false, false]);
    const delivered: CooconEvent[] = [];
    for await (const delivery of receiver) {
      delivered.push(delivery.event);
      await delivery.ack();
      break;
    }
    await receiver.close();
    // Only the first was queued; the second was refused outright (Coocon resends it later).
    expect(delivered.map((event) => event.transactionSerial)).toEqual([1]);
  });

  it('fails fast without I/O when the coocon:jeonbuk circuit is isolated', async () => {
    harness = await startHarness();
    await harness.client.breakers.isolate('coocon:jeonbuk');
    const failure = await harness.client.health.ping().catch((error) => error);
    expect(failure).toBeInstanceOf(CircuitOpenError);
    expect(harness.simulator.requests).toHaveLength(0);
  });
});
