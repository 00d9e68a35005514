import { OutcomeUnknownError, ProtocolError } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { KiccClient } from '../src/index.js';
import { startKiccSimulator } from '../src/testing/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';

const paths = {
  issue: '/api/trades/approval/virtualAccount',
  approval: '/api/ep9/trades/approval',
  webpay: '/api/ep9/trades/webpay',
  revise: '/api/trades/revise',
  retrieve: '/api/trades/retrieveTransaction',
  inquiry: '/api/trades/retrieveVirtualAccount',
};

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function requestsTo(path: string) {
  return harness!.simulator.requests().filter((request) => request.path === path);
}

describe('keyed calls: the simulator executes, the reply is lost, the client reports exactly one outcome', () => {
  it('issue: reset-before-response → the resolver returns the VA; the simulator holds exactly one VA for the order', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'reset-before-response' } });
    const input = issueInput();
    const account = await harness.client.virtualAccounts.issue(input, { idempotencyKey: 'vai-lost-reply-1' });
    expect(account).toMatchObject({ orderNumber: input.orderNumber, integrity: 'confirmed_by_inquiry' });
    const held = harness.simulator.accounts().filter((each) => each.orderNumber === input.orderNumber);
    expect(held).toHaveLength(1);
    expect(held[0]?.transactionId).toBe(account.transactionId);
    expect(harness.simulator.executions()).toHaveLength(1);
    expect(requestsTo(paths.issue)).toHaveLength(1);
    expect(requestsTo(paths.retrieve)[0]?.body).toMatchObject({
      shopTransactionId: 'vai-lost-reply-1',
      transactionDate: '20250301',
    });
  });

  it('issue: reset-before-processing → not found on the last inquiry → one resend with the same shopTransactionId → one VA', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'reset-before-processing' } });
    const input = issueInput();
    const account = await harness.client.virtualAccounts.issue(input);
    const sent = requestsTo(paths.issue).map(
      (request) => (request.body as { shopTransactionId: string }).shopTransactionId,
    );
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    // Three inquiries (1, 2, 4 s by default; shortened here) before concluding "never executed".
    expect(requestsTo(paths.retrieve)).toHaveLength(3);
    expect(harness.simulator.accounts().map((each) => each.transactionId)).toEqual([account.transactionId]);
    expect(account.integrity).toBe('verified');
  });

  it('issue: no resend once the clock crossed KST midnight; the call ends in OutcomeUnknownError with the reference', async () => {
    const beforeMidnight = new Date('2025-03-01T14:59:59Z'); // 23:59:59 KST
    const afterMidnight = new Date('2025-03-01T15:00:01Z'); // 00:00:01 KST next day
    // The clock turns to the next KST day as soon as the simulator has seen the (lost) issue request.
    let simulator: Awaited<ReturnType<typeof startKiccSimulator>> | undefined;
    const clock = () => ((simulator?.requests().length ?? 0) > 0 ? afterMidnight : beforeMidnight);
    simulator = await startKiccSimulator({ clock });
    const client = new KiccClient({ ...simulator.clientOptions(), clock, resolverDelaysMs: [0, 5, 5] });
    simulator.inject({ match: { path: paths.issue }, fault: { kind: 'reset-before-processing' } });
    try {
      const error = await client.virtualAccounts
        .issue(issueInput({ expiresAt: new Date('2025-03-05T00:00:00Z') }), {
          idempotencyKey: 'vai-midnight-1',
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error).toMatchObject({
        reference: 'vai-midnight-1',
        operation: 'kicc.virtualAccounts.issue',
        details: { transactionDate: '20250301' },
      });
      expect(simulator.requests().filter((request) => request.path === paths.issue)).toHaveLength(1);
      // The inquiries asked for the day of the first attempt, which is "yesterday" for KICC by then.
      expect(
        simulator
          .requests()
          .filter((request) => request.path === paths.retrieve)
          .at(-1)?.body,
      ).toMatchObject({
        transactionDate: '20250301',
      });
      expect(simulator.accounts()).toHaveLength(0);
    } finally {
      await client.close();
      await simulator.close();
    }
  });

  it('issue: every inquiry fails → OutcomeUnknownError carrying the reference, and never a second issue', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'reset-before-response' } });
    harness.simulator.inject({
      match: { path: paths.retrieve },
      times: 20,
      fault: { kind: 'http-status', status: 500 },
    });
    const error = await harness.client.virtualAccounts
      .issue(issueInput(), { idempotencyKey: 'vai-unknown-1' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reference).toBe('vai-unknown-1');
    expect(requestsTo(paths.issue)).toHaveLength(1);
    expect(harness.simulator.executions()).toHaveLength(1);
  });

  it('issue: a 5xx after the request was written is resolved, then resent with the same key (keyed retry)', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'http-status', status: 503 } });
    await harness.client.virtualAccounts.issue(issueInput(), { idempotencyKey: 'vai-503-1' });
    const keys = requestsTo(paths.issue).map(
      (request) => (request.body as { shopTransactionId: string }).shopTransactionId,
    );
    expect(keys).toEqual(['vai-503-1', 'vai-503-1']);
    expect(harness.simulator.accounts()).toHaveLength(1);
  });

  it('issue: a truncated JSON body after execution is resolved by inquiry, one VA', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'malformed-body' } });
    const account = await harness.client.virtualAccounts.issue(issueInput());
    expect(account.integrity).toBe('confirmed_by_inquiry');
    expect(harness.simulator.accounts()).toHaveLength(1);
  });

  it('issue: reset-mid-response after execution is resolved by inquiry, one VA', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'reset-mid-response' } });
    const account = await harness.client.virtualAccounts.issue(issueInput());
    expect(account.integrity).toBe('confirmed_by_inquiry');
    expect(harness.simulator.executions()).toHaveLength(1);
  });

  it('issue: a caller repeating the call with the same key (after its own crash) gets the original VA, not a second one', async () => {
    harness = await startHarness();
    const input = issueInput();
    const first = await harness.client.virtualAccounts.issue(input, { idempotencyKey: 'vai-repeat-1' });
    const again = await harness.newClient().virtualAccounts.issue(input, { idempotencyKey: 'vai-repeat-1' });
    // KICC answers R101 (key already used today); the resolver reads the original through retrieveTransaction.
    expect(again.transactionId).toBe(first.transactionId);
    expect(again.integrity).toBe('confirmed_by_inquiry');
    expect(harness.simulator.accounts()).toHaveLength(1);
  });

  it('issue: the same key reused for another order is refused, never mistaken for success', async () => {
    harness = await startHarness();
    await harness.client.virtualAccounts.issue(issueInput(), { idempotencyKey: 'vai-reused-1' });
    const error = await harness.client.virtualAccounts
      .issue(issueInput(), { idempotencyKey: 'vai-reused-1' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(harness.simulator.accounts()).toHaveLength(1);
  });

  it('approve: reset-before-response → resolved by inquiry, exactly one approval executed', async () => {
    harness = await startHarness();
    await harness.client.virtualAccounts.createPaymentWindow({
      orderNumber: 'WIN-LOST-1',
      amount: 70_000,
      currency: 'KRW',
      returnUrl: 'https://merchant.example/return',
      device: 'mobile',
      itemName: 'deposit',
    });
    const { authorizationId } = await harness.simulator.completeAuthorization('WIN-LOST-1');
    harness.simulator.inject({ match: { path: paths.approval }, fault: { kind: 'reset-before-response' } });
    const account = await harness.client.virtualAccounts.approve({
      orderNumber: 'WIN-LOST-1',
      authorizationId,
    });
    expect(account).toMatchObject({
      orderNumber: 'WIN-LOST-1',
      amount: 70_000,
      integrity: 'confirmed_by_inquiry',
    });
    expect(harness.simulator.executions().filter((each) => each.operation === 'approval')).toHaveLength(1);
  });

  it('cancel: reset-before-response → re-query with refundQueryFlag=Y finds it; exactly one cancel', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput());
    harness.simulator.inject({ match: { path: paths.revise }, fault: { kind: 'reset-before-response' } });
    const cancellation = await harness.client.virtualAccounts.cancel({
      transactionId: account.transactionId,
    });
    expect(cancellation.transactionId).toBe(account.transactionId);
    expect(harness.simulator.accounts()[0]).toMatchObject({ state: 'cancelled', cancelCount: 1 });
    const revises = requestsTo(paths.revise).map((request) => request.body as Record<string, unknown>);
    expect(revises).toHaveLength(2);
    expect(revises[1]).toMatchObject({
      refundQueryFlag: 'Y',
      shopTransactionId: revises[0]?.shopTransactionId,
    });
  });

  it('cancel: reset-before-processing → not found → one resend with the same key → one cancel', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput());
    harness.simulator.inject({ match: { path: paths.revise }, fault: { kind: 'reset-before-processing' } });
    await harness.client.virtualAccounts.cancel({
      transactionId: account.transactionId,
      idempotencyKey: 'cnl-rbp-1',
    });
    const plainRevises = requestsTo(paths.revise).filter(
      (request) => (request.body as { refundQueryFlag?: string }).refundQueryFlag !== 'Y',
    );
    expect(
      plainRevises.map((request) => (request.body as { shopTransactionId: string }).shopTransactionId),
    ).toEqual(['cnl-rbp-1', 'cnl-rbp-1']);
    expect(harness.simulator.accounts()[0]?.cancelCount).toBe(1);
  });

  it('refund: vtim → one resend with refundQueryFlag=Y and the same shopTransactionId, then success; money moved once', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput({ amount: 80_000 }));
    await harness.simulator.deposit({ transactionId: account.transactionId });
    harness.simulator.inject({ match: { path: paths.revise }, fault: { kind: 'vtim' } });
    const refund = await harness.client.virtualAccounts.refund({
      transactionId: account.transactionId,
      mode: 'realtime_verified',
      refundAccount: { bankCode: '004', accountNumber: '12345678901234', holderName: '홍길동' },
    });
    expect(refund.cancelAmount).toBe(80_000);
    const revises = requestsTo(paths.revise).map((request) => request.body as Record<string, unknown>);
    expect(revises).toHaveLength(2);
    expect(revises[0]?.refundQueryFlag).toBeUndefined();
    expect(revises[1]).toMatchObject({
      refundQueryFlag: 'Y',
      shopTransactionId: revises[0]?.shopTransactionId,
    });
    expect(harness.simulator.accounts()[0]?.refundedAmount).toBe(80_000);
    expect(harness.simulator.executions().filter((each) => each.operation === 'refund')).toHaveLength(1);
  });

  it('refund: reset-before-response → resolved; refunded exactly once', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput({ amount: 90_000 }));
    await harness.simulator.deposit({ transactionId: account.transactionId });
    harness.simulator.inject({ match: { path: paths.revise }, fault: { kind: 'reset-before-response' } });
    await harness.client.virtualAccounts.refund({
      transactionId: account.transactionId,
      mode: 'settlement',
      refundAccount: { bankCode: '004', accountNumber: '12345678901234', holderName: '홍길동' },
    });
    expect(harness.simulator.accounts()[0]?.refundedAmount).toBe(90_000);
    expect(harness.simulator.executions().filter((each) => each.operation === 'refund')).toHaveLength(1);
  });

  it('createPaymentWindow: a lost reply is settled by resending the same order (no money moves)', async () => {
    harness = await startHarness();
    harness.simulator.inject({ match: { path: paths.webpay }, fault: { kind: 'reset-before-response' } });
    const window = await harness.client.virtualAccounts.createPaymentWindow({
      orderNumber: 'WIN-RESEND-1',
      amount: 10_000,
      currency: 'KRW',
      returnUrl: 'https://merchant.example/return',
      device: 'pc',
      itemName: 'deposit',
    });
    const sent = requestsTo(paths.webpay).map(
      (request) => (request.body as { shopOrderNo: string }).shopOrderNo,
    );
    expect(sent).toEqual(['WIN-RESEND-1', 'WIN-RESEND-1']);
    expect(window.paymentWindowUrl).toContain('/sim/auth/');
  });
});

describe('safe calls are retried', () => {
  it('get: a reset reply is retried and succeeds', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput());
    harness.simulator.inject({ match: { path: paths.inquiry }, fault: { kind: 'reset-before-response' } });
    const fetched = await harness.client.virtualAccounts.get({ transactionId: account.transactionId });
    expect(fetched.transactionId).toBe(account.transactionId);
    expect(requestsTo(paths.inquiry)).toHaveLength(2);
  });

  it('retrieve: a malformed body is retried; after every attempt fails it is a ProtocolError', async () => {
    harness = await startHarness();
    harness.simulator.inject({
      match: { path: paths.retrieve },
      times: 3,
      fault: { kind: 'malformed-body' },
    });
    const error = await harness.client.transactions
      .retrieve({ idempotencyKey: 'nothing-here', transactionDate: harness.clock.now() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(requestsTo(paths.retrieve)).toHaveLength(3);
  });
});

describe('timeouts (spec §3): 30 s for approval, revise and the Modelled issue; the default for the rest', () => {
  it('a slow issue and cancel succeed while a slow inquiry times out under a 200 ms default', async () => {
    harness = await startHarness({ client: { timeouts: { defaultMs: 200 } } });
    harness.simulator.inject({ match: { path: paths.issue }, fault: { kind: 'delay', ms: 600 } });
    const account = await harness.client.virtualAccounts.issue(issueInput());
    expect(account.integrity).toBe('verified');
    harness.simulator.inject({ match: { path: paths.revise }, fault: { kind: 'delay', ms: 600 } });
    await harness.client.virtualAccounts.cancel({ transactionId: account.transactionId });
    harness.simulator.inject({ match: { path: paths.inquiry }, times: 3, fault: { kind: 'delay', ms: 600 } });
    const error = await harness.client.virtualAccounts
      .get({ transactionId: account.transactionId })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(requestsTo(paths.revise)).toHaveLength(1);
  });
});
