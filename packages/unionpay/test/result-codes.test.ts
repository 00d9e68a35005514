import { describe, expect, it } from 'vitest';
import { mapUnionPayResult } from '../src/index.js';

// Spec §6, row by row: [code, context, category, retryable].
const TABLE: ReadonlyArray<[string, 'payment' | 'payout' | 'query' | 'file', string, boolean]> = [
  ['00', 'payment', 'success', false],
  ['A6', 'payment', 'success', false],
  ['01', 'payment', 'declined', false],
  ['01', 'payout', 'pending', false],
  ['02', 'payment', 'unavailable', true],
  ['03', 'payment', 'pending', false],
  ['04', 'payment', 'pending', false],
  ['05', 'payment', 'pending', false],
  ['06', 'payment', 'unavailable', true],
  ['10', 'payment', 'invalid_request', false],
  ['11', 'payment', 'authentication', false],
  ['12', 'payment', 'duplicate', false],
  ['12', 'payout', 'pending', false],
  ['13', 'payment', 'invalid_request', false],
  ['32', 'payment', 'authentication', false],
  ['33', 'payment', 'limit_exceeded', false],
  ['34', 'payment', 'not_found', false],
  ['34', 'payout', 'pending', false],
  ['35', 'payment', 'invalid_request', false],
  ['36', 'payment', 'invalid_request', false],
  ['37', 'payment', 'limit_exceeded', true],
  ['38', 'payment', 'declined', false],
  ['45', 'payment', 'duplicate', false],
  ['30', 'payment', 'declined', false],
  ['31', 'payment', 'declined', false],
  ['39', 'payment', 'declined', false],
  ['40', 'payment', 'declined', false],
  ['41', 'payment', 'declined', false],
  ['42', 'payment', 'declined', false],
  ['43', 'payment', 'declined', false],
  ['44', 'payment', 'declined', false],
  ['46', 'payment', 'declined', false],
  ['60', 'payment', 'declined', false],
  ['60', 'payout', 'pending', false],
  ['61', 'payout', 'declined', false],
  ['75', 'payment', 'declined', false],
  ['99', 'payment', 'declined', false],
  ['98', 'file', 'not_found', false],
  ['98', 'payment', 'declined', false],
  ['03', 'payout', 'pending', false],
  ['04', 'payout', 'pending', false],
  ['05', 'payout', 'pending', false],
  ['34', 'query', 'not_found', false],
  ['ZZ', 'payment', 'unknown', false],
  ['47', 'payment', 'unknown', false],
];

describe('result codes (spec §6)', () => {
  it.each(TABLE)('%s in %s context → %s, retryable %s', (code, context, category, retryable) => {
    expect(mapUnionPayResult(code, context)).toEqual({ category, retryable });
  });
});
