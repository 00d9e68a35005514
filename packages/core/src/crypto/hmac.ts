/**
 * HMAC on `node:crypto` (DESIGN §8: hot-path crypto never uses node-forge).
 */
import { createHmac, KeyObject } from 'node:crypto';
import { constantTimeEqual } from './constant-time.js';
import { invalidArgument, requireBytes, requireBytesOrText } from './input-checks.js';

/** Digest algorithms accepted by {@link hmac} and {@link verifyHmac}. */
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha384' | 'sha512';

const hmacAlgorithms: ReadonlySet<string> = new Set<HmacAlgorithm>(['sha1', 'sha256', 'sha384', 'sha512']);

/**
 * Computes HMAC-`algorithm` of `data` under `key` and returns the raw MAC bytes (encode them as the
 * vendor wants: `.toString('hex')`, `.toString('base64')`). Strings are taken as UTF-8.
 *
 * Throws a `ValidationError` naming `algorithm`, `key` or `data` for an invalid argument.
 */
export function hmac(
  algorithm: HmacAlgorithm,
  key: Uint8Array | string | KeyObject,
  data: Uint8Array | string,
): Buffer {
  if (!hmacAlgorithms.has(algorithm))
    throw invalidArgument('algorithm', 'must be sha1, sha256, sha384 or sha512');
  const keyMaterial = key instanceof KeyObject ? checkedSecretKey(key) : requireBytesOrText(key, 'key');
  return createHmac(algorithm, keyMaterial).update(requireBytesOrText(data, 'data')).digest();
}

/**
 * Recomputes the HMAC of `data` and compares it with `expectedMac` in constant time (lengths checked
 * first, DESIGN §8). Returns `false` on any mismatch, including a MAC of the wrong length.
 *
 * Throws a `ValidationError` only for an invalid argument (`expectedMac` must be bytes: decode the
 * vendor's hex or base64 first).
 */
export function verifyHmac(
  algorithm: HmacAlgorithm,
  key: Uint8Array | string | KeyObject,
  data: Uint8Array | string,
  expectedMac: Uint8Array,
): boolean {
  const expected = requireBytes(expectedMac, 'expectedMac');
  return constantTimeEqual(hmac(algorithm, key, data), expected);
}

function checkedSecretKey(key: KeyObject): KeyObject {
  if (key.type !== 'secret') throw invalidArgument('key', 'must be a secret KeyObject', 'invalid_type');
  return key;
}
