import { ConfigError, ValidationError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaysalClient, rsaSha256Signer } from '../src/index.js';
import {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  startBench,
  testPartnerKey,
} from './support/faysal-bench.js';

const fieldsOf = (error: unknown) => (error as ValidationError).issues.map((issue) => issue.path);

// Bad input → ValidationError naming the field, before any byte is sent (DESIGN §2 step 1).
describe('bad input never reaches the bank', () => {
  let bench: FaysalBench;
  let account: ReturnType<typeof activeFaysalAccount>;
  beforeAll(async () => {
    bench = await startBench();
    account = activeFaysalAccount(bench.simulator);
  });
  afterAll(() => bench.close());

  const expectRejected = async (call: () => Promise<unknown>, field: string) => {
    const before = bench.simulator.state.requests().length;
    const error = await call().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(fieldsOf(error)).toContain(field);
    expect(bench.simulator.state.requests().length).toBe(before);
  };

  it('titleFetch: IBAN with a bad checksum, bad CNIC, non-PKR amount, bad purpose code', async () => {
    const base = { account: account.iban, amount: { amount: 100, currency: 'PKR' }, purposeCode: '0251' };
    const badIban = `${account.iban.slice(0, 23)}${account.iban.endsWith('0') ? '1' : '0'}`;
    await expectRejected(() => bench.client.accounts.titleFetch({ ...base, account: badIban }), 'account');
    await expectRejected(() => bench.client.accounts.titleFetch({ ...base, cnic: '12345-123456-1' }), 'cnic');
    await expectRejected(
      () => bench.client.accounts.titleFetch({ ...base, amount: { amount: 100, currency: 'USD' } }),
      'amount.currency',
    );
    await expectRejected(
      () => bench.client.accounts.titleFetch({ ...base, purposeCode: '25' }),
      'purposeCode',
    );
    await expectRejected(() => bench.client.accounts.titleFetch({ ...base, bankImd: '12345' }), 'bankImd');
  });

  it('credit: beneficiary IBAN, CNIC, fractional amount, partnerReference, fxRate, purposeText with 9999', async () => {
    const input = creditInput(account);
    await expectRejected(
      () =>
        bench.client.remittances.credit({
          ...input,
          beneficiary: { ...input.beneficiary, account: 'PK36SCBL000000112345670' },
        }),
      'beneficiary.account',
    );
    await expectRejected(
      () => bench.client.remittances.credit({ ...input, beneficiary: { ...input.beneficiary, cnic: '123' } }),
      'beneficiary.cnic',
    );
    await expectRejected(
      () => bench.client.remittances.credit({ ...input, amount: { amount: 10.5, currency: 'PKR' } }),
      'amount.amount',
    );
    await expectRejected(
      () => bench.client.remittances.credit({ ...input, partnerReference: 'has spaces!' }),
      'partnerReference',
    );
    await expectRejected(
      () => bench.client.remittances.credit({ ...input, source: { ...input.source, fxRate: '0.123456789' } }),
      'source.fxRate',
    );
    await expectRejected(
      () => bench.client.remittances.credit({ ...input, purposeCode: '9999' }),
      'purposeText',
    );
    await expectRejected(
      () => bench.client.remittances.credit({ ...input, remitter: { ...input.remitter, country: 'Korea' } }),
      'remitter.country',
    );
  });

  it('inquiry: none or a malformed key', async () => {
    await expectRejected(
      () => bench.client.transactions.inquire({ rrn: '12', stan: '000001', txnDate: new Date() }),
      'rrn',
    );
  });

  it('return: bad reason and bad returnReference', async () => {
    const base = { returnReference: 'RT-1', partnerReference: 'WB-1', reason: 'credit_failed' as const };
    await expectRejected(
      () => bench.client.remittances.return({ ...base, reason: 'because' as never }),
      'reason',
    );
    await expectRejected(
      () => bench.client.remittances.return({ ...base, returnReference: 'x'.repeat(36) }),
      'returnReference',
    );
  });

  it('balance, banks and ping: bad call options', async () => {
    await expectRejected(() => bench.client.pool.balance({ timeoutMs: -1 }), 'options.timeoutMs');
    await expectRejected(() => bench.client.referenceData.banks({ maxAttempts: 0 }), 'options.maxAttempts');
    await expectRejected(() => bench.client.health.ping({ timeoutMs: 0 }), 'options.timeoutMs');
  });

  it('the validation error does not echo the account number', async () => {
    const badIban = 'PK36SCBL0000001123456703';
    const error = await bench.client.accounts
      .titleFetch({ account: badIban, amount: { amount: 100, currency: 'PKR' }, purposeCode: '0251' })
      .catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain(badIban);
    expect(String((error as Error).message)).not.toContain(badIban);
  });
});

describe('client options', () => {
  const key = testPartnerKey();
  const signer = rsaSha256Signer({ privateKey: key.privateKeyPem, bankPublicKeys: [key.publicKeyPem] });

  it('refuses http without allowInsecureHttp, a missing base URL, and a bad timeout, naming the option', () => {
    expect(
      () =>
        new FaysalClient({
          environment: 'sandbox',
          baseUrls: { sandbox: 'http://127.0.0.1:1' },
          partnerId: 'P',
          signer,
        }),
    ).toThrow(/must be https/);
    expect(
      () => new FaysalClient({ environment: 'production', baseUrls: {}, partnerId: 'P', signer }),
    ).toThrow(/baseUrls.production/);
    const error = (() => {
      try {
        new FaysalClient({
          environment: 'sandbox',
          baseUrls: { sandbox: 'https://faysal.invalid' },
          partnerId: 'P',
          signer,
          timeouts: { credit: -5 },
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('timeouts.credit');
  });

  it('refuses tls.pins rather than silently not pinning', () => {
    expect(
      () =>
        new FaysalClient({
          environment: 'sandbox',
          baseUrls: { sandbox: 'https://faysal.invalid' },
          partnerId: 'P',
          signer,
          tls: { pins: ['sha256/AAAA'] },
        }),
    ).toThrow(/tls.pins/);
  });

  it('refuses an unreadable signer key without echoing it', () => {
    const error = (() => {
      try {
        rsaSha256Signer({ privateKey: 'not a key SECRET-MATERIAL', bankPublicKeys: [key.publicKeyPem] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(JSON.stringify(error)).not.toContain('SECRET-MATERIAL');
  });
});
