/**
 * SEED-128 in ECB and CBC modes with PKCS#7 or no padding (RFC 4269), in TypeScript.
 *
 * Node's OpenSSL 3 ships SEED only in the legacy provider, which Node does not load, so
 * `createCipheriv('seed-ecb')` fails; the cipher lives in core and is checked against the RFC 4269
 * Appendix B known answers (DESIGN §8).
 */
import { CryptoError } from '../errors/index.js';
import { invalidArgument, requireBytes } from './input-checks.js';
import {
  expandSeedKey,
  readWord,
  reverseSeedRoundKeys,
  SEED_BLOCK_BYTES,
  seedTransformBlock,
  writeWord,
} from './seed-block.js';

/** Options of {@link createSeedCipher}. */
export interface SeedCipherOptions {
  /** The 16-byte key. Vendor-specific key derivation (base64 text, zero-padded short keys) happens in the vendor package. */
  key: Uint8Array;
  /** Block mode. ECB encrypts each block alone; CBC chains blocks from `iv`. */
  mode: 'ecb' | 'cbc';
  /** The 16-byte initialisation vector. Required for CBC, refused for ECB. */
  iv?: Uint8Array;
  /**
   * `pkcs7` always pads, with a full block of 0x10 when the input is already block-aligned (the KISA
   * reference `SEED_CBC_Close` / `SEED_ECB_Close` behaviour); decryption checks and removes it.
   * `none` requires block-aligned input and leaves it as is.
   * @default 'pkcs7'
   */
  padding?: 'pkcs7' | 'none';
}

/** A SEED cipher bound to one key, mode, IV and padding. Safe to reuse for any number of messages. */
export interface SeedCipher {
  /**
   * Encrypts `plaintext` into a new buffer. Throws a `ValidationError` (field `plaintext`) for a
   * non-byte input or, with padding `none`, a length that is not a multiple of 16.
   */
  encrypt(plaintext: Uint8Array): Buffer;
  /**
   * Decrypts `ciphertext` into a new buffer. Throws a `CryptoError` when its length is not a
   * multiple of 16 (or is zero with PKCS#7) or when the PKCS#7 padding is invalid, which is also
   * what a wrong key or corrupted data usually produces.
   */
  decrypt(ciphertext: Uint8Array): Buffer;
}

/**
 * Creates a SEED-128 cipher (RFC 4269). The round keys are expanded once here, so `encrypt` and
 * `decrypt` allocate only their output buffer.
 *
 * Throws a `ValidationError` naming `key`, `iv`, `mode` or `padding` when an option is invalid.
 *
 * @example
 * const cipher = createSeedCipher({ key, mode: 'cbc', iv, padding: 'pkcs7' });
 * const wire = cipher.encrypt(plaintextBytes);
 */
export function createSeedCipher(options: SeedCipherOptions): SeedCipher {
  const { mode, padding = 'pkcs7' } = options;
  const key = requireBytes(options.key, 'key');
  if (key.length !== SEED_BLOCK_BYTES)
    throw invalidArgument('key', 'must be exactly 16 bytes', 'invalid_length');
  if (mode !== 'ecb' && mode !== 'cbc') throw invalidArgument('mode', "must be 'ecb' or 'cbc'");
  if (padding !== 'pkcs7' && padding !== 'none')
    throw invalidArgument('padding', "must be 'pkcs7' or 'none'");
  const initialChain = new Uint32Array(4);
  if (mode === 'cbc') {
    if (options.iv === undefined) throw invalidArgument('iv', 'is required in CBC mode', 'required');
    const iv = requireBytes(options.iv, 'iv');
    if (iv.length !== SEED_BLOCK_BYTES)
      throw invalidArgument('iv', 'must be exactly 16 bytes', 'invalid_length');
    for (let word = 0; word < 4; word++) initialChain[word] = readWord(iv, 4 * word);
  } else if (options.iv !== undefined) {
    // An IV given to ECB is almost always a configuration mix-up (a CBC vendor set up as ECB).
    throw invalidArgument('iv', 'must not be given in ECB mode', 'unexpected');
  }

  const encryptionKeys = expandSeedKey(key);
  const decryptionKeys = reverseSeedRoundKeys(encryptionKeys);
  // Scratch words reused by every call; the methods are synchronous, so no two calls interleave.
  const state = new Uint32Array(4);
  const chain = new Uint32Array(4);
  const chained = mode === 'cbc';

  return {
    encrypt(plaintext: Uint8Array): Buffer {
      const input = requireBytes(plaintext, 'plaintext');
      const remainder = input.length % SEED_BLOCK_BYTES;
      if (padding === 'none' && remainder !== 0) {
        throw invalidArgument(
          'plaintext',
          'length must be a multiple of 16 with padding none',
          'invalid_length',
        );
      }
      const padLength = padding === 'pkcs7' ? SEED_BLOCK_BYTES - remainder : 0;
      const output = Buffer.allocUnsafe(input.length + padLength);
      output.set(input, 0);
      output.fill(padLength, input.length);
      chain.set(initialChain);
      for (let offset = 0; offset < output.length; offset += SEED_BLOCK_BYTES) {
        for (let word = 0; word < 4; word++) {
          const plainWord = readWord(output, offset + 4 * word);
          state[word] = chained ? plainWord ^ chain[word]! : plainWord;
        }
        seedTransformBlock(encryptionKeys, state);
        for (let word = 0; word < 4; word++) writeWord(output, offset + 4 * word, state[word]!);
        if (chained) chain.set(state);
      }
      return output;
    },

    decrypt(ciphertext: Uint8Array): Buffer {
      const input = requireBytes(ciphertext, 'ciphertext');
      if (input.length % SEED_BLOCK_BYTES !== 0 || (padding === 'pkcs7' && input.length === 0)) {
        throw new CryptoError({
          message: `SEED ciphertext of ${input.length} bytes is not a ${padding === 'pkcs7' ? 'positive ' : ''}multiple of 16`,
          details: { length: input.length },
        });
      }
      const output = Buffer.allocUnsafe(input.length);
      chain.set(initialChain);
      for (let offset = 0; offset < input.length; offset += SEED_BLOCK_BYTES) {
        for (let word = 0; word < 4; word++) state[word] = readWord(input, offset + 4 * word);
        seedTransformBlock(decryptionKeys, state);
        for (let word = 0; word < 4; word++) {
          const cipherWord = readWord(input, offset + 4 * word);
          writeWord(output, offset + 4 * word, chained ? state[word]! ^ chain[word]! : state[word]!);
          if (chained) chain[word] = cipherWord;
        }
      }
      if (padding === 'none') return output;
      return output.subarray(0, output.length - checkedPkcs7Length(output));
    },
  };
}

/**
 * Returns the PKCS#7 pad length of a decrypted buffer, or throws a `CryptoError`. Every pad byte is
 * inspected whatever the outcome, so the check does not reveal where the padding went wrong.
 */
function checkedPkcs7Length(decrypted: Buffer): number {
  const padLength = decrypted[decrypted.length - 1]!;
  let invalid = padLength === 0 || padLength > SEED_BLOCK_BYTES ? 1 : 0;
  for (let index = 1; index <= SEED_BLOCK_BYTES; index++) {
    const byte = decrypted[decrypted.length - index]!;
    // Positions inside the claimed padding must equal padLength; the others are ignored.
    if (index <= padLength && byte !== padLength) invalid = 1;
  }
  if (invalid === 1) {
    throw new CryptoError({ message: 'SEED PKCS#7 padding is invalid (wrong key or corrupted data)' });
  }
  return padLength;
}
