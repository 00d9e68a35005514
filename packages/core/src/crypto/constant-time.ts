/**
 * Constant-time comparison of MACs, digests and tokens (DESIGN §8).
 */
import { timingSafeEqual } from 'node:crypto';
import { asBuffer, requireBytesOrText } from './input-checks.js';

/**
 * Compares two byte strings in time independent of where they differ. Lengths are compared first
 * and different lengths return `false` (never throw): a MAC's length is public, its bytes are not.
 * Strings are compared as their UTF-8 bytes, so a hex MAC can be compared as text; note that this is
 * case-sensitive, normalise case first if the peer's hex case may vary.
 *
 * Throws a `ValidationError` naming `a` or `b` only when an argument is not a string or bytes.
 */
export function constantTimeEqual(a: Uint8Array | string, b: Uint8Array | string): boolean {
  const left = requireBytesOrText(a, 'a');
  const right = requireBytesOrText(b, 'b');
  if (left.length !== right.length) return false;
  return timingSafeEqual(asBuffer(left), asBuffer(right));
}
