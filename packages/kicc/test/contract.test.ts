import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type NockFixtureOptions, ReplayMismatchError, withNockFixture } from '@wirebridge/core/testing/nock';
import { describe, expect, it } from 'vitest';
import { KiccClient } from '../src/index.js';
import { startKiccSimulator } from '../src/testing/index.js';
import { createTestClock } from './support/kicc-harness.js';

/*
 * Contract tests (DESIGN §9): the exchanges of a full flow recorded from the simulator (or a sandbox) with
 * `WIREBRIDGE_NOCK_MODE=record`, scrubbed, committed under test/fixtures, and replayed in lockdown (the CI
 * default) with nothing reaching the network. Dates and keys are fixed so the requests are byte-stable.
 */
const fixturesDirectory = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureOrigin = 'http://kicc.invalid';
const merchant = { merchantId: 'T5102001', secretKey: 'contract-test-secret-not-real' };
const fixtureOptions: NockFixtureOptions = {
  fixturesDirectory,
  fixtureOrigin,
  // Personal data never lands in a fixture; account numbers are masked by core's scrubber on their own.
  secretNames: [
    'customerName',
    'customerContactNo',
    'customerMail',
    'depositName',
    'depositorName',
    'refundDepositName',
  ],
  // Response MACs are made with the made-up key above and must verify on replay.
  preserve: ['msgAuthValue'],
};

const issue = (amount: number) => ({
  orderNumber: 'RMT-CONTRACT-0001',
  amount,
  currency: 'KRW' as const,
  bankCode: '088',
  expiresAt: new Date('2025-03-03T14:59:59Z'),
  holderName: '와이어브릿지',
  itemName: '해외송금 입금',
  customer: { id: 'C000123', name: '홍길동', phone: '01012345678' },
});

/** The recorded flow: issue, inquiry, cancel, retrieve of the cancel. */
async function flow(baseUrl: string, amount = 1_500_000) {
  const clock = createTestClock();
  const client = new KiccClient({ environment: { baseUrl }, ...merchant, clock: clock.now });
  try {
    const account = await client.virtualAccounts.issue(issue(amount), {
      idempotencyKey: 'vai-contract-0001',
    });
    const fetched = await client.virtualAccounts.get({ transactionId: account.transactionId });
    const cancellation = await client.virtualAccounts.cancel({
      transactionId: account.transactionId,
      idempotencyKey: 'cnl-contract-0001',
      reason: 'policy deactivation',
    });
    const transaction = await client.transactions.retrieve({
      idempotencyKey: 'cnl-contract-0001',
      transactionDate: clock.now(),
    });
    return { account, fetched, cancellation, transaction };
  } finally {
    await client.close();
  }
}

describe('contract fixtures (nock, lockdown in CI)', () => {
  it('replays the issue → get → cancel → retrieve flow from the committed, scrubbed fixture', async () => {
    const result = await withNockFixture(
      'kicc-va-lifecycle.json',
      async (context) => {
        if (!context.recording) return flow(fixtureOrigin);
        const simulator = await startKiccSimulator({ merchants: [merchant], clock: createTestClock().now });
        try {
          return await flow(simulator.url);
        } finally {
          await simulator.close();
        }
      },
      fixtureOptions,
    );
    expect(result.account).toMatchObject({
      amount: 1_500_000,
      integrity: 'verified',
      status: 'awaiting_deposit',
    });
    expect(result.fetched.transactionId).toBe(result.account.transactionId);
    expect(result.cancellation).toMatchObject({
      transactionId: result.account.transactionId,
      vendorStatusCode: 'TS02',
    });
    expect(result.transaction).toMatchObject({
      kind: 'revise',
      cancelTransactionId: result.cancellation.cancelTransactionId,
    });
  });

  it('the committed fixture holds no secret key, full account number or personal data', async () => {
    const text = await readFile(join(fixturesDirectory, 'kicc-va-lifecycle.json'), 'utf8');
    for (const value of [merchant.secretKey, '홍길동', '01012345678', '와이어브릿지'])
      expect(text).not.toContain(value);
    expect(text).not.toMatch(/"accountNo":\s*"\d{14}"/);
    expect(text).toContain('"msgAuthValue"');
  });

  it('a request that differs by one byte (1 won) fails the replay', async () => {
    const replay = withNockFixture(
      'kicc-va-lifecycle.json',
      async () => {
        // The SDK sees the mismatch as a failed exchange; the fixture session reports the cause.
        await flow(fixtureOrigin, 1_500_001).catch(() => undefined);
      },
      fixtureOptions,
    );
    await expect(replay).rejects.toBeInstanceOf(ReplayMismatchError);
  });
});
