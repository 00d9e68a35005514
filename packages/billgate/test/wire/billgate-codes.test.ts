import { describe, expect, it } from 'vitest';
import { mapBillgateResult } from '../../src/index.js';

// spec §6, row by row. The expected values are copied from the spec, not from the implementation.
const table = [
  ['0000', undefined, 'success', false],
  ['0920', '01', 'unavailable', true],
  ['0920', '04', 'unknown', false],
  ['9999', '00', 'unknown', false],
  ['B001', undefined, 'invalid_request', false],
  ['B002', undefined, 'authentication', false],
  ['B101', undefined, 'not_found', false],
  ['B102', undefined, 'duplicate', false],
  ['B103', undefined, 'duplicate', false],
  ['B104', undefined, 'invalid_request', false],
  ['B105', undefined, 'declined', false],
  ['B201', undefined, 'limit_exceeded', false],
  ['B202', undefined, 'declined', false],
  ['B203', undefined, 'declined', false],
  ['B901', undefined, 'unavailable', true],
  ['B902', undefined, 'pending', true],
  ['Z999', undefined, 'declined', false],
  ['1234', '56', 'declined', false],
] as const;

describe('result codes (spec §6)', () => {
  it.each(table)('%s/%s ⇒ %s, retryable %s', (code, detail, category, retryable) => {
    expect(mapBillgateResult(code, detail)).toEqual({ category, retryable });
  });

  it('the synthetic unknown-outcome codes 0920/02 and 0920/03 are never a retryable decline', () => {
    for (const detail of ['02', '03']) {
      expect(mapBillgateResult('0920', detail).retryable).toBe(false);
    }
  });
});
