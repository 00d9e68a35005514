/**
 * The SEED block function and key schedule (RFC 4269 §2), on 32-bit words.
 *
 * Hot path (DESIGN §10): the key schedule runs once per cipher, and a block is transformed in place
 * in a caller-owned four-word state, so encrypting a message allocates nothing per block.
 * @internal
 */
import { SS0, SS1, SS2, SS3 } from './seed-tables.js';

/** SEED's block and key size in bytes. @internal */
export const SEED_BLOCK_BYTES = 16;

const ROUNDS = 16;

/** RFC 4269 §2.2: G(X) = SS3[X3] ^ SS2[X2] ^ SS1[X1] ^ SS0[X0], X0 the least significant byte. */
function g(x: number): number {
  return SS0[x & 0xff]! ^ SS1[(x >>> 8) & 0xff]! ^ SS2[(x >>> 16) & 0xff]! ^ SS3[x >>> 24]!;
}

/**
 * Expands a 16-byte key into the 32 round-key words of encryption (RFC 4269 §2.4).
 * `KC_i` is the golden-ratio constant 0x9e3779b9 rotated left by `i`, as tabulated in the RFC.
 * @internal
 */
export function expandSeedKey(key: Uint8Array): Uint32Array {
  let k0 = readWord(key, 0);
  let k1 = readWord(key, 4);
  let k2 = readWord(key, 8);
  let k3 = readWord(key, 12);
  const roundKeys = new Uint32Array(2 * ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    const constant = ((0x9e3779b9 << round) | (0x9e3779b9 >>> (32 - round))) >>> 0;
    roundKeys[2 * round] = g((k0 + k2 - constant) | 0);
    roundKeys[2 * round + 1] = g((k1 - k3 + constant) | 0);
    if (round % 2 === 0) {
      // Odd RFC round (1, 3, …): K0||K1 rotates right by 8 bits.
      const carry = k0;
      k0 = (k0 >>> 8) | (k1 << 24);
      k1 = (k1 >>> 8) | (carry << 24);
    } else {
      // Even RFC round: K2||K3 rotates left by 8 bits.
      const carry = k2;
      k2 = (k2 << 8) | (k3 >>> 24);
      k3 = (k3 << 8) | (carry >>> 24);
    }
  }
  return roundKeys;
}

/**
 * The decryption schedule: SEED is a Feistel network, so decryption is encryption with the round
 * keys in reverse round order (RFC 4269 §2.1). Precomputing it keeps one branch-free block function.
 * @internal
 */
export function reverseSeedRoundKeys(encryptionKeys: Uint32Array): Uint32Array {
  const decryptionKeys = new Uint32Array(2 * ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    decryptionKeys[2 * round] = encryptionKeys[2 * (ROUNDS - 1 - round)]!;
    decryptionKeys[2 * round + 1] = encryptionKeys[2 * (ROUNDS - 1 - round) + 1]!;
  }
  return decryptionKeys;
}

/**
 * Transforms one block held as four big-endian words `[L0, L1, R0, R1]` in place, with the
 * encryption or the reversed schedule. The 16th round does not swap halves (RFC 4269 §2.1), so the
 * result is `[R0, R1, L0, L1]` of the unswapped in-place rounds.
 * @internal
 */
export function seedTransformBlock(roundKeys: Uint32Array, state: Uint32Array): void {
  let l0 = state[0]!;
  let l1 = state[1]!;
  let r0 = state[2]!;
  let r1 = state[3]!;
  for (let index = 0; index < 2 * ROUNDS; index += 4) {
    // Round with keys (index, index + 1): L ^= F(R). F per RFC 4269 §2.1:
    //   a = R0^K0, b = R1^K1; t1 = G(a^b); t2 = G(t1 + a); D' = G(t2 + t1); C' = D' + t2.
    let c = r0 ^ roundKeys[index]!;
    let d = r1 ^ roundKeys[index + 1]!;
    d = g(d ^ c);
    c = g((c + d) | 0);
    d = g((d + c) | 0);
    c = (c + d) | 0;
    l0 ^= c;
    l1 ^= d;
    // Next round with keys (index + 2, index + 3): R ^= F(L).
    c = l0 ^ roundKeys[index + 2]!;
    d = l1 ^ roundKeys[index + 3]!;
    d = g(d ^ c);
    c = g((c + d) | 0);
    d = g((d + c) | 0);
    c = (c + d) | 0;
    r0 ^= c;
    r1 ^= d;
  }
  state[0] = r0;
  state[1] = r1;
  state[2] = l0;
  state[3] = l1;
}

/** Reads a big-endian 32-bit word. @internal */
export function readWord(bytes: Uint8Array, offset: number): number {
  return (
    ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>>
    0
  );
}

/** Writes a big-endian 32-bit word. @internal */
export function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = (word >>> 16) & 0xff;
  bytes[offset + 2] = (word >>> 8) & 0xff;
  bytes[offset + 3] = word & 0xff;
}
