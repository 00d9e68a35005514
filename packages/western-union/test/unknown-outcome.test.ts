import { OutcomeUnknownError } from '@wirebridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WesternUnionClient, WesternUnionError } from '../src/index.js';
import {
  cashQuoteInput,
  clientOptions,
  type Harness,
  startHarness,
  successTimeoutMs,
} from './support/harness.js';

// A short store timeout only where the test provokes one; the simulator holds the reply far longer.
const provokedTimeoutMs = 300;
let harness: Harness;
beforeEach(async () => {
  // Generous timeouts for every success path; the store timeout is shortened per call where a delay is provoked.
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const storeExecutions = (mtcn: string) =>
  harness.simulator.state
    .executions()
    .filter((execution) => execution.service === 'store' && execution.mtcn === mtcn);
const storeRequests = () =>
  harness.simulator.state.requests().filter((request) => request.service === 'store');

async function quote() {
  return harness.client.transfers.quote(cashQuoteInput());
}

describe('send (unsafe): a lost store reply is resolved through PayStatus, never re-sent (spec §2.1)', () => {
  it.each([
    ['a delay past the timeout after committing', { kind: 'delay', commit: true, delayMs: 3_000 }],
    ['a reset after committing', { kind: 'reset', commit: true }],
    ['a reset half-way through the reply', { kind: 'reset', commit: true, midResponse: true }],
    ['a truncated reply', { kind: 'malformed' }],
    ['a reply with a <__proto__> element', { kind: 'proto' }],
  ] as const)('resolves %s as sent, with one store execution', async (_name, fault) => {
    const quoted = await quote();
    harness.simulator.inject({ operation: 'store', ...fault });
    const transfer = await harness.client.transfers.send(
      { commitToken: quoted.commitToken },
      { timeoutMs: fault.kind === 'delay' ? provokedTimeoutMs : successTimeoutMs },
    );
    expect(transfer.resolvedBy).toBe('status');
    expect(transfer.mtcn).toBe(quoted.mtcn);
    expect(transfer.newMtcn).toBe(quoted.newMtcn);
    expect(transfer.sendAmount).toEqual(quoted.sendAmount);
    expect(storeExecutions(quoted.mtcn)).toHaveLength(1);
    expect(storeRequests()).toHaveLength(1);
  });

  it('resolves a store answered by HTTP 503 (HTML) through PayStatus and does not store twice', async () => {
    const quoted = await quote();
    harness.simulator.inject({ operation: 'store', kind: 'http503' });
    // The 503 came before the store executed: PayStatus finds nothing on every attempt.
    const error = await harness.client.transfers
      .send({ commitToken: quoted.commitToken })
      .catch((failure) => failure);
    expect(error).toBeInstanceOf(WesternUnionError);
    expect(error.category).toBe('not_found');
    expect(error.vendorCode).toBe('NO_MATCH');
    expect(storeRequests()).toHaveLength(1);
    expect(storeExecutions(quoted.mtcn)).toHaveLength(0);
  });

  it('reports not_found NO_MATCH when the connection reset before the store committed', async () => {
    const quoted = await quote();
    harness.simulator.inject({ operation: 'store', kind: 'reset' });
    const error = await harness.client.transfers
      .send({ commitToken: quoted.commitToken })
      .catch((failure) => failure);
    expect(error).toBeInstanceOf(WesternUnionError);
    expect(error).toMatchObject({ category: 'not_found', retryable: false, vendorCode: 'NO_MATCH' });
    const statusCalls = harness.simulator.state.requests().filter((request) => request.service === 'status');
    // "0 matches" is believed only after every resolver attempt (resolve.delaysMs has 3 entries).
    expect(statusCalls).toHaveLength(3);
    expect(storeRequests()).toHaveLength(1);
    expect(storeExecutions(quoted.mtcn)).toHaveLength(0);
  });

  it('an E9256 fault on the store runs the resolver instead of a retry', async () => {
    const quoted = await quote();
    harness.simulator.inject({ operation: 'store', kind: 'fault', code: 'E9256' });
    const error = await harness.client.transfers
      .send({ commitToken: quoted.commitToken })
      .catch((failure) => failure);
    expect(error).toMatchObject({ category: 'not_found', vendorCode: 'NO_MATCH' });
    expect(storeRequests()).toHaveLength(1);
  });

  it('ends in OutcomeUnknownError carrying reference, mtcn and newMtcn when PayStatus only faults', async () => {
    const quoted = await quote();
    harness.simulator.inject({ operation: 'store', kind: 'reset', commit: true });
    // Every PayStatus attempt (3 resolver steps × 3 safe retries) answers E9256: inconclusive.
    harness.simulator.inject({ operation: 'status', kind: 'fault', code: 'E9256', times: 9 });
    const error = await harness.client.transfers
      .send({ commitToken: quoted.commitToken })
      .catch((failure) => failure);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reference).toBe(quoted.reference);
    expect(error.details).toMatchObject({ mtcn: quoted.mtcn, newMtcn: quoted.newMtcn });
    expect(error.attempts).toHaveLength(3);
    // A fault is never evidence that nothing was stored: no second store, and the ledger holds exactly one.
    expect(storeRequests()).toHaveLength(1);
    expect(storeExecutions(quoted.mtcn)).toHaveLength(1);
  });

  it("never stores a commit token twice: a repeated send gets WU's T0499 and resolves to the same transfer", async () => {
    const quoted = await quote();
    const first = await harness.client.transfers.send({ commitToken: quoted.commitToken });
    // T0499 is in the "depends on WU" list (unavailable): on a store it is never proof of anything, so PayStatus
    // decides — and finds the one transfer already stored under this MTCN.
    const second = await harness.client.transfers.send({ commitToken: quoted.commitToken });
    expect(first.resolvedBy).toBe('reply');
    expect(second).toMatchObject({ mtcn: quoted.mtcn, newMtcn: quoted.newMtcn, resolvedBy: 'status' });
    expect(storeRequests()).toHaveLength(2);
    expect(storeExecutions(quoted.mtcn)).toHaveLength(1);
  });
});

describe('cancel and refund (unsafe): resolved through PayStatus', () => {
  it('resolves a cancel whose reply was lost after WU cancelled, and cancels exactly once', async () => {
    const quoted = await quote();
    await harness.client.transfers.send({ commitToken: quoted.commitToken });
    harness.simulator.inject({ operation: 'cancel', kind: 'reset', commit: true });
    const result = await harness.client.transfers.cancel({ mtcn: quoted.mtcn });
    expect(result).toMatchObject({ mtcn: quoted.mtcn, status: 'cancelled', resolvedBy: 'status' });
    const transfer = harness.simulator.state.transfers().find((entry) => entry.mtcn === quoted.mtcn);
    expect(transfer?.cancelCount).toBe(1);
    expect(harness.simulator.state.requests().filter((request) => request.service === 'cancel')).toHaveLength(
      1,
    );
  });

  it('reports OutcomeUnknownError for a cancel lost before WU acted, without a second CancelSend', async () => {
    const quoted = await quote();
    await harness.client.transfers.send({ commitToken: quoted.commitToken });
    harness.simulator.inject({ operation: 'cancel', kind: 'reset' });
    const error = await harness.client.transfers.cancel({ mtcn: quoted.mtcn }).catch((failure) => failure);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.reference).toBe(`CN${quoted.mtcn}`);
    expect(harness.simulator.state.requests().filter((request) => request.service === 'cancel')).toHaveLength(
      1,
    );
    expect(harness.simulator.state.transfers().find((entry) => entry.mtcn === quoted.mtcn)?.status).toBe(
      'W/C',
    );
  });

  it('resolves a refund whose reply timed out after WU refunded, and refunds exactly once', async () => {
    const quoted = await quote();
    await harness.client.transfers.send({ commitToken: quoted.commitToken });
    harness.simulator.inject({ operation: 'refund', kind: 'delay', commit: true, delayMs: 3_000 });
    // A client whose refund timeout is short (the provoked delay); Search and PayStatus keep generous ones.
    const impatient = new WesternUnionClient(
      clientOptions(harness.simulator, {
        timeouts: { default: successTimeoutMs, refund: provokedTimeoutMs },
      }),
    );
    const result = await impatient.transfers.refund({ mtcn: quoted.mtcn }).finally(() => impatient.close());
    expect(result).toMatchObject({ mtcn: quoted.mtcn, status: 'refunded', resolvedBy: 'status' });
    const transfer = harness.simulator.state.transfers().find((entry) => entry.mtcn === quoted.mtcn);
    expect(transfer?.refundCount).toBe(1);
    expect(harness.simulator.state.requests().filter((request) => request.service === 'refund')).toHaveLength(
      1,
    );
  });
});
