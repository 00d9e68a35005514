import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '@wirebridge/core';

/**
 * `msgAuthValue`: lowercase hex of HMAC-SHA256, key = UTF-8 bytes of the secret, message = the parts joined
 * with a single `|` (spec §5). Numbers are rendered in plain decimal (`1500000`, never `1500000.0`).
 */
export function computeMsgAuthValue(secretKey: string, parts: ReadonlyArray<string | number>): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8'))
    .update(Buffer.from(parts.map(renderPart).join('|'), 'utf8'))
    .digest('hex');
}

/**
 * Checks a received `msgAuthValue` against every key given (current and previous during rotation, spec §5).
 * The received value is lowercase-normalized (an uppercase copy passes), then compared in constant time on
 * equal-length buffers; base64 or any other encoding fails.
 */
export function verifyMsgAuthValue(
  secretKeys: string | readonly string[],
  parts: ReadonlyArray<string | number>,
  received: string,
): boolean {
  if (typeof received !== 'string' || !/^[0-9a-fA-F]{64}$/.test(received)) return false;
  const receivedBytes = Buffer.from(received.toLowerCase(), 'utf8');
  const keys = typeof secretKeys === 'string' ? [secretKeys] : secretKeys;
  let matched = false;
  // Every key is checked (no early exit), so timing does not reveal which key matched.
  for (const key of keys) {
    const expected = Buffer.from(computeMsgAuthValue(key, parts), 'utf8');
    if (expected.length === receivedBytes.length && timingSafeEqual(expected, receivedBytes)) matched = true;
  }
  return matched;
}

function renderPart(part: string | number): string {
  if (typeof part === 'number') {
    // KRW amounts are whole won: a safe integer, rendered without exponent, separators or decimals.
    if (!Number.isSafeInteger(part)) {
      throw new ValidationError({
        message: 'Invalid msgAuthValue part',
        issues: [{ path: 'parts', message: 'numbers must be safe integers', code: 'invalid_type' }],
      });
    }
    return part.toFixed(0);
  }
  return part;
}
