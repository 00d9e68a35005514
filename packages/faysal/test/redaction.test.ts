import { inspect } from 'node:util';
import type { Logger } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeFaysalAccount,
  creditInput,
  type FaysalBench,
  nextReference,
  startBench,
  testPartnerKey,
} from './support/faysal-bench.js';

// DESIGN §7: over a full flow, neither the logs nor the error details hold a secret, a key, a full account number,
// a CNIC or personal data.
describe('no secrets in logs or errors', () => {
  const lines: string[] = [];
  const capture = (level: string) => (object: unknown, message?: string) => {
    lines.push(`${level} ${message ?? ''} ${JSON.stringify(object)}`);
  };
  const logger: Logger = {
    debug: capture('debug'),
    info: capture('info'),
    warn: capture('warn'),
    error: capture('error'),
  };
  let bench: FaysalBench;

  beforeAll(async () => {
    bench = await startBench({ logger, simulator: { encryption: 'aes-256-gcm' } });
  });
  afterAll(() => bench.close());

  it('title fetch, credit, lost reply, failure, return, errors: nothing sensitive is written', async () => {
    const { client, simulator } = bench;
    const account = activeFaysalAccount(simulator);
    const errors: unknown[] = [];
    const cnic = account.cnic;
    await client.accounts.titleFetch({
      account: account.iban,
      cnic,
      amount: { amount: 500_000, currency: 'PKR' },
      purposeCode: '0251',
    });
    const input = creditInput(account, {
      beneficiary: { account: account.iban, bankImd: account.bankImd, title: account.title, cnic },
    });
    simulator.inject({ method: 'remittance.credit', kind: 'reset', commit: true });
    await client.remittances.credit(input);
    simulator.state.failCredit(input.partnerReference);
    await client.remittances.return({
      returnReference: nextReference('RT'),
      partnerReference: input.partnerReference,
      reason: 'credit_failed',
    });
    // Failures whose errors carry details.
    errors.push(
      await client.remittances
        .credit({ ...input, amount: { amount: 1, currency: 'PKR' } })
        .catch((error: unknown) => error),
    );
    errors.push(
      await client.accounts
        .titleFetch({
          account: `${account.iban.slice(0, 23)}9`,
          cnic,
          amount: { amount: 1, currency: 'PKR' },
          purposeCode: '0251',
        })
        .catch((error: unknown) => error),
    );
    simulator.inject({ method: 'account.balance', kind: 'badResponseSignature' });
    errors.push(await client.pool.balance().catch((error: unknown) => error));
    simulator.inject({ method: 'remittance.credit', kind: 'reset', commit: true });
    simulator.inject({ method: 'transaction.inquiry', kind: 'http502', times: 3 });
    errors.push(
      await bench
        .clientWith({})
        .remittances.credit(creditInput(account))
        .catch((error: unknown) => error),
    );
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    expect(lines.length).toBeGreaterThan(5);

    const haystack = [
      ...lines,
      ...errors.map((error) => JSON.stringify(error)),
      ...errors.map((error) => String((error as Error).message)),
      ...errors.map((error) => String((error as Error).stack)),
      // What a logger that walks the cause chain would print.
      ...errors.map((error) => inspect(error, { depth: 12 })),
    ].join('\n');
    const key = testPartnerKey();
    const forbidden = [
      account.iban,
      account.iban.slice(4),
      `${account.iban.slice(0, 23)}9`,
      account.accountNumber,
      cnic,
      'M12345678',
      'KIM MINJI',
      account.title,
      key.privateKeyPem.split('\n')[1]!,
      simulator.encryptionKey!.key.toString('base64'),
      simulator.encryptionKey!.key.toString('hex'),
    ];
    for (const secret of forbidden) expect(haystack, secret.slice(0, 6)).not.toContain(secret);
    expect(haystack).not.toMatch(/X-Api-Signature["']?\s*[:=]\s*["']?[A-Za-z0-9+/]{40}/i);
    expect(haystack).not.toMatch(/encryptedData["']?\s*:\s*["'][A-Za-z0-9+/]{20}/);
  });
});
