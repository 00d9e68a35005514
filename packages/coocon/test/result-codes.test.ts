import { describe, expect, it } from 'vitest';
import { COOCON_RESULT_CODES, CooconError } from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support.js';

/** spec §6, as written there: code → category, retryable. */
const specTable: Array<[string, string, boolean]> = [
  ['0000', 'success', false],
  ['A001', 'invalid_request', false],
  ['A002', 'authentication', false],
  ['A003', 'authentication', false],
  ['A004', 'unavailable', true],
  ['B001', 'not_found', false],
  ['B002', 'duplicate', false],
  ['B003', 'duplicate', false],
  ['B004', 'limit_exceeded', false],
  ['B005', 'invalid_request', false],
  ['B006', 'declined', false],
  ['C001', 'pending', true],
  ['C002', 'unavailable', true],
  ['9999', 'unknown', false],
];

describe('result codes table (spec §6)', () => {
  it.each(specTable)('%s ⇒ %s, retryable %s (data)', (code, category, retryable) => {
    expect(COOCON_RESULT_CODES[code]).toEqual({ category, retryable });
  });

  // Over the wire: the simulator answers get() with each non-success code; the client must surface it as
  // CooconError with that category and retryability (retryable codes are retried: 3 requests).
  const errors = specTable.filter(([code]) => code !== '0000' && code !== 'C001');
  let harness: Harness;
  it.each([...errors, ['Z123', 'unknown', false] as [string, string, boolean]])(
    'a %s answer surfaces as CooconError %s, retryable %s',
    async (code, category, retryable) => {
      harness = await startHarness();
      try {
        harness.simulator.inject('code', { value: code, times: 3 });
        const failure = await harness.client.virtualAccounts
          .get({ merchantReference: 'ANY' })
          .catch((error) => error);
        expect(failure).toBeInstanceOf(CooconError);
        expect(failure).toMatchObject({ category, retryable, vendorCode: code, vendorMessage: 'INJECTED' });
        expect(harness.simulator.requests).toHaveLength(retryable ? 3 : 1);
      } finally {
        await harness.close();
      }
    },
  );

  it('C001 (pending) on a keyed call runs the resolver instead of failing', async () => {
    harness = await startHarness();
    try {
      harness.simulator.inject('code', { value: 'C001' });
      const account = await harness.client.virtualAccounts.issue(issueInput('VA-C001'));
      expect(account.merchantReference).toBe('VA-C001');
      expect(harness.simulator.requests[1]?.kind).toBe('inquiry');
    } finally {
      await harness.close();
    }
  });

  it('resultCodes option extends the table', async () => {
    harness = await startHarness({ resultCodes: { Z123: { category: 'declined', retryable: false } } });
    try {
      harness.simulator.inject('code', { value: 'Z123' });
      const failure = await harness.client.virtualAccounts
        .get({ merchantReference: 'ANY' })
        .catch((error) => error);
      expect(failure).toMatchObject({ category: 'declined', vendorCode: 'Z123' });
    } finally {
      await harness.close();
    }
  });
});
