import { OutcomeUnknownError, TransportError, ValidationError } from '@wirebridge/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BillgateClient, BillgateError, BillgateOutcomeUnknownError } from '../../src/index.js';
import type { BillgateSimulator } from '../../src/testing/index.js';
import { clientFor, ORDER_DATE, prepare, startSimulator } from '../support.js';

let simulator: BillgateSimulator;
let client: BillgateClient;

beforeAll(async () => {
  simulator = await startSimulator();
});
beforeEach(() => {
  client = clientFor(simulator);
});
afterEach(async () => {
  await client.close();
  simulator.reset();
});
afterAll(async () => {
  await simulator.close();
});

const commands = () => simulator.received.map((message) => message.command);

describe('mobile.charge (3000, unsafe)', () => {
  it('approves a prepared payment once over the wire', async () => {
    const prepared = prepare(client, simulator, 1000);
    const approval = await client.mobile.charge(prepared);
    expect(approval).toMatchObject({
      orderId: prepared.orderId,
      transactionId: prepared.transactionId,
      amount: 1000,
      currency: 'KRW',
      mobileNumber: '01012345678',
    });
    expect(approval.approvedAt.toISOString()).toBe(ORDER_DATE.toISOString());
    expect(simulator.ledger).toEqual([
      expect.objectContaining({
        command: '3000',
        effect: 'approve',
        transactionId: prepared.transactionId,
        amount: 1000,
      }),
    ]);
  });

  it('sends the window MESSAGE byte for byte (re-encryption of the unmodified opaque)', async () => {
    const prepared = prepare(client, simulator, 2500);
    await client.mobile.charge(prepared);
    const sent = simulator.received[0]!;
    expect(sent.command).toBe('3000');
    expect(sent.tags.map(([tag]) => tag)).toEqual(['1001', '0012', '0007', '0059', '0004']);
    expect(sent.tags.find(([tag]) => tag === '0004')?.[1]).toEqual(['충전2500']);
  });

  it('a second charge of the same order returns the recorded approval without sending', async () => {
    const prepared = prepare(client, simulator);
    const first = await client.mobile.charge(prepared);
    const second = await client.mobile.charge(prepared);
    expect(second).toEqual(first);
    expect(commands()).toEqual(['3000']);
  });

  it('reset after the simulator executed: 9100 with the same transaction id, charge reversed, compensated error', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('resetAfterRequest', { command: '3000' });
    const error = await client.mobile.charge(prepared).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BillgateError);
    expect(error).toMatchObject({
      category: 'unavailable',
      retryable: true,
      vendorCode: '0920',
      detailCode: '02',
      compensated: true,
    });
    expect(commands()).toEqual(['3000', '9100']);
    expect(simulator.received[1]!.tags).toEqual([['1001', [prepared.transactionId]]]);
    expect(simulator.received[1]!.orderId).toBe(prepared.orderId);
    expect(simulator.ledger.map((entry) => entry.effect)).toEqual(['approve', 'reverse']);
    expect(simulator.state.transactions.get(prepared.transactionId)?.state).toBe('reversed');
  });

  it('times out after execution (delay past the deadline): exactly one approval, reversed', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('delay', { command: '3000', value: 5_000 });
    const error = await client.mobile.charge(prepared, { timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ compensated: true });
    expect(simulator.ledger.filter((entry) => entry.effect === 'approve')).toHaveLength(1);
    expect(simulator.ledger.at(-1)?.effect).toBe('reverse');
  });

  it.each([
    ['resetMidResponse'],
    ['badLength'],
    ['wrongLength'],
    ['badBase64'],
    ['badPadding'],
    ['wrongKey'],
    ['mismatchedHeader'],
  ] as const)('an unreadable reply (%s) after execution is compensated, never re-sent', async (fault) => {
    const prepared = prepare(client, simulator);
    simulator.inject(fault, { command: '3000' });
    const error = await client.mobile.charge(prepared).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ compensated: true });
    expect(commands().filter((command) => command === '3000')).toHaveLength(1);
    expect(simulator.ledger.map((entry) => entry.effect)).toEqual(['approve', 'reverse']);
  });

  it('slow accept (nothing executed): 9100 answers B101, still settled as not charged', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('slowAccept', { command: '3000', value: 3_000 });
    const error = await client.mobile.charge(prepared, { timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ compensated: true });
    expect(simulator.ledger).toEqual([]);
  });

  it('every 9100 failing ⇒ OutcomeUnknownError carrying the pending cancel; one approval in the ledger', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('resetAfterRequest', { command: '3000' });
    simulator.inject('resetAfterRequest', { command: '9100', times: 3 });
    const error = await client.mobile.charge(prepared).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toBeInstanceOf(BillgateOutcomeUnknownError);
    expect((error as BillgateOutcomeUnknownError).pendingCompensation).toEqual({
      command: '9100',
      orderId: prepared.orderId,
      orderDate: '20240101120000',
      transactionId: prepared.transactionId,
    });
    expect((error as OutcomeUnknownError).reference).toBe(prepared.transactionId);
    expect(commands()).toEqual(['3000', '9100', '9100', '9100']);
    // The simulator reversed on each 9100 it read; only the first could: one approval, one reversal at most.
    expect(simulator.ledger.filter((entry) => entry.effect === 'approve')).toHaveLength(1);
    // A repeated charge of that order does not send 3000 again.
    await expect(client.mobile.charge(prepared)).rejects.toBeInstanceOf(BillgateOutcomeUnknownError);
    expect(commands().filter((command) => command === '3000')).toHaveLength(1);
  });

  it('a decline (B202) is a BillgateError, no compensation', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('code', { command: '3000', value: { code: 'B202', detailCode: '12' } });
    const error = await client.mobile.charge(prepared).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      category: 'declined',
      retryable: false,
      vendorCode: 'B202',
      detailCode: '12',
      compensated: false,
    });
    expect(commands()).toEqual(['3000']);
  });

  it('B902 (in progress) ⇒ OutcomeUnknownError, never a second 3000', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('code', { command: '3000', value: { code: 'B902' } });
    await expect(client.mobile.charge(prepared)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(commands()).toEqual(['3000']);
  });

  it('1007 ≠ amount ⇒ the approval is reversed and AMOUNT_MISMATCH is thrown', async () => {
    const prepared = prepare(client, simulator, 1000);
    simulator.inject('authAmount', { command: '3000', value: 100 });
    const error = await client.mobile.charge(prepared).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      category: 'invalid_request',
      vendorCode: 'AMOUNT_MISMATCH',
      compensated: true,
    });
    expect(simulator.ledger.map((entry) => entry.effect)).toEqual(['approve', 'reverse']);
  });

  it('connect refused on the primary host: the backup host is tried once, no unknown outcome', async () => {
    const prepared = prepare(client, simulator);
    simulator.inject('refuseConnect', { times: 1 });
    const approval = await client.mobile.charge(prepared);
    expect(approval.amount).toBe(1000);
    expect(commands()).toEqual(['3000']);
  });

  it('both hosts refuse: TransportError (retryable), nothing charged, the order may be tried again', async () => {
    const dead = clientFor(simulator, { environment: { host: '127.0.0.3', backupHost: '127.0.0.4' } });
    const prepared = prepare(dead, simulator);
    const error = await dead.mobile.charge(prepared).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).retryable).toBe(true);
    expect(simulator.received).toEqual([]);
    await dead.close();
    // The claim was released: the same order goes through on a working client.
    const approval = await client.mobile.charge(prepared);
    expect(approval.transactionId).toBe(prepared.transactionId);
  });

  it('statusThenCancel: a lost reply is resolved by 5000 as approved (no reversal)', async () => {
    const resolving = clientFor(simulator, {
      unknownOutcome: { strategy: 'statusThenCancel', backoffMs: [10, 10] },
    });
    const prepared = prepare(resolving, simulator);
    simulator.inject('resetAfterRequest', { command: '3000' });
    const approval = await resolving.mobile.charge(prepared);
    expect(approval).toMatchObject({ transactionId: prepared.transactionId, amount: 1000 });
    expect(commands()).toEqual(['3000', '5000']);
    expect(simulator.ledger.map((entry) => entry.effect)).toEqual(['approve']);
    await resolving.close();
  });

  it('statusThenCancel: nothing executed ⇒ 5000 not found ⇒ declined, no 9100', async () => {
    const resolving = clientFor(simulator, {
      unknownOutcome: { strategy: 'statusThenCancel', backoffMs: [10, 10] },
    });
    const prepared = prepare(resolving, simulator);
    simulator.inject('slowAccept', { command: '3000', value: 3_000 });
    const error = await resolving.mobile
      .charge(prepared, { timeoutMs: 300 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ category: 'declined' });
    expect(commands()).toEqual(['3000', '5000']);
    expect(simulator.ledger).toEqual([]);
    await resolving.close();
  });
});

describe('B103 (already approved) from another instance without a shared store', () => {
  it('statusThenCancel returns the existing approval when 5000 confirms the amount; no second approval', async () => {
    const prepared = prepare(client, simulator);
    await client.mobile.charge(prepared);
    const otherInstance = clientFor(simulator, {
      unknownOutcome: { strategy: 'statusThenCancel', backoffMs: [10, 10] },
    });
    const approval = await otherInstance.mobile.charge(prepared);
    expect(approval).toMatchObject({ transactionId: prepared.transactionId, amount: 1000 });
    expect(commands()).toEqual(['3000', '3000', '5000']);
    expect(simulator.ledger.filter((entry) => entry.effect === 'approve')).toHaveLength(1);
    await otherInstance.close();
  });

  it("networkCancel strategy: OutcomeUnknownError, never a reversal of the other instance's approval", async () => {
    const prepared = prepare(client, simulator);
    await client.mobile.charge(prepared);
    const otherInstance = clientFor(simulator);
    await expect(otherInstance.mobile.charge(prepared)).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(commands()).toEqual(['3000', '3000']);
    expect(simulator.ledger.map((entry) => entry.effect)).toEqual(['approve']);
    await otherInstance.close();
  });
});

describe('mobile.charge validation (nothing sent)', () => {
  it.each([
    ['amount', { amount: -5 }],
    ['currency', { currency: 'USD' }],
    ['orderId', { orderId: '' }],
    ['transactionId', { transactionId: '' }],
    ['authorization', { authorization: 'garbage-garbage-garbage-garbage-garbage-garbage' }],
    ['authorization', { amount: 999 }],
    ['authorization', { transactionId: 'TX-OTHER' }],
    ['authorization', { orderDate: new Date('2024-01-02T00:00:00Z') }],
  ] as const)('%s is named and nothing reaches Billgate', async (field, patch) => {
    const prepared = prepare(client, simulator);
    const error = await client.mobile
      .charge({ ...prepared, ...patch } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain(field);
    expect(simulator.received).toEqual([]);
  });
});
