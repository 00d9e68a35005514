import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaysalError, PK_PURPOSE_CODES } from '../src/index.js';
import {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  ibftAccount,
  nextReference,
  raastAccount,
  startBench,
} from './support/faysal-bench.js';

// Every operation of spec §2, over the wire against the simulator.
describe('operations over the wire', () => {
  let bench: FaysalBench;
  beforeAll(async () => {
    bench = await startBench();
  });
  afterAll(() => bench.close());

  it('titleFetch validates a Faysal account and picks the BOOK rail', async () => {
    const account = activeFaysalAccount(bench.simulator);
    const title = await bench.client.accounts.titleFetch({
      account: account.iban,
      amount: { amount: 500_000, currency: 'PKR' },
      purposeCode: '0251',
      cnic: `${account.cnic.slice(0, 5)}-${account.cnic.slice(5, 12)}-${account.cnic.slice(12)}`,
    });
    expect(title).toMatchObject({
      title: account.title,
      iban: account.iban,
      accountStatus: 'active',
      rail: 'BOOK',
      cnicMatch: 'match',
      bank: { imd: '990001', bic: 'FAYSPKKAXXX' },
    });
    expect(title.titleFetchId).toMatch(/^TF-/);
    expect(title.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('titleFetch reports a CNIC mismatch and the RAAST rail of another bank', async () => {
    const account = raastAccount(bench.simulator);
    const title = await bench.client.accounts.titleFetch({
      account: account.iban,
      amount: { amount: 100_000, currency: 'PKR' },
      purposeCode: '0336',
      cnic: '1111111111111',
    });
    expect(title).toMatchObject({ rail: 'RAAST', cnicMatch: 'mismatch' });
  });

  it('credit after a title fetch completes, debits once, and inquiry finds it by reference and by rrn/stan', async () => {
    const account = ibftAccount(bench.simulator);
    const title = await bench.client.accounts.titleFetch({
      account: account.iban,
      amount: { amount: 750_050, currency: 'PKR' },
      purposeCode: '0251',
    });
    const input = creditInput(account, {
      titleFetchId: title.titleFetchId,
      amount: { amount: 750_050, currency: 'PKR' },
    });
    const credit = await bench.client.remittances.credit(input);
    expect(credit).toMatchObject({
      partnerReference: input.partnerReference,
      status: 'completed',
      rail: 'IBFT',
      resolvedBy: 'reply',
    });
    expect(credit.rrn).toMatch(/^\d{12}$/);
    expect(credit.rrn.endsWith(credit.stan)).toBe(true);
    expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(1);

    const byReference = await bench.client.transactions.inquire({ partnerReference: input.partnerReference });
    expect(byReference).toMatchObject({
      status: 'completed',
      vendorCode: '0000',
      bankReference: credit.bankReference,
      amount: { amount: 750_050, currency: 'PKR' },
    });
    const byRrn = await bench.client.transactions.inquire({
      rrn: credit.rrn,
      stan: credit.stan,
      txnDate: new Date(),
    });
    expect(byRrn.bankReference).toBe(credit.bankReference);
  });

  it('a RAAST credit without a title fetch is refused with 0193 (invalid_request), nothing debited', async () => {
    const input = creditInput(raastAccount(bench.simulator));
    const error = await bench.client.remittances.credit(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FaysalError);
    expect(error).toMatchObject({ vendorCode: '0193', category: 'invalid_request', retryable: false });
    expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(0);
  });

  it('a credit with another amount than its title fetch is refused with 0148', async () => {
    const account = activeFaysalAccount(bench.simulator);
    const title = await bench.client.accounts.titleFetch({
      account: account.iban,
      amount: { amount: 100_000, currency: 'PKR' },
      purposeCode: '0251',
    });
    const error = await bench.client.remittances
      .credit(
        creditInput(account, {
          titleFetchId: title.titleFetchId,
          amount: { amount: 100_001, currency: 'PKR' },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ vendorCode: '0148', category: 'invalid_request' });
  });

  it('a credit to an inactive account is declined (0103) and a closed one (0120)', async () => {
    for (const [status, code] of [
      ['INACTIVE', '0103'],
      ['CLOSED', '0120'],
    ] as const) {
      const account = bench.simulator.accounts.find((candidate) => candidate.status === status)!;
      const input = creditInput(account);
      const error = await bench.client.remittances.credit(input).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ vendorCode: code, category: 'declined', retryable: false });
      expect(bench.simulator.state.debitCount(input.partnerReference)).toBe(0);
    }
  });

  it('return of a FAILED credit completes, and the inquiry by returnReference finds it', async () => {
    const input = creditInput(activeFaysalAccount(bench.simulator));
    await bench.client.remittances.credit(input);
    bench.simulator.state.failCredit(input.partnerReference);
    const returnReference = nextReference('RT');
    const result = await bench.client.remittances.return({
      returnReference,
      partnerReference: input.partnerReference,
      reason: 'credit_failed',
    });
    expect(result).toMatchObject({ returnReference, status: 'completed', returnedAmount: input.amount });
    const state = await bench.client.transactions.inquire({ returnReference });
    expect(state).toMatchObject({ returnReference, status: 'completed' });
    const original = await bench.client.transactions.inquire({ partnerReference: input.partnerReference });
    expect(original.status).toBe('returned');
  });

  it('a return of a COMPLETED credit is declined with 0195 (spec §10)', async () => {
    const input = creditInput(activeFaysalAccount(bench.simulator));
    await bench.client.remittances.credit(input);
    const error = await bench.client.remittances
      .return({
        returnReference: nextReference('RT'),
        partnerReference: input.partnerReference,
        reason: 'partner_request',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FaysalError);
    expect(error).toMatchObject({ vendorCode: '0195', category: 'declined', retryable: false });
  });

  it('pool balance reports the pool and its limits in minor units', async () => {
    bench.simulator.state.setPoolBalance(123_456_789);
    const balance = await bench.client.pool.balance();
    expect(balance.available).toEqual({ amount: 123_456_789, currency: 'PKR' });
    expect(balance.limits.perTransaction).toEqual({ amount: 500_000_000, currency: 'PKR' });
    expect(balance.iban).toMatch(/^PK\d{2}FAYS\d{16}$/);
    bench.simulator.state.setPoolBalance(1_000_000_000);
  });

  it('insufficient pool balance is 0404', async () => {
    bench.simulator.state.setPoolBalance(100);
    const error = await bench.client.remittances
      .credit(creditInput(activeFaysalAccount(bench.simulator)))
      .catch((caught: unknown) => caught);
    bench.simulator.state.setPoolBalance(1_000_000_000);
    expect(error).toMatchObject({ vendorCode: '0404', category: 'insufficient_funds' });
  });

  it('bank list maps PAYSYS names and is cached for 24 h', async () => {
    const client = bench.clientWith({});
    const before = bench.simulator.state.requests().length;
    const banks = await client.referenceData.banks();
    expect(banks.map((bank) => bank.imd)).toEqual(['990001', '990002', '990003']);
    expect(banks[1]).toMatchObject({ shortBic: 'OTHRPKKA', ibft: true, raast: false });
    expect(banks[0]!.accountNumberPattern.test('PK36SCBL0000001123456702')).toBe(true);
    await client.referenceData.banks();
    expect(bench.simulator.state.requests().length).toBe(before + 1);
  });

  it('purpose codes come from the local PAYSYS table', () => {
    expect(bench.client.referenceData.purposeCodes()).toBe(PK_PURPOSE_CODES);
    expect(PK_PURPOSE_CODES.map((entry) => entry.code)).toContain('0251');
  });

  it('ping answers with the server time', async () => {
    const pong = await bench.client.health.ping();
    expect(pong.ok).toBe(true);
    expect(Math.abs(pong.serverTime.getTime() - Date.now())).toBeLessThan(60_000);
    expect(pong.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('a title fetch expires after its TTL: the credit is refused with 0431', async () => {
    let offsetMs = 0;
    const client = bench.clientWith({ clock: () => new Date(Date.now() + offsetMs) });
    const account = ibftAccount(bench.simulator);
    const title = await client.accounts.titleFetch({
      account: account.iban,
      amount: { amount: 500_000, currency: 'PKR' },
      purposeCode: '0251',
    });
    // Both clocks move 31 minutes: the bank's (state.advance) and ours, so only the TTL is at stake.
    offsetMs = 31 * 60 * 1_000;
    bench.simulator.state.advance(offsetMs);
    try {
      const error = await client.remittances
        .credit(creditInput(account, { titleFetchId: title.titleFetchId }))
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ vendorCode: '0431', category: 'invalid_request' });
    } finally {
      bench.simulator.state.advance(-offsetMs);
    }
  });

  it('the bank refuses a clock skew above 300 s with 0118', async () => {
    const skewed = bench.clientWith({ clock: () => new Date(Date.now() - 10 * 60 * 1_000) });
    const error = await skewed.pool.balance().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ vendorCode: '0118', category: 'invalid_request' });
  });
});

describe.each(['aes-256-gcm', 'aes-128-ecb-hex'] as const)('payload encryption %s', (encryption) => {
  let bench: FaysalBench;
  beforeAll(async () => {
    bench = await startBench({ simulator: { encryption } });
  });
  afterAll(() => bench.close());

  it('round-trips a title fetch, a credit and an inquiry; params never travel in clear', async () => {
    const account = activeFaysalAccount(bench.simulator);
    const title = await bench.client.accounts.titleFetch({
      account: account.iban,
      amount: { amount: 500_000, currency: 'PKR' },
      purposeCode: '0251',
    });
    const input = creditInput(account, { titleFetchId: title.titleFetchId });
    const credit = await bench.client.remittances.credit(input);
    expect(credit.status).toBe('completed');
    const state = await bench.client.transactions.inquire({ partnerReference: input.partnerReference });
    expect(state.bankReference).toBe(credit.bankReference);
    for (const request of bench.simulator.state.requests()) {
      expect(request.body).not.toContain(account.iban);
      expect(JSON.parse(request.body).params).toHaveProperty('encryptedData');
    }
  });

  it('a client without the cipher is refused with -32003 (authentication)', async () => {
    const { noEncryption } = await import('../src/index.js');
    const plain = bench.clientWith({ cipher: noEncryption });
    const error = await plain.pool.balance().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ vendorCode: 'rpc:-32003', category: 'authentication' });
  });
});
