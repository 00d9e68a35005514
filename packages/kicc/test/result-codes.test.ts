import { OutcomeUnknownError } from '@wirebridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KiccError, mapKiccResult } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';

// Spec §6, row by row: resCd → category, retryable.
const table: ReadonlyArray<[string, string, boolean]> = [
  ['VTIM', 'pending', true],
  ['VT00', 'pending', true],
  ['8521', 'limit_exceeded', false],
  ['8035', 'insufficient_funds', false],
  ['8527', 'insufficient_funds', false],
  ['8311', 'declined', false],
  ['8314', 'declined', false],
  ['8315', 'declined', false],
  ['8316', 'declined', false],
  ['8350', 'declined', false],
  ['8373', 'declined', false],
  ['R101', 'duplicate', false],
  ['R102', 'duplicate', false],
  ['R201', 'not_found', false],
  ['R202', 'duplicate', false],
  ['R203', 'invalid_request', false],
  ['R204', 'invalid_request', false],
  ['R301', 'authentication', false],
  ['R302', 'authentication', false],
  ['R401', 'invalid_request', false],
  ['R501', 'unavailable', true],
  ['R999', 'unknown', false],
  ['9876', 'unknown', false], // other non-0000: a definite failure, not an unknown outcome
];

describe('result codes (spec §6)', () => {
  it('maps 0000 to success', () => {
    expect(mapKiccResult('0000')).toEqual({ category: 'success', retryable: false });
  });

  it.each(table)('maps %s to %s (retryable %s)', (code, category, retryable) => {
    expect(mapKiccResult(code)).toEqual({ category, retryable });
  });

  it('lets options.resultCodes override the defaults', () => {
    const overrides = {
      R999: { category: 'unavailable' as const, retryable: true },
      X001: { category: 'declined' as const, retryable: false },
    };
    expect(mapKiccResult('R999', overrides)).toEqual({ category: 'unavailable', retryable: true });
    expect(mapKiccResult('X001', overrides)).toEqual({ category: 'declined', retryable: false });
    expect(mapKiccResult('R101', overrides)).toEqual({ category: 'duplicate', retryable: false });
  });
});

describe('result codes over the wire become KiccError with category and retryable', () => {
  let harness: Harness;
  let transactionId: string;
  beforeAll(async () => {
    harness = await startHarness();
    transactionId = (await harness.client.virtualAccounts.issue(issueInput())).transactionId;
  });
  afterAll(async () => {
    await harness.close();
  });

  it.each(table.filter(([, category]) => category !== 'pending'))(
    '%s → KiccError %s',
    async (code, category, retryable) => {
      harness.simulator.inject({
        match: { path: '/api/trades/retrieveVirtualAccount' },
        fault: { kind: 'res-code', resCd: code, resMsg: 'simulated' },
      });
      const error = await harness.client.virtualAccounts
        .get({ transactionId }, { maxAttempts: 1 })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(KiccError);
      expect(error).toMatchObject({
        category,
        retryable,
        vendorCode: code,
        vendorMessage: 'simulated',
        vendor: 'kicc',
      });
    },
  );

  it('a pending code on a keyed call goes to the resolver instead of the caller (VT00 on cancel)', async () => {
    const account = await harness.client.virtualAccounts.issue(issueInput());
    harness.simulator.inject({
      match: { path: '/api/trades/revise' },
      fault: { kind: 'res-code', resCd: 'VT00' },
    });
    // VT00 from a simulator that did not execute: re-query and inquiry find nothing, then one resend.
    const cancellation = await harness.client.virtualAccounts.cancel({
      transactionId: account.transactionId,
    });
    expect(cancellation.transactionId).toBe(account.transactionId);
    expect(
      harness.simulator.accounts().find((each) => each.transactionId === account.transactionId)?.cancelCount,
    ).toBe(1);
  });

  it('an HTTP 4xx is an invalid_request KiccError carrying the status, and is not retried', async () => {
    const before = harness.simulator.requests().length;
    harness.simulator.inject({
      match: { path: '/api/trades/retrieveVirtualAccount' },
      fault: { kind: 'http-status', status: 400 },
    });
    const error = await harness.client.virtualAccounts
      .get({ transactionId })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KiccError);
    expect(error).toMatchObject({ category: 'invalid_request', retryable: false, httpStatus: 400 });
    expect(harness.simulator.requests().length - before).toBe(1);
  });

  it('a client-level override changes what the caller sees', async () => {
    const client = harness.newClient({ resultCodes: { R999: { category: 'unavailable', retryable: true } } });
    harness.simulator.inject({
      match: { path: '/api/trades/retrieveVirtualAccount' },
      fault: { kind: 'res-code', resCd: 'R999' },
    });
    const error = await client.virtualAccounts
      .get({ transactionId }, { maxAttempts: 1 })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ category: 'unavailable', retryable: true });
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
  });
});
