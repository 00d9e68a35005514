/**
 * Bytes of the push side's faults and checks (spec §9): a wrong key, invalid padding, and the byte-for-byte
 * ack check Coocon applies to our replies. @internal
 */
import { buildAck } from '../wire/coocon-envelope.js';
import { decryptCandidates, frameWith } from '../wire/coocon-frame.js';
import { cooconKeyBytes, type ResolvedWireOptions } from '../wire/coocon-wire-options.js';

/** A key that differs from the configured one (same length), for the `wrongKey` fault. */
export function wrongKeyOf(key: string | Uint8Array): Uint8Array {
  const bytes = cooconKeyBytes(key);
  return bytes.map((byte) => byte ^ 0x5a);
}

/** A frame whose decrypted padding is invalid under the right key (last pad byte 0x00). */
export function badPaddingFrame(wire: ResolvedWireOptions, plaintext: Uint8Array): Uint8Array {
  const key = wire.keys[0];
  if (key === undefined) return frameWith(wire, plaintext, undefined);
  const padded = Buffer.alloc(Math.ceil((plaintext.length + 1) / 16) * 16, 0x00);
  padded.set(plaintext);
  // ECB encrypts each block alone, so the first blocks of a padded encryption are the plaintext blocks
  // themselves: the last one ends in 0x00, which is never valid PKCS#7.
  const encrypted = key.cipher.encrypt(padded).subarray(0, padded.length);
  return wire.framer.encode(encrypted);
}

/** Whether `reply` is the ack of `plaintext`: decrypts, MTI + 10, code 0000, every other byte identical. */
export function isValidAck(wire: ResolvedWireOptions, plaintext: Uint8Array, reply: Buffer): boolean {
  try {
    const expected = Buffer.from(buildAck(wire, plaintext, '0000'));
    for (const candidate of decryptCandidates(wire, reply)) {
      if (candidate.plaintext.equals(expected)) return true;
    }
    return false;
  } catch {
    return false;
  }
}
