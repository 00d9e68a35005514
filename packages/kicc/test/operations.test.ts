import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

describe('virtualAccounts over the wire', () => {
  it('issues a VA through the Modelled endpoint and verifies its msgAuthValue', async () => {
    const input = issueInput();
    const account = await harness.client.virtualAccounts.issue(input);
    expect(account).toMatchObject({
      orderNumber: input.orderNumber,
      amount: 1_500_000,
      currency: 'KRW',
      bankCode: '088',
      status: 'awaiting_deposit',
      vendorStatusCode: 'TS07',
      integrity: 'verified',
    });
    expect(account.transactionId).toMatch(/^\d{20}$/);
    expect(account.expiresAt.toISOString()).toBe('2025-03-03T14:59:59.000Z');
    const [held] = harness.simulator.accounts();
    expect(held).toMatchObject({
      transactionId: account.transactionId,
      accountNumber: account.accountNumber,
    });
    const [request] = harness.simulator.requests();
    expect(request?.path).toBe('/api/trades/approval/virtualAccount');
    expect(request?.body).toMatchObject({
      mallId: 'T5102001',
      shopOrderNo: input.orderNumber,
      approvalReqDate: '20250301',
      amount: 1_500_000,
      currency: '00',
      payMethodTypeCode: '22',
      orderInfo: {
        goodsName: '해외송금 입금',
        customerInfo: { customerId: 'C000123', customerName: '홍길동' },
      },
      payMethodInfo: {
        virtualAccountMethodInfo: { bankCode: '088', accountTypeCode: '10', expiryDate: '20250303235959' },
      },
      shopValueInfo: { value1: 'remit-77881' },
    });
  });

  it('opens the payment window, follows it, and approves the VA the payer picked', async () => {
    const window = await harness.client.virtualAccounts.createPaymentWindow({
      orderNumber: 'WIN-0001',
      amount: 300_000,
      currency: 'KRW',
      returnUrl: 'https://merchant.example/kicc/return',
      device: 'pc',
      itemName: '송금 입금',
    });
    expect(window.orderNumber).toBe('WIN-0001');
    // The browser step: the window redirects to returnUrl with the authorizationId.
    const redirect = await fetch(`${window.paymentWindowUrl}?bankCode=004`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.searchParams.get('resCd')).toBe('0000');
    const authorizationId = location.searchParams.get('authorizationId')!;
    const account = await harness.client.virtualAccounts.approve({
      orderNumber: 'WIN-0001',
      authorizationId,
    });
    expect(account).toMatchObject({
      orderNumber: 'WIN-0001',
      amount: 300_000,
      bankCode: '004',
      integrity: 'verified',
    });
  });

  it('cancels an unpaid VA with revise 40 signed over pgCno|shopTransactionId', async () => {
    const account = await harness.client.virtualAccounts.issue(issueInput());
    const cancellation = await harness.client.virtualAccounts.cancel({
      transactionId: account.transactionId,
      reason: 'policy deactivation',
    });
    expect(cancellation).toMatchObject({
      transactionId: account.transactionId,
      cancelAmount: 1_500_000,
      remainingAmount: 0,
      vendorStatusCode: 'TS02',
    });
    expect(cancellation.cancelTransactionId).toMatch(/^\d{20}$/);
    const revise = harness.simulator.requests().at(-1)!;
    expect(revise.body).toMatchObject({
      reviseTypeCode: '40',
      cancelReqDate: '20250301',
      pgCno: account.transactionId,
    });
    expect(harness.simulator.accounts()[0]).toMatchObject({ state: 'cancelled', cancelCount: 1 });
    const fetched = await harness.client.virtualAccounts.get({ transactionId: account.transactionId });
    expect(fetched.status).toBe('cancelled');
  });

  it('refunds a deposited VA in every mode, full and partial, with the spec §4.3.1 codes', async () => {
    const cases = [
      { mode: 'settlement', amount: undefined, type: '60', sub: 'RF01' },
      { mode: 'settlement', amount: 1_000, type: '62', sub: 'RF01' },
      { mode: 'realtime_verified', amount: undefined, type: '63', sub: '10' },
      { mode: 'realtime_verified', amount: 1_000, type: '63', sub: '11' },
      { mode: 'realtime_unverified', amount: undefined, type: '63', sub: '20' },
      { mode: 'realtime_unverified', amount: 1_000, type: '63', sub: '21' },
    ] as const;
    for (const testCase of cases) {
      const account = await harness.client.virtualAccounts.issue(issueInput({ amount: 50_000 }));
      await harness.simulator.deposit({ transactionId: account.transactionId });
      const refund = await harness.client.virtualAccounts.refund({
        transactionId: account.transactionId,
        mode: testCase.mode,
        ...(testCase.amount === undefined ? {} : { amount: testCase.amount, remainingAmount: 49_000 }),
        refundAccount: { bankCode: '004', accountNumber: '12345678901234', holderName: '홍길동' },
      });
      expect(refund.cancelAmount).toBe(testCase.amount ?? 50_000);
      expect(refund.remainingAmount).toBe(testCase.amount === undefined ? 0 : 49_000);
      const sent = harness.simulator.requests().at(-1)!.body;
      expect(sent).toMatchObject({
        reviseTypeCode: testCase.type,
        reviseSubTypeCode: testCase.sub,
        refundInfo: { refundBankCode: '004', refundAccountNo: '12345678901234', refundDepositName: '홍길동' },
      });
    }
  });

  it('gets a VA by transactionId (Modelled inquiry) and by idempotency key (retrieveTransaction)', async () => {
    const account = await harness.client.virtualAccounts.issue(issueInput(), {
      idempotencyKey: 'vai-get-0001',
    });
    await harness.simulator.deposit({ transactionId: account.transactionId, depositorName: '김철수' });
    const byId = await harness.client.virtualAccounts.get({ transactionId: account.transactionId });
    expect(byId).toMatchObject({
      status: 'deposited',
      deposit: { amount: 1_500_000, depositorName: '김철수' },
    });
    const byKey = await harness.client.virtualAccounts.get({
      idempotencyKey: 'vai-get-0001',
      transactionDate: harness.clock.now(),
    });
    expect(byKey.transactionId).toBe(account.transactionId);
    const transaction = await harness.client.transactions.retrieve({
      idempotencyKey: 'vai-get-0001',
      transactionDate: harness.clock.now(),
    });
    expect(transaction.kind).toBe('approval');
  });

  it('retrieves a revise-shaped transaction by the cancel key', async () => {
    const account = await harness.client.virtualAccounts.issue(issueInput());
    await harness.client.virtualAccounts.cancel({
      transactionId: account.transactionId,
      idempotencyKey: 'cnl-ret-1',
    });
    const transaction = await harness.client.transactions.retrieve({
      idempotencyKey: 'cnl-ret-1',
      transactionDate: harness.clock.now(),
    });
    expect(transaction).toMatchObject({ kind: 'revise', transactionId: account.transactionId });
  });

  it('an unpaid VA past its expiry reads as expired, refuses deposits, and its cancel is R202 (already closed)', async () => {
    const account = await harness.client.virtualAccounts.issue(issueInput());
    harness.clock.set(new Date('2025-03-03T15:00:00Z')); // one second past 2025-03-03 23:59:59 KST
    const fetched = await harness.client.virtualAccounts.get({ transactionId: account.transactionId });
    expect(fetched).toMatchObject({ status: 'expired', vendorStatusCode: 'TS07' });
    await expect(harness.simulator.deposit({ transactionId: account.transactionId })).rejects.toThrow(
      /expired/,
    );
    const error = await harness.client.virtualAccounts
      .cancel({ transactionId: account.transactionId })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'KiccError', category: 'duplicate', vendorCode: 'R202' });
  });

  it('retrieveTransaction covers yesterday and today only', async () => {
    await harness.client.virtualAccounts.issue(issueInput(), { idempotencyKey: 'vai-window-1' });
    const issuedOn = harness.clock.now();
    harness.clock.advance(24 * 60 * 60 * 1_000);
    const yesterday = await harness.client.transactions.retrieve({
      idempotencyKey: 'vai-window-1',
      transactionDate: issuedOn,
    });
    expect(yesterday.kind).toBe('approval');
    harness.clock.advance(24 * 60 * 60 * 1_000);
    const error = await harness.client.transactions
      .retrieve({ idempotencyKey: 'vai-window-1', transactionDate: issuedOn })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'KiccError', vendorCode: 'R401', category: 'invalid_request' });
  });

  it('pings: any answered resCd is healthy', async () => {
    const health = await harness.client.ping();
    expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    expect(harness.simulator.requests()[0]?.path).toBe('/api/trades/retrieveTransaction');
  });
});
