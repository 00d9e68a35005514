import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  computeMsgAuthValue,
  deriveBulkIdempotencyKey,
  formatKst,
  generateIdempotencyKey,
  parseKst,
  verifyMsgAuthValue,
} from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';

// Spec §10: no vendor vectors are public; every expected HMAC comes from an independent node:crypto oracle.
const secret = 'made-up-kicc-test-secret';
const oracle = (key: string, input: string) => createHmac('sha256', key).update(input).digest('hex');

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('msgAuthValue (spec §5, §10)', () => {
  it('is 64 lowercase hex over exactly "<pgCno>|<shopTransactionId>" for revise requests', () => {
    const value = computeMsgAuthValue(secret, [
      '25030110452110000123',
      'bd-policy0301-k2j4m6n3p5r2t4v6x7z5b2d4f6',
    ]);
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(value).toBe(oracle(secret, '25030110452110000123|bd-policy0301-k2j4m6n3p5r2t4v6x7z5b2d4f6'));
  });

  it('renders the approval amount as 1500000, never 1500000.0 or 1,500,000', () => {
    const value = computeMsgAuthValue(secret, ['25030110452110000123', 1_500_000, '20250301104521']);
    expect(value).toBe(oracle(secret, '25030110452110000123|1500000|20250301104521'));
    expect(value).not.toBe(oracle(secret, '25030110452110000123|1500000.0|20250301104521'));
    expect(value).not.toBe(oracle(secret, '25030110452110000123|1,500,000|20250301104521'));
  });

  it('changes when any input character or the key changes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 0xffff }),
        (pgCno, key, position, delta) => {
          const original = computeMsgAuthValue(secret, [pgCno, key]);
          const index = position % pgCno.length;
          const changed =
            pgCno.slice(0, index) +
            String.fromCharCode((pgCno.charCodeAt(index) + delta) % 0xd800 || 1) +
            pgCno.slice(index + 1);
          if (changed !== pgCno) expect(computeMsgAuthValue(secret, [changed, key])).not.toBe(original);
          expect(computeMsgAuthValue(`${secret}x`, [pgCno, key])).not.toBe(original);
          expect(original).toBe(oracle(secret, `${pgCno}|${key}`));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('accepts an uppercase copy of a valid value and refuses base64 of the same HMAC', () => {
    const parts = ['25030110452110000123', 1_500_000, '20250301104521'] as const;
    const hex = oracle(secret, parts.join('|'));
    expect(verifyMsgAuthValue(secret, parts, hex)).toBe(true);
    expect(verifyMsgAuthValue(secret, parts, hex.toUpperCase())).toBe(true);
    expect(verifyMsgAuthValue(secret, parts, Buffer.from(hex, 'hex').toString('base64'))).toBe(false);
    expect(verifyMsgAuthValue(secret, parts, `${hex.slice(0, 63)}${hex[63] === '0' ? '1' : '0'}`)).toBe(
      false,
    );
    expect(verifyMsgAuthValue(['unrelated', secret], parts, hex)).toBe(true);
    expect(verifyMsgAuthValue(['unrelated'], parts, hex)).toBe(false);
  });

  it('signs the cancel sent over the wire with the oracle value', async () => {
    harness = await startHarness();
    const account = await harness.client.virtualAccounts.issue(issueInput());
    await harness.client.virtualAccounts.cancel({
      transactionId: account.transactionId,
      idempotencyKey: 'cnl-vector-1',
    });
    const revise = harness.simulator.requests().at(-1)!.body as Record<string, unknown>;
    const key = harness.simulator.clientOptions().secretKey!;
    expect(revise.msgAuthValue).toBe(oracle(key, `${account.transactionId}|cnl-vector-1`));
  });
});

describe('key rotation (spec §5, §10)', () => {
  it('a response signed with the previous key passes', async () => {
    harness = await startHarness();
    const simulatorKey = harness.simulator.clientOptions().secretKey!;
    const client = harness.newClient({
      secretKey: undefined,
      secretKeys: { current: 'rotated-new-key', previous: simulatorKey },
    });
    const account = await client.virtualAccounts.issue(issueInput());
    expect(account.integrity).toBe('verified');
    expect(
      harness.simulator.requests().filter((request) => request.path.endsWith('retrieveTransaction')),
    ).toHaveLength(0);
  });

  it('a response signed with an unrelated key fails and goes down the resolver path', async () => {
    harness = await startHarness();
    const client = harness.newClient({ secretKey: 'an-unrelated-key' });
    const account = await client.virtualAccounts.issue(issueInput());
    expect(account.integrity).toBe('confirmed_by_inquiry');
    expect(
      harness.simulator.requests().filter((request) => request.path.endsWith('retrieveTransaction')),
    ).toHaveLength(1);
    expect(harness.simulator.accounts()).toHaveLength(1);
  });

  it('bad-msg-auth (one hex digit flipped) is confirmed by inquiry, never cancelled', async () => {
    harness = await startHarness();
    harness.simulator.inject({ fault: { kind: 'bad-msg-auth' } });
    const account = await harness.client.virtualAccounts.issue(issueInput());
    expect(account.integrity).toBe('confirmed_by_inquiry');
    expect(harness.simulator.requests().some((request) => request.path.endsWith('revise'))).toBe(false);
  });
});

describe('KST dates (spec §3, §10)', () => {
  it('at 2025-03-01T15:30:00Z the SDK sends cancelReqDate 20250302', async () => {
    harness = await startHarness();
    harness.clock.set(new Date('2025-03-01T10:00:00Z'));
    const account = await harness.client.virtualAccounts.issue(issueInput());
    harness.clock.set(new Date('2025-03-01T15:30:00Z'));
    await harness.client.virtualAccounts.cancel({ transactionId: account.transactionId });
    expect((harness.simulator.requests().at(-1)!.body as { cancelReqDate: string }).cancelReqDate).toBe(
      '20250302',
    );
  });

  it('formats and parses yyyyMMdd and yyyyMMddHHmmss in KST', () => {
    expect(formatKst(new Date('2025-03-01T15:30:00Z'), 'yyyyMMdd')).toBe('20250302');
    expect(formatKst(new Date('2025-03-01T14:59:59Z'), 'yyyyMMddHHmmss')).toBe('20250301235959');
    expect(parseKst('20250303235959').toISOString()).toBe('2025-03-03T14:59:59.000Z');
    expect(parseKst('20250302').toISOString()).toBe('2025-03-01T15:00:00.000Z');
    expect(() => parseKst('20250230')).toThrow();
    expect(() => parseKst('2025030')).toThrow();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (date) => {
          const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
          expect(parseKst(formatKst(seconds, 'yyyyMMddHHmmss')).getTime()).toBe(seconds.getTime());
        },
      ),
    );
  });

  it('the deterministic bulk id changes at KST midnight, not at UTC midnight', () => {
    const beforeKstMidnight = new Date('2025-03-01T14:59:59Z');
    const afterKstMidnight = new Date('2025-03-01T15:00:00Z');
    const beforeUtcMidnight = new Date('2025-03-01T23:59:59Z');
    const afterUtcMidnight = new Date('2025-03-02T00:00:00Z');
    const id = (day: Date) => deriveBulkIdempotencyKey('policy0301', '25030110452110000123', day);
    expect(id(beforeKstMidnight)).not.toBe(id(afterKstMidnight));
    expect(id(beforeUtcMidnight)).toBe(id(afterUtcMidnight));
  });
});

describe('ids (spec §8, §10)', () => {
  it('bulk ids follow "bd-" + runId + "-" + 26 base32 chars of SHA-256(runId|pgCno|KST day), stable across reruns', async () => {
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update('policy0301|25030110452110000123|20250302').digest();
    // Independent base32 (RFC 4648, lowercase) of the digest.
    let bits = '';
    for (const byte of digest) bits += byte.toString(2).padStart(8, '0');
    let expected = '';
    for (let index = 0; index + 5 <= bits.length && expected.length < 26; index += 5) {
      expected += 'abcdefghijklmnopqrstuvwxyz234567'[Number.parseInt(bits.slice(index, index + 5), 2)];
    }
    const day = new Date('2025-03-02T00:12:03Z');
    const key = deriveBulkIdempotencyKey('policy0301', '25030110452110000123', day);
    expect(key).toBe(`bd-policy0301-${expected}`);
    expect(key.length).toBeLessThanOrEqual(50);
    expect(
      deriveBulkIdempotencyKey('policy0301', '25030110452110000123', new Date('2025-03-02T14:00:00Z')),
    ).toBe(key);
  });

  it('generated shopTransactionIds are ≤ 60 chars of [A-Za-z0-9_-] and unique over 10⁶ calls', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 1_000_000; index++) {
      const key = generateIdempotencyKey();
      if (index < 1_000) expect(key).toMatch(/^[A-Za-z0-9_-]{1,60}$/);
      seen.add(key);
    }
    expect(seen.size).toBe(1_000_000);
    expect(generateIdempotencyKey('vai_prefix_20_chars_').length).toBeLessThanOrEqual(60);
  });
});
