import { OutcomeUnknownError, ProtocolError, SignatureError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaysalError } from '../src/index.js';
import {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  ibftAccount,
  nextReference,
  startBench,
} from './support/faysal-bench.js';

const creditBodies = (bench: FaysalBench, partnerReference: string) =>
  bench.simulator.state
    .requests()
    .filter((request) => request.method === 'remittance.credit' && request.body.includes(partnerReference))
    .map((request) => request.body);

// DESIGN §4 idempotency classes and spec §2.1: exactly one outcome, exactly one execution.
describe('idempotency classes and unknown outcomes', () => {
  let bench: FaysalBench;
  beforeAll(async () => {
    bench = await startBench();
  });
  afterAll(() => bench.close());

  describe('safe operations are retried', () => {
    it('ping succeeds after an HTTP 502 on the first attempt', async () => {
      bench.simulator.inject({ method: 'system.ping', kind: 'http502' });
      const before = bench.simulator.state
        .requests()
        .filter((request) => request.method === 'system.ping').length;
      await expect(bench.client.health.ping()).resolves.toMatchObject({ ok: true });
      const after = bench.simulator.state
        .requests()
        .filter((request) => request.method === 'system.ping').length;
      expect(after - before).toBe(2);
    });

    it('inquiry succeeds after a connection reset and a retryable unavailable code', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await bench.client.remittances.credit(input);
      bench.simulator.inject({ method: 'transaction.inquiry', kind: 'reset' });
      bench.simulator.inject({ method: 'transaction.inquiry', kind: 'code', code: '0146' });
      await expect(
        bench.client.transactions.inquire({ partnerReference: input.partnerReference }),
      ).resolves.toMatchObject({ status: 'completed' });
    });

    it('a safe call gives up after its attempts with a retryable error', async () => {
      bench.simulator.inject({ method: 'account.balance', kind: 'maintenance', times: 3 });
      const error = await bench.client.pool.balance().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FaysalError);
      expect(error).toMatchObject({ vendorCode: 'rpc:-32005', category: 'unavailable', retryable: true });
    });

    it('a badly signed reply to a safe call is a SignatureError, never accepted', async () => {
      bench.simulator.inject({ method: 'account.balance', kind: 'badResponseSignature' });
      await expect(bench.client.pool.balance()).rejects.toBeInstanceOf(SignatureError);
    });

    it('a reply with another id is rejected (then retried) for a safe call', async () => {
      bench.simulator.inject({ method: 'system.ping', kind: 'wrongId', times: 3 });
      await expect(bench.client.health.ping()).rejects.toBeInstanceOf(ProtocolError);
    });
  });

  describe('credit is keyed by partnerReference', () => {
    it('a reset before the bank acted: the inquiry finds nothing, the identical bytes are re-sent, one debit', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      bench.simulator.inject({ method: 'remittance.credit', kind: 'reset' });
      const credit = await bench.client.remittances.credit(input);
      expect(credit.status).toBe('completed');
      const bodies = creditBodies(bench, input.partnerReference);
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toBe(bodies[0]);
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('a request stuck before the bank acted: timeout, not found, identical re-send; the late original is not a second debit', async () => {
      const client = bench.clientWith({ timeouts: { credit: 300 } });
      const input = creditInput(activeFaysalAccount(bench.simulator));
      // The first copy waits 1.5 s inside the bank before it is processed; the client gives up after 300 ms.
      bench.simulator.inject({ method: 'remittance.credit', kind: 'delay', ms: 1_500 });
      const credit = await client.remittances.credit(input);
      expect(credit.status).toBe('completed');
      // Let the delayed first copy reach the bank's ledger: it finds the stored response for the same bytes.
      await new Promise((resolve) => setTimeout(resolve, 1_700));
      const bodies = creditBodies(bench, input.partnerReference);
      expect(bodies.length).toBeGreaterThanOrEqual(2);
      expect(new Set(bodies).size).toBe(1);
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('executed then reset: resolved by inquiry, never sent twice, one debit', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      bench.simulator.inject({ method: 'remittance.credit', kind: 'reset', commit: true });
      const credit = await bench.client.remittances.credit(input);
      expect(credit).toMatchObject({
        status: 'completed',
        resolvedBy: 'inquiry',
        partnerReference: input.partnerReference,
      });
      expect(credit.rrn).toMatch(/^\d{12}$/);
      expect(creditBodies(bench, input.partnerReference)).toHaveLength(1);
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('executed then reset half-way through the reply: resolved by inquiry, one debit', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      bench.simulator.inject({ method: 'remittance.credit', kind: 'reset', commit: true, midResponse: true });
      const credit = await bench.client.remittances.credit(input);
      expect(credit.resolvedBy).toBe('inquiry');
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('executed then answered after the timeout: resolved by inquiry, one debit', async () => {
      const client = bench.clientWith({ timeouts: { credit: 300 } });
      const input = creditInput(activeFaysalAccount(bench.simulator));
      bench.simulator.inject({ method: 'remittance.credit', kind: 'delay', ms: 1_500, commit: true });
      const credit = await client.remittances.credit(input);
      expect(credit.resolvedBy).toBe('inquiry');
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('executed, then HTTP 502, a malformed reply, a wrong id, an unsigned reply or a bad signature: resolver, one debit', async () => {
      for (const kind of [
        'http502',
        'malformed',
        'wrongId',
        'unsignedResponse',
        'badResponseSignature',
      ] as const) {
        const input = creditInput(activeFaysalAccount(bench.simulator));
        bench.simulator.inject({ method: 'remittance.credit', kind, commit: kind === 'http502' });
        const credit = await bench.client.remittances.credit(input);
        expect(credit.resolvedBy, kind).toBe('inquiry');
        expect(bench.simulator.state.debitCount(input.partnerReference), kind).toBe(1);
        expect(creditBodies(bench, input.partnerReference), kind).toHaveLength(1);
      }
    });

    it('executed, then -32603 or an unknown code (0113): resolver, one debit', async () => {
      for (const code of [-32603, '0113'] as const) {
        const input = creditInput(activeFaysalAccount(bench.simulator));
        bench.simulator.inject({ method: 'remittance.credit', kind: 'code', code, commit: true });
        const credit = await bench.client.remittances.credit(input);
        expect(credit.resolvedBy).toBe('inquiry');
        expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
      }
    });

    it('executed, reply lost, and every inquiry fails too: OutcomeUnknownError with the reference, one debit', async () => {
      // A client of its own: the failures it provokes open its circuit breaker, which must not affect other tests.
      const client = bench.clientWith({});
      const input = creditInput(activeFaysalAccount(bench.simulator));
      bench.simulator.inject({ method: 'remittance.credit', kind: 'reset', commit: true });
      // The resolver asks three times (delaysMs [0, 20, 50]), one attempt each.
      bench.simulator.inject({ method: 'transaction.inquiry', kind: 'http502', times: 3 });
      const error = await client.remittances.credit(input).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect((error as OutcomeUnknownError).reference).toBe(input.partnerReference);
      expect((error as OutcomeUnknownError).attempts.length).toBe(3);
      expect(creditBodies(bench, input.partnerReference)).toHaveLength(1);
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
      // The bank did execute it: a later inquiry (reconciliation) finds it completed.
      await expect(
        bench.client.transactions.inquire({ partnerReference: input.partnerReference }),
      ).resolves.toMatchObject({ status: 'completed' });
    });

    it('a new call with the same partnerReference and the same credit is a replay (0110 + matching original)', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      const first = await bench.client.remittances.credit(input);
      const again = await bench.client.remittances.credit(input);
      expect(again).toMatchObject({
        replayed: true,
        bankReference: first.bankReference,
        status: 'completed',
      });
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('the same partnerReference with another amount is a duplicate error, not a second credit', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await bench.client.remittances.credit(input);
      const error = await bench.client.remittances
        .credit({ ...input, amount: { amount: 600_000, currency: 'PKR' } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FaysalError);
      expect(error).toMatchObject({ category: 'duplicate', vendorCode: '0110', retryable: false });
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('byte-identical bytes re-sent to the bank get the stored response; the debit count stays 1', async () => {
      const { createHttpTransport } = await import('@wirebridge/core');
      const captured: { body: string; headers: Record<string, string> }[] = [];
      const real = createHttpTransport({ baseUrl: bench.simulator.baseUrl, vendor: 'faysal' });
      const client = bench.clientWith({
        transport: {
          send: (request, options) => {
            captured.push({ body: request.body as string, headers: request.headers ?? {} });
            return real.send(request, options);
          },
          close: () => real.close(),
        },
      });
      const input = creditInput(activeFaysalAccount(bench.simulator));
      const credit = await client.remittances.credit(input);
      const sent = captured.at(-1)!;
      const replayed = await real.send(
        { method: 'POST', path: '/jsonrpc', headers: sent.headers, body: sent.body },
        { timeoutMs: 10_000 },
      );
      const reply = JSON.parse(replayed.body.toString('utf8'));
      expect(reply.result.bankReference).toBe(credit.bankReference);
      expect(reply.result.response.responseCode).toBe('0000');
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });
  });

  describe('pending credits (spec §2.1)', () => {
    let pendingBench: FaysalBench;
    beforeAll(async () => {
      pendingBench = await startBench({ simulator: { pendingMs: 60 } });
    });
    afterAll(() => pendingBench.close());

    const ibftCredit = async (bench: FaysalBench) => {
      const account = ibftAccount(bench.simulator);
      const title = await bench.client.accounts.titleFetch({
        account: account.iban,
        amount: { amount: 500_000, currency: 'PKR' },
        purposeCode: '0251',
      });
      return creditInput(account, { titleFetchId: title.titleFetchId });
    };

    it('0151 → pending → the inquiry resolves COMPLETED', async () => {
      const client = pendingBench.clientWith({
        resolve: { delaysMs: [0, 100, 200, 400], deadlineMs: 10_000 },
      });
      const input = await ibftCredit(pendingBench);
      const credit = await client.remittances.credit(input);
      expect(credit).toMatchObject({ status: 'completed', resolvedBy: 'inquiry', rail: 'IBFT' });
      expect(pendingBench.simulator.state.debitCount(input.partnerReference)).toBe(1);
    });

    it('still pending at the deadline → FaysalError pending with the bank reference', async () => {
      const client = pendingBench.clientWith({ resolve: { delaysMs: [0, 0], deadlineMs: 10_000 } });
      const slow = await startBench({ simulator: { pendingMs: 60_000 } });
      try {
        const slowClient = slow.clientWith({ resolve: { delaysMs: [0, 0], deadlineMs: 10_000 } });
        const input = await ibftCredit(slow);
        const error = await slowClient.remittances.credit(input).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(FaysalError);
        expect(error).toMatchObject({ category: 'pending', retryable: false, vendorCode: '0151' });
        expect((error as FaysalError).bankReference).toMatch(/^FBL/);
        expect(slow.simulator.state.debitCount(input.partnerReference)).toBe(1);
      } finally {
        await slow.close();
        await client.close();
      }
    });

    it('a pending credit that fails at settlement → FaysalError from the inquiry, then it can be returned', async () => {
      const failing = await startBench({ simulator: { pendingMs: 60_000 } });
      try {
        const client = failing.clientWith({
          resolve: { delaysMs: [0, 50, 100, 150, 200, 250, 300, 400, 500, 1_000, 2_000], deadlineMs: 10_000 },
        });
        const input = await ibftCredit(failing);
        const credit = client.remittances.credit(input).catch((caught: unknown) => caught);
        // Wait (bounded) until the bank holds the pending credit, mark it to fail, and move the bank's clock past
        // its settlement (61 s: within the 300 s skew the bank tolerates).
        for (
          let waited = 0;
          failing.simulator.state.debitCount(input.partnerReference) === 0 && waited < 10_000;
          waited += 10
        ) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        failing.simulator.state.failCredit(input.partnerReference);
        failing.simulator.state.advance(61_000);
        const error = await credit;
        expect(error).toBeInstanceOf(FaysalError);
        expect(error).toMatchObject({ vendorCode: '0412', category: 'declined', retryable: false });
        const returned = await client.remittances.return({
          returnReference: nextReference('RT'),
          partnerReference: input.partnerReference,
          reason: 'credit_failed',
        });
        expect(returned.status).toBe('completed');
        expect(failing.simulator.state.debitCount(input.partnerReference)).toBe(1);
      } finally {
        await failing.close();
      }
    });
  });

  describe('return is keyed by returnReference', () => {
    it('a reset before the bank acted: the inquiry finds nothing, the identical bytes are re-sent once', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await bench.client.remittances.credit(input);
      bench.simulator.state.failCredit(input.partnerReference);
      const returnReference = nextReference('RT');
      bench.simulator.inject({ method: 'remittance.return', kind: 'reset' });
      const result = await bench.client.remittances.return({
        returnReference,
        partnerReference: input.partnerReference,
        reason: 'credit_failed',
      });
      expect(result.status).toBe('completed');
      const bodies = bench.simulator.state
        .requests()
        .filter((request) => request.method === 'remittance.return' && request.body.includes(returnReference))
        .map((request) => request.body);
      expect(bodies).toHaveLength(2);
      expect(bodies[1]).toBe(bodies[0]);
    });

    it('executed then reset: resolved by inquiry on returnReference, pool credited back once', async () => {
      const input = creditInput(activeFaysalAccount(bench.simulator));
      await bench.client.remittances.credit(input);
      bench.simulator.state.failCredit(input.partnerReference);
      const before = (await bench.client.pool.balance()).available.amount;
      const returnReference = nextReference('RT');
      bench.simulator.inject({ method: 'remittance.return', kind: 'reset', commit: true });
      const result = await bench.client.remittances.return({
        returnReference,
        partnerReference: input.partnerReference,
        reason: 'credit_failed',
      });
      expect(result).toMatchObject({ returnReference, status: 'completed', returnedAmount: input.amount });
      const after = (await bench.client.pool.balance()).available.amount;
      expect(after - before).toBe(input.amount.amount);
      const returns = bench.simulator.state
        .requests()
        .filter(
          (request) => request.method === 'remittance.return' && request.body.includes(returnReference),
        );
      expect(returns).toHaveLength(1);
    });
  });
});
