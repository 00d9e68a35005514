import { createHash, randomUUID } from 'node:crypto';
import { ValidationError } from '@wirebridge/core';
import { formatKst } from './kicc-kst.js';

const base32Alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lowercase alphabet, no padding. */
function base32Lower(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += base32Alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += base32Alphabet[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * A fresh `shopTransactionId` (spec §3: ≤ 60 chars of `[A-Za-z0-9_-]`, unique per KST day): the prefix, a dash
 * and the 32 hex digits of a random UUID (122 random bits; `randomUUID` draws from a cached entropy pool, so
 * minting keys stays cheap on the hot path). @param prefix `[A-Za-z0-9_]{1,20}` @default 'wb'
 */
export function generateIdempotencyKey(prefix = 'wb'): string {
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_]{1,20}$/.test(prefix)) {
    throw new ValidationError({
      message: 'Invalid idempotency key prefix',
      issues: [{ path: 'prefix', message: 'must be 1–20 of [A-Za-z0-9_]', code: 'invalid_format' }],
    });
  }
  return `${prefix}-${randomUUID().replaceAll('-', '')}`;
}

/**
 * The deterministic `shopTransactionId` of one bulk-deactivation item (spec §8 step 3):
 * `"bd-" + runId + "-" + base32lower(SHA-256(runId|transactionId|KST yyyyMMdd))[0..25]`.
 * Stable across reruns on the same KST day; changes at KST midnight, not UTC midnight.
 */
export function deriveBulkIdempotencyKey(runId: string, transactionId: string, day: Date): string {
  const digest = createHash('sha256')
    .update(`${runId}|${transactionId}|${formatKst(day, 'yyyyMMdd')}`, 'utf8')
    .digest();
  return `bd-${runId}-${base32Lower(digest).slice(0, 26)}`;
}
