import { OutcomeUnknownError, ProtocolError } from '@wirebridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type VentajaClient, VentajaError } from '../../src/index.js';
import type { VentajaSimulator } from '../../src/testing/index.js';
import { c15Bill, startPair } from '../support.js';

// Money-moving calls time out after 300 ms here, on purpose; everything else keeps the generous default.
const provokedTimeouts = { default: 10_000, billsProcess: 300, eloadTopup: 300 };

let simulator: VentajaSimulator;
let client: VentajaClient;
let close: () => Promise<void>;
beforeEach(async () => {
  ({ simulator, client, close } = await startPair({}, { timeouts: provokedTimeouts }));
});
afterEach(async () => {
  await close();
});

const executionsOf = (agentRefNo: string) =>
  simulator.state.transactions().filter((transaction) => transaction.agentRefNo === agentRefNo);
const processBodies = () =>
  simulator.requests
    .filter((request) => request.path.endsWith('/process'))
    .map((request) => request.body.toString('utf8'));

describe('bills.pay is keyed on agentRefNo with the §2.1 resolver', () => {
  it('executes, then times out: resolves by inquiry, with one debit', async () => {
    const before = simulator.state.credit();
    simulator.inject({ path: '/process', kind: 'delay', ms: 2_000, commit: true });
    const payment = await client.bills.pay(c15Bill('WBDELAYCOMMIT01'));
    expect(payment).toMatchObject({ agentRefNo: 'WBDELAYCOMMIT01', status: 'posted', resolvedBy: 'inquiry' });
    expect(executionsOf('WBDELAYCOMMIT01')).toHaveLength(1);
    expect(simulator.state.credit()).toBe(before - 12_050);
    expect(simulator.state.requestCount('/process')).toBe(1);
  });

  for (const fault of [
    { label: 'a reset after commit', inject: { kind: 'reset', commit: true } },
    {
      label: 'a reset halfway through the reply',
      inject: { kind: 'reset', commit: true, midResponse: true },
    },
    { label: 'an HTTP 500 after commit', inject: { kind: 'http500', commit: true } },
    { label: 'truncated JSON after commit', inject: { kind: 'malformed', commit: true } },
    { label: 'a 999 after commit', inject: { kind: 'code', code: 999, commit: true } },
  ] as const) {
    it(`executes, then answers with ${fault.label}: resolves by inquiry, never sends twice`, async () => {
      simulator.inject({ path: '/process', ...fault.inject });
      const payment = await client.bills.pay(c15Bill('WBFAULTCOMMIT01'));
      expect(payment.resolvedBy).toBe('inquiry');
      expect(executionsOf('WBFAULTCOMMIT01')).toHaveLength(1);
      expect(simulator.state.requestCount('/process')).toBe(1);
    });
  }

  it('resets before commit: inquiry says 129, so it re-sends once with the same ref and the same bytes', async () => {
    simulator.inject({ path: '/process', kind: 'reset', commit: false });
    const payment = await client.bills.pay(c15Bill('WBRESETBEFORE01'));
    expect(payment.resolvedBy).toBe('reply');
    const bodies = processBodies();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(
      simulator.requests
        .filter((request) => request.path.endsWith('/process'))
        .map((request) => request.headers.signature),
    ).toHaveLength(2);
    expect(executionsOf('WBRESETBEFORE01')).toHaveLength(1);
  });

  it('a request held past the timeout and dropped unexecuted is re-sent once after inquiry says 129', async () => {
    simulator.inject({ path: '/process', kind: 'delay', ms: 2_000, commit: false });
    const payment = await client.bills.pay(c15Bill('WBDELAYNOCOMIT'));
    expect(payment.resolvedBy).toBe('reply');
    expect(simulator.state.requestCount('/process')).toBe(2);
    expect(executionsOf('WBDELAYNOCOMIT')).toHaveLength(1);
  });

  it('uses the call idempotencyKey as agentRefNo when the input has none', async () => {
    const payment = await client.bills.pay(c15Bill(), { idempotencyKey: 'WBIDEMPOTENCY01' });
    expect(payment.agentRefNo).toBe('WBIDEMPOTENCY01');
    expect(executionsOf('WBIDEMPOTENCY01')).toHaveLength(1);
  });

  it('a 124 on a re-send means the first attempt landed: it inquires again and returns that record', async () => {
    // The first attempt executes and its reply is lost; the first inquiry wrongly misses (129), so the client
    // re-sends; Ventaja refuses the repeat with 124; the next inquiry finds the payment.
    simulator.inject({ path: '/process', kind: 'reset', commit: true });
    simulator.inject({ path: '/inquiry', kind: 'code', code: 129 });
    const payment = await client.bills.pay(c15Bill('WBRESEND124001'));
    expect(payment).toMatchObject({ agentRefNo: 'WBRESEND124001', resolvedBy: 'inquiry', status: 'posted' });
    expect(simulator.state.requestCount('/process')).toBe(2);
    expect(executionsOf('WBRESEND124001')).toHaveLength(1);
  });

  it('a 124 on the first attempt means the caller reused a reference: duplicate, not retried', async () => {
    await client.bills.pay(c15Bill('WBREUSED000001'));
    const before = simulator.state.requestCount('/process');
    const error = await client.bills.pay(c15Bill('WBREUSED000001')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VentajaError);
    expect(error).toMatchObject({ category: 'duplicate', vendorCode: '124', retryable: false });
    expect(simulator.state.requestCount('/process') - before).toBe(1);
    expect(executionsOf('WBREUSED000001')).toHaveLength(1);
  });

  it('when inquiries keep failing it reports OutcomeUnknownError carrying the agentRefNo, after one execution', async () => {
    simulator.inject({ path: '/process', kind: 'reset', commit: true });
    simulator.inject({ path: '/inquiry', kind: 'http500', times: 20 });
    const error = await client.bills.pay(c15Bill('WBUNKNOWN00001')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reference).toBe('WBUNKNOWN00001');
    expect((error as OutcomeUnknownError).attempts.length).toBeGreaterThan(0);
    expect(simulator.state.requestCount('/process')).toBe(1);
    expect(executionsOf('WBUNKNOWN00001')).toHaveLength(1);
  });

  it('stops inquiring at resolve.deadlineMs: inquiries whose delay passes the deadline are not made', async () => {
    const bounded = await startPair(
      {},
      { timeouts: provokedTimeouts, resolve: { delaysMs: [0, 50, 60_000], deadlineMs: 1_000 } },
    );
    try {
      bounded.simulator.inject({ path: '/process', kind: 'reset', commit: true });
      bounded.simulator.inject({ path: '/inquiry', kind: 'http500', times: 20 });
      const error = await bounded.client.bills
        .pay(c15Bill('WBDEADLINE0001'))
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).reference).toBe('WBDEADLINE0001');
      expect(bounded.simulator.state.requestCount('/inquiry')).toBe(2);
    } finally {
      await bounded.close();
    }
  });

  it('a REJECTED payment found by inquiry is a VentajaError, not a success', async () => {
    simulator.state.rejectNextPayment();
    simulator.inject({ path: '/process', kind: 'reset', commit: true });
    const error = await client.bills.pay(c15Bill('WBREJECTED0001')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VentajaError);
    expect(error).toMatchObject({ category: 'declined', details: { status: 'rejected' } });
    expect(simulator.state.requestCount('/process')).toBe(1);
  });

  it('resolves a full bulkhead of lost replies at once (30 calls in flight), each with one execution', async () => {
    // Every slot of the client's bulkhead (30) is held by a payment whose reply is lost; their inquiries must
    // still get through, or the calls would wait on each other forever.
    simulator.inject({ path: '/process', kind: 'delay', ms: 2_000, commit: true, times: 30 });
    const references = Array.from(
      { length: 30 },
      (_, index) => `WBBULKHEAD${String(index).padStart(4, '0')}`,
    );
    const payments = await Promise.all(references.map((reference) => client.bills.pay(c15Bill(reference))));
    expect(payments.every((payment) => payment.resolvedBy === 'inquiry')).toBe(true);
    for (const reference of references) expect(executionsOf(reference)).toHaveLength(1);
    expect(simulator.state.requestCount('/process')).toBe(30);
  });

  it('retries a retryable refusal (997) with the same reference and bytes', async () => {
    simulator.inject({ path: '/process', kind: 'code', code: 997 });
    const payment = await client.bills.pay(c15Bill('WBRETRY997001'));
    expect(payment.resolvedBy).toBe('reply');
    const bodies = processBodies();
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(executionsOf('WBRETRY997001')).toHaveLength(1);
  });
});

describe('safe operations retry', () => {
  it('retries validate after HTTP 500s and succeeds', async () => {
    simulator.inject({ path: '/validate', kind: 'http500', times: 2 });
    const validation = await client.bills.validate(c15Bill('WBSAFERETRY001'));
    expect(validation.details).toMatchObject({ valid: true });
    expect(simulator.state.requestCount('/validate')).toBe(3);
  });

  it('retries an inquiry answered 999 or with truncated JSON', async () => {
    await client.bills.pay(c15Bill('WBSAFEINQUIRY1'));
    simulator.inject({ path: '/inquiry', kind: 'code', code: 999 });
    simulator.inject({ path: '/inquiry', kind: 'malformed' });
    const found = await client.bills.inquire({ agentRefNo: 'WBSAFEINQUIRY1' });
    expect(found.status).toBe('posted');
    expect(simulator.state.requestCount('/inquiry')).toBe(3);
  });

  it('gives up with a retryable ProtocolError when every attempt fails', async () => {
    simulator.inject({ path: '/balance', kind: 'http500', times: 10 });
    const error = await client.outlet.balance().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(simulator.state.requestCount('/unified/api/balance')).toBe(3);
  });
});

describe('eload.topup is unsafe: never re-sent, resolved by /topup-inquiry (§2.2)', () => {
  const topup = (agentRefNo: string) => ({
    msisdn: '+639171234567',
    productCode: 'GLOBE100',
    amount: { amount: 10_000, currency: 'PHP' },
    agentRefNo,
  });

  it('executes, then times out: resolves to succeeded by inquiry, one execution, one request', async () => {
    simulator.inject({ path: '/topup-request', kind: 'delay', ms: 2_000, commit: true });
    const result = await client.eload.topup(topup('WBTOPUPDELAY01'));
    expect(result).toMatchObject({ status: 'succeeded', resolvedBy: 'inquiry' });
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
    expect(executionsOf('WBTOPUPDELAY01')).toHaveLength(1);
  });

  it('resets before commit and stays absent: not_found / absent-after-window, retryable, never re-sent', async () => {
    simulator.inject({ path: '/topup-request', kind: 'reset', commit: false });
    const error = await client.eload.topup(topup('WBTOPUPABSENT1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VentajaError);
    expect(error).toMatchObject({
      category: 'not_found',
      vendorCode: '129',
      retryable: true,
      resolution: 'absent-after-window',
    });
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
    expect(simulator.state.requestCount('/topup-inquiry')).toBe(3);
    expect(executionsOf('WBTOPUPABSENT1')).toHaveLength(0);
  });

  it('an inconclusive inquiry ends in OutcomeUnknownError with the reference, not in absent-after-window', async () => {
    simulator.inject({ path: '/topup-request', kind: 'reset', commit: true });
    simulator.inject({ path: '/topup-inquiry', kind: 'http500', times: 20 });
    const error = await client.eload.topup(topup('WBTOPUPUNKNWN1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as OutcomeUnknownError).reference).toBe('WBTOPUPUNKNWN1');
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
    expect(executionsOf('WBTOPUPUNKNWN1')).toHaveLength(1);
  });

  it('is not retried even for a retryable refusal (997)', async () => {
    simulator.inject({ path: '/topup-request', kind: 'telcoDown' });
    const error = await client.eload.topup(topup('WBTOPUP997NO01')).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ category: 'unavailable', retryable: true });
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
  });

  it('a 999 after commit is resolved by inquiry', async () => {
    simulator.inject({ path: '/topup-request', kind: 'code', code: 999, commit: true });
    const result = await client.eload.topup(topup('WBTOPUP999COM1'));
    expect(result).toMatchObject({ status: 'succeeded', resolvedBy: 'inquiry' });
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
  });

  it('pendingTopup answers pending, then eload.inquire reports succeeded once the simulated time passes', async () => {
    simulator.inject({ path: '/topup-request', kind: 'pendingTopup' });
    const result = await client.eload.topup(topup('WBTOPUPPENDNG1'));
    expect(result.status).toBe('pending');
    expect((await client.eload.inquire({ agentRefNo: 'WBTOPUPPENDNG1' })).status).toBe('pending');
    simulator.state.advance(6_000);
    expect((await client.eload.inquire({ agentRefNo: 'WBTOPUPPENDNG1' })).status).toBe('succeeded');
    expect(simulator.state.requestCount('/topup-request')).toBe(1);
  });
});

describe('bills.cancel is keyed on the original agentRefNo, resolved by /inquiry', () => {
  const payG01 = async (agentRefNo: string) => {
    const paid = await client.bills.pay({
      ...c15Bill(agentRefNo),
      billerCode: 'G01',
      accountNumber: 'G01-100200',
    });
    return {
      agentRefNo,
      transactionNumber: paid.transactionNumber,
      referenceNumber: paid.referenceNumber,
      billerCode: 'G01',
    };
  };

  it('executes, then times out: resolves by inquiry (cancelled), refunds once', async () => {
    const cancel = await payG01('WBCANCELDELAY1');
    const before = simulator.state.credit();
    simulator.inject({ path: '/cancel', kind: 'delay', ms: 2_000, commit: true });
    const fast = await client.bills.cancel(cancel, { timeoutMs: 300 });
    expect(fast.alreadyCancelled).toBe(false);
    expect(simulator.state.credit()).toBe(before + 12_050);
    expect(simulator.state.requestCount('/cancel')).toBe(1);
  });

  it('resets before commit: inquiry says still posted, so it re-sends the same cancel once', async () => {
    const cancel = await payG01('WBCANCELRESET1');
    simulator.inject({ path: '/cancel', kind: 'reset', commit: false });
    const result = await client.bills.cancel(cancel);
    expect(result.alreadyCancelled).toBe(false);
    expect(simulator.state.requestCount('/cancel')).toBe(2);
  });

  it('refuses with 126 once batched and 128 after the 18:00 Manila cut-off', async () => {
    const batched = await payG01('WBCANCELBATCH1');
    simulator.state.batch();
    await expect(client.bills.cancel(batched)).rejects.toMatchObject({
      vendorCode: '126',
      category: 'declined',
    });
    const late = await payG01('WBCANCELLATE01');
    // The simulator clock is pinned at 10:00 Manila: +9 h is 19:00.
    simulator.state.advance(9 * 3_600_000);
    await expect(client.bills.cancel({ ...late, billerCode: 'G01' })).rejects.toMatchObject({
      vendorCode: '128',
    });
  });
});
