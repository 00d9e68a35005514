import { ValidationError } from '@wirebridge/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KiccClient } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

const refundAccount = { bankCode: '004', accountNumber: '12345678901234', holderName: '홍길동' };
const windowInput = {
  orderNumber: 'WIN-1',
  amount: 10_000,
  currency: 'KRW' as const,
  returnUrl: 'https://merchant.example/return',
  device: 'pc' as const,
  itemName: 'deposit',
};

async function fieldsOf(call: (client: KiccClient) => Promise<unknown>): Promise<string[]> {
  const error = await call(harness.client).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  // Nothing reached KICC: validation happens before any byte is sent.
  expect(harness.simulator.requests()).toHaveLength(0);
  return (error as ValidationError).issues.map((issue) => issue.path);
}

describe('bad input → ValidationError naming the field, and the simulator received nothing', () => {
  it.each([
    ['a negative amount', { amount: -5 }, 'amount'],
    ['a fractional amount', { amount: 10.5 }, 'amount'],
    ['a forbidden character in itemName', { itemName: 'deposit <script>' }, 'itemName'],
    ['a line break in holderName', { holderName: 'a\nb' }, 'holderName'],
    ['a holderName over 20 EUC-KR bytes', { holderName: '가나다라마바사아자차카' }, 'holderName'],
    ['an orderNumber over 40 chars', { orderNumber: 'x'.repeat(41) }, 'orderNumber'],
    ['a currency other than KRW', { currency: 'USD' }, 'currency'],
    ['a 2-digit bank code', { bankCode: '88' }, 'bankCode'],
    ['an expiry in the past', { expiresAt: new Date('2025-02-28T00:00:00Z') }, 'expiresAt'],
    ['fixed_renewal without the fixed account', { kind: 'fixed_renewal' }, 'fixedAccountNumber'],
    ['a phone with letters', { customer: { phone: '010-abc' } }, 'customer.phone'],
  ])('issue: %s', async (_label, override, field) => {
    expect(await fieldsOf((client) => client.virtualAccounts.issue(issueInput(override) as never))).toContain(
      field,
    );
  });

  it('issue: byte lengths follow byteLengthMode (7 Hangul = 14 EUC-KR bytes but 21 UTF-8 bytes)', async () => {
    const holderName = '가나다라마바사';
    const utf8Client = harness.newClient({ byteLengthMode: 'utf-8' });
    const error = await utf8Client.virtualAccounts
      .issue(issueInput({ holderName }) as never)
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['holderName']);
    expect(harness.simulator.requests()).toHaveLength(0);
    await harness.client.virtualAccounts.issue(issueInput({ holderName }) as never);
    expect(harness.simulator.requests()).toHaveLength(1);
  });

  it('issue: a malformed idempotency key in the call options', async () => {
    expect(
      await fieldsOf((client) =>
        client.virtualAccounts.issue(issueInput() as never, { idempotencyKey: 'has space' }),
      ),
    ).toContain('options.idempotencyKey');
  });

  it('createPaymentWindow: a relative returnUrl', async () => {
    expect(
      await fieldsOf((client) =>
        client.virtualAccounts.createPaymentWindow({ ...windowInput, returnUrl: '/return' }),
      ),
    ).toContain('returnUrl');
  });

  it('approve: an authorizationId with forbidden characters', async () => {
    expect(
      await fieldsOf((client) =>
        client.virtualAccounts.approve({ orderNumber: 'WIN-1', authorizationId: 'a|b' }),
      ),
    ).toContain('authorizationId');
  });

  it('cancel: a transactionId that is not a pgCno', async () => {
    expect(
      await fieldsOf((client) => client.virtualAccounts.cancel({ transactionId: '25030110452110000123;' })),
    ).toContain('transactionId');
  });

  it('refund: a refund account number with letters, and a partial amount without remainingAmount', async () => {
    const fields = await fieldsOf((client) =>
      client.virtualAccounts.refund({
        transactionId: '25030110452110000123',
        mode: 'settlement',
        amount: 1_000,
        refundAccount: { ...refundAccount, accountNumber: '1234-abcd' },
      }),
    );
    expect(fields).toEqual(expect.arrayContaining(['refundAccount.accountNumber']));
  });

  it('refund: an unknown mode', async () => {
    expect(
      await fieldsOf((client) =>
        client.virtualAccounts.refund({
          transactionId: '25030110452110000123',
          mode: 'instant' as never,
          refundAccount,
        }),
      ),
    ).toContain('mode');
  });

  it('get: an empty transactionId', async () => {
    expect(await fieldsOf((client) => client.virtualAccounts.get({ transactionId: '' }))).toContain(
      'transactionId',
    );
  });

  it('transactions.retrieve: an invalid idempotency key', async () => {
    expect(
      await fieldsOf((client) =>
        client.transactions.retrieve({ idempotencyKey: 'x'.repeat(61), transactionDate: new Date() }),
      ),
    ).toContain('idempotencyKey');
  });

  it('bulkDeactivate: a bad runId and a bad item', async () => {
    expect(
      await fieldsOf((client) =>
        client.virtualAccounts.bulkDeactivate([{ transactionId: 'x' }], { runId: 'has-dash' }),
      ),
    ).toContain('options.runId');
    expect(
      await fieldsOf((client) =>
        client.virtualAccounts.bulkDeactivate([{ transactionId: '' }], { runId: 'run1' }),
      ),
    ).toContain('items.0.transactionId');
  });
});
