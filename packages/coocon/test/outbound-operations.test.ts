import { OutcomeUnknownError, ProtocolError, ValidationError } from '@wirebridge/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CooconError } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support.js';

let harness: Harness;
afterEach(async () => harness?.close());

describe('virtualAccounts.issue (0100/1000, keyed on merchantReference)', () => {
  it('issues an account over the wire and the simulator ledger shows one allocation', async () => {
    harness = await startHarness();
    const expiresAt = new Date('2099-03-16T14:59:59Z'); // 2099-03-16 23:59:59 KST
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-20240315-0001', { expiresAt }));
    expect(account).toMatchObject({
      merchantReference: 'VA-20240315-0001',
      holderName: '위브릿지',
      bankCode: '037',
      status: 'active',
      accountType: 'one_time',
      amountRule: 'exact',
      expectedAmount: 150_000,
      currency: 'KRW',
    });
    expect(account.virtualAccountNumber).toMatch(/^903\d{11}$/);
    expect(account.expiresAt?.toISOString()).toBe(expiresAt.toISOString());
    expect(harness.simulator.executions).toHaveLength(1);
    expect(harness.simulator.state.accounts.get(account.virtualAccountNumber)?.expiryDate).toBe('20990316');
  });

  it('leaves expectedAmount out when any amount is accepted', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(
      issueInput('VA-ANY-1', { amountRule: 'any', expectedAmount: undefined, accountType: 'fixed' }),
    );
    expect(account.amountRule).toBe('any');
    expect(account.expectedAmount).toBeUndefined();
  });

  it('retries a retryable refusal (C002) with the same merchantReference and allocates once', async () => {
    harness = await startHarness();
    harness.simulator.inject('code', { value: 'C002' });
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-RETRY-1'));
    const issues = harness.simulator.requests.filter((request) => request.kind === 'issue');
    expect(issues.map((request) => request.merchantReference)).toEqual(['VA-RETRY-1', 'VA-RETRY-1']);
    // Each attempt is its own telegram (fresh serial); only the reference is reused.
    expect(new Set(issues.map((request) => request.serial)).size).toBe(2);
    expect(harness.simulator.executions).toHaveLength(1);
    expect(harness.simulator.executions[0]?.merchantReference).toBe('VA-RETRY-1');
    expect(account.merchantReference).toBe('VA-RETRY-1');
  });

  it('resolves a reset after the request through get: one allocation, the same account returned', async () => {
    harness = await startHarness();
    harness.simulator.inject('resetAfterRequest');
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-RESET-1'));
    expect(harness.simulator.executions).toHaveLength(1);
    expect(account.virtualAccountNumber).toBe(harness.simulator.executions[0]?.virtualAccountNumber);
    expect(harness.simulator.requests.map((request) => request.kind)).toEqual(['issue', 'inquiry']);
  });

  it('resolves a reply delayed past the call timeout through get, without a second issue', async () => {
    harness = await startHarness();
    harness.simulator.inject('delay', { value: 2_000 });
    // Only the provoked call has a short deadline; the inquiry that resolves it keeps the default 3 s.
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-DELAY-1'), { timeoutMs: 300 });
    expect(account.merchantReference).toBe('VA-DELAY-1');
    expect(harness.simulator.executions).toHaveLength(1);
    expect(harness.simulator.requests.filter((request) => request.kind === 'issue')).toHaveLength(1);
  });

  it('reports OutcomeUnknownError with the reference when the reply and every inquiry are lost', async () => {
    harness = await startHarness();
    harness.simulator.inject('resetAfterRequest', { times: 10 });
    const failure = await harness.client.virtualAccounts
      .issue(issueInput('VA-LOST-1'))
      .catch((error) => error);
    expect(failure).toBeInstanceOf(OutcomeUnknownError);
    expect(failure.reference).toBe('VA-LOST-1');
    expect(harness.simulator.executions).toHaveLength(1);
    expect(harness.simulator.requests.filter((request) => request.kind === 'issue')).toHaveLength(1);
  });

  it('treats a mismatched echo as an unknown outcome and resolves it with get', async () => {
    harness = await startHarness();
    harness.simulator.inject('mismatchedEcho');
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-ECHO-1'));
    expect(account.merchantReference).toBe('VA-ECHO-1');
    expect(harness.simulator.executions).toHaveLength(1);
  });

  it('resolves a pending code (C001) through get', async () => {
    harness = await startHarness();
    // C001 without executing: the inquiry finds nothing, so the same reference is sent again and executes.
    harness.simulator.inject('code', { value: 'C001' });
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-PENDING-1'));
    expect(account.merchantReference).toBe('VA-PENDING-1');
    expect(harness.simulator.requests.map((request) => request.kind)).toEqual(['issue', 'inquiry', 'issue']);
    expect(harness.simulator.executions).toHaveLength(1);
  });

  it('returns the existing account when a retry is answered B003', async () => {
    harness = await startHarness();
    // First attempt executes but its reply is cut mid-frame and the inquiry says "not found" (injected B001);
    // the resend then meets B003 and is resolved through get.
    harness.simulator.inject('resetMidResponse');
    harness.simulator.inject('code', { value: 'B001' });
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-B003-1'));
    expect(account.virtualAccountNumber).toBe(harness.simulator.executions[0]?.virtualAccountNumber);
    expect(harness.simulator.executions).toHaveLength(1);
    expect(harness.simulator.requests.map((request) => request.kind)).toEqual([
      'issue',
      'inquiry',
      'issue',
      'inquiry',
    ]);
  });

  it('fails with CooconError duplicate when a new call reuses a reference', async () => {
    harness = await startHarness();
    await harness.client.virtualAccounts.issue(issueInput('VA-DUP-1'));
    const failure = await harness.client.virtualAccounts
      .issue(issueInput('VA-DUP-1'))
      .catch((error) => error);
    expect(failure).toBeInstanceOf(CooconError);
    expect(failure).toMatchObject({ category: 'duplicate', vendorCode: 'B003', retryable: false });
  });

  it('fails with limit_exceeded when the pool is exhausted', async () => {
    harness = await startHarness();
    harness.simulator.inject('poolExhausted');
    const failure = await harness.client.virtualAccounts
      .issue(issueInput('VA-POOL-1'))
      .catch((error) => error);
    expect(failure).toMatchObject({ category: 'limit_exceeded', vendorCode: 'B004' });
    expect(harness.simulator.executions).toHaveLength(0);
  });
});

describe('virtualAccounts.terminate (0100/2000, keyed on virtualAccountNumber)', () => {
  it('terminates an issued account', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-TERM-1'));
    const result = await harness.client.virtualAccounts.terminate({
      virtualAccountNumber: account.virtualAccountNumber,
      merchantReference: 'VA-TERM-1',
      reason: 'customer_request',
    });
    expect(result.alreadyTerminated).toBe(false);
    expect(result.terminatedAt).toBeInstanceOf(Date);
    expect(harness.simulator.state.accounts.get(account.virtualAccountNumber)?.status).toBe('terminated');
  });

  it('resends after a reset and reports the B002 answer as success alreadyTerminated, terminating once', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-TERM-2'));
    harness.simulator.inject('resetAfterRequest');
    const result = await harness.client.virtualAccounts.terminate({
      virtualAccountNumber: account.virtualAccountNumber,
      merchantReference: 'VA-TERM-2',
      reason: 'expired',
    });
    expect(result.alreadyTerminated).toBe(true);
    const terminations = harness.simulator.executions.filter(
      (execution) => execution.operation === 'terminate',
    );
    expect(terminations).toHaveLength(1);
    const sent = harness.simulator.requests.filter((request) => request.kind === 'terminate');
    expect(sent.map((request) => request.merchantReference)).toEqual(['VA-TERM-2', 'VA-TERM-2']);
  });

  it('reports OutcomeUnknownError with the account reference when every resend is lost', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput('VA-TERM-3'));
    harness.simulator.inject('resetAfterRequest', { times: 20 });
    const failure = await harness.client.virtualAccounts
      .terminate({
        virtualAccountNumber: account.virtualAccountNumber,
        merchantReference: 'VA-TERM-3',
        reason: 'other',
      })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(OutcomeUnknownError);
    // The caller's own reference, never the account number (spec §5.6).
    expect(failure.reference).toBe('VA-TERM-3');
    expect(
      harness.simulator.executions.filter((execution) => execution.operation === 'terminate'),
    ).toHaveLength(1);
  });

  it('fails with not_found for an unknown account', async () => {
    harness = await startHarness();
    const failure = await harness.client.virtualAccounts
      .terminate({ virtualAccountNumber: '90399999999999', merchantReference: 'NONE', reason: 'other' })
      .catch((error) => error);
    expect(failure).toMatchObject({ category: 'not_found', vendorCode: 'B001' });
  });
});

describe('virtualAccounts.get (0600/1000, safe)', () => {
  it('reads state, expected amount and totals by number and by reference', async () => {
    harness = await startHarness();
    const issued = await harness.client.virtualAccounts.issue(
      issueInput('VA-GET-1', { amountRule: 'up_to' }),
    );
    const byNumber = await harness.client.virtualAccounts.get({
      virtualAccountNumber: issued.virtualAccountNumber,
    });
    const byReference = await harness.client.virtualAccounts.get({ merchantReference: 'VA-GET-1' });
    expect(byNumber).toMatchObject({
      status: 'active',
      amountRule: 'up_to',
      expectedAmount: 150_000,
      totalDeposited: 0,
      depositCount: 0,
      holderName: '위브릿지',
    });
    expect(byReference.virtualAccountNumber).toBe(issued.virtualAccountNumber);
  });

  it('is retried after a reset (safe)', async () => {
    harness = await startHarness();
    await harness.client.virtualAccounts.issue(issueInput('VA-GET-2'));
    harness.simulator.inject('resetAfterRequest');
    const account = await harness.client.virtualAccounts.get({ merchantReference: 'VA-GET-2' });
    expect(account.merchantReference).toBe('VA-GET-2');
    expect(harness.simulator.requests.filter((request) => request.kind === 'inquiry')).toHaveLength(2);
  });

  it('turns an unreadable reply into a retryable ProtocolError when retries run out', async () => {
    harness = await startHarness();
    harness.simulator.inject('mismatchedEcho', { times: 3 });
    const failure = await harness.client.virtualAccounts
      .get({ merchantReference: 'X' })
      .catch((error) => error);
    expect(failure).toBeInstanceOf(ProtocolError);
    expect(harness.simulator.requests).toHaveLength(3);
  });
});

describe('deposits.requestMissing and health.ping (safe)', () => {
  it('answers the 결번요구 with the number of telegrams it will push again', async () => {
    harness = await startHarness();
    const result = await harness.client.deposits.requestMissing({
      transactionDate: '20240315',
      serials: [4, 5],
    });
    expect(result.resendCount).toBe(0);
    expect(harness.simulator.requests.map((request) => request.kind)).toEqual(['missingSerials']);
  });

  it('echoes (회선점검) and measures latency, retrying a reset', async () => {
    harness = await startHarness();
    harness.simulator.inject('resetMidResponse');
    const result = await harness.client.health.ping();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(harness.simulator.requests.map((request) => request.kind)).toEqual(['echo', 'echo']);
  });
});

describe('bad input: ValidationError naming the field, nothing sent', () => {
  const cases: Array<[string, (harness: Harness) => Promise<unknown>, string]> = [
    [
      'issue: expectedAmount missing for exact',
      (h) => h.client.virtualAccounts.issue(issueInput('R1', { expectedAmount: undefined })),
      'expectedAmount',
    ],
    [
      'issue: holderName wider than 20 bytes',
      (h) => h.client.virtualAccounts.issue(issueInput('R2', { holderName: '가나다라마바사아자차카' })),
      'holderName',
    ],
    [
      'issue: holderName not encodable in EUC-KR',
      (h) => h.client.virtualAccounts.issue(issueInput('R3', { holderName: '😀' })),
      'holderName',
    ],
    [
      'issue: merchantReference too long',
      (h) => h.client.virtualAccounts.issue(issueInput('R'.repeat(21))),
      'merchantReference',
    ],
    [
      'issue: currency not KRW',
      (h) => h.client.virtualAccounts.issue(issueInput('R5', { currency: 'USD' })),
      'currency',
    ],
    [
      'terminate: account number not digits',
      (h) =>
        h.client.virtualAccounts.terminate({
          virtualAccountNumber: '12-34',
          merchantReference: 'R',
          reason: 'other',
        }),
      'virtualAccountNumber',
    ],
    [
      'terminate: unknown reason',
      (h) =>
        h.client.virtualAccounts.terminate({
          virtualAccountNumber: '90312345678901',
          merchantReference: 'R',
          reason: 'bored' as never,
        }),
      'reason',
    ],
    [
      'get: neither number nor reference',
      (h) => h.client.virtualAccounts.get({} as never),
      'virtualAccountNumber',
    ],
    [
      'requestMissing: bad date',
      (h) => h.client.deposits.requestMissing({ transactionDate: '2024-03-15', serials: [1] }),
      'transactionDate',
    ],
    [
      'requestMissing: more than 20 serials',
      (h) =>
        h.client.deposits.requestMissing({
          transactionDate: '20240315',
          serials: Array.from({ length: 21 }, (_, i) => i + 1),
        }),
      'serials',
    ],
  ];
  it.each(cases)('%s', async (_name, call, field) => {
    harness = await startHarness();
    const failure = (await call(harness).catch((error) => error)) as ValidationError;
    expect(failure).toBeInstanceOf(ValidationError);
    expect(failure.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    expect(harness.simulator.requests).toHaveLength(0);
  });
});
