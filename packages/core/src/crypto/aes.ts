/**
 * AES in CBC, ECB and GCM modes on `node:crypto` (DESIGN §8).
 */
import { type CipherGCMTypes, createCipheriv, createDecipheriv } from 'node:crypto';
import { CryptoError } from '../errors/index.js';
import { invalidArgument, requireBytes, requireBytesOrText } from './input-checks.js';

/** GCM authentication tag length in bytes, appended to the ciphertext. */
const GCM_TAG_BYTES = 16;
/** Shortest GCM IV accepted: NIST SP 800-38D recommends exactly 96 bits; shorter IVs weaken GCM. */
const GCM_MIN_IV_BYTES = 12;

/** Options of {@link aesEncrypt} and {@link aesDecrypt}. */
export interface AesOptions {
  /** 16, 24 or 32 bytes: AES-128, AES-192 or AES-256. */
  key: Uint8Array;
  /** Block mode. */
  mode: 'cbc' | 'ecb' | 'gcm';
  /**
   * CBC: exactly 16 bytes. GCM: at least 12 bytes (12 recommended); never reuse one with the same
   * key, e.g. `randomBytes(12)` per message. ECB: must be omitted.
   */
  iv?: Uint8Array;
  /**
   * Padding of CBC and ECB: `pkcs7` always pads (a full block when aligned) and is checked on
   * decryption; `none` requires block-aligned data. Must be omitted for GCM, a stream mode.
   * @default 'pkcs7'
   */
  padding?: 'pkcs7' | 'none';
  /** GCM only: additional authenticated data (strings are UTF-8). @default none */
  additionalData?: Uint8Array | string;
}

/**
 * Encrypts `plaintext` (strings are UTF-8). For GCM the 16-byte authentication tag is appended to the
 * ciphertext (`ciphertext ‖ tag`, the WebCrypto layout); a vendor framing such as `iv ‖ ciphertext ‖
 * tag` is assembled by the vendor package.
 *
 * Throws a `ValidationError` naming the option or `plaintext` that is invalid.
 */
export function aesEncrypt(plaintext: Uint8Array | string, options: AesOptions): Buffer {
  const checked = checkOptions(options);
  const input = requireBytesOrText(plaintext, 'plaintext');
  if (checked.mode !== 'gcm' && checked.padding === 'none' && input.length % 16 !== 0) {
    throw invalidArgument('plaintext', 'length must be a multiple of 16 with padding none', 'invalid_length');
  }
  if (checked.mode === 'gcm') {
    // checkOptions guarantees an IV in GCM mode.
    const gcm = createCipheriv(checked.algorithm as CipherGCMTypes, checked.key, checked.iv!, {
      authTagLength: GCM_TAG_BYTES,
    });
    if (checked.additionalData !== undefined) gcm.setAAD(checked.additionalData);
    return Buffer.concat([gcm.update(input), gcm.final(), gcm.getAuthTag()]);
  }
  const cipher = createCipheriv(checked.algorithm, checked.key, checked.iv);
  cipher.setAutoPadding(checked.padding === 'pkcs7');
  return Buffer.concat([cipher.update(input), cipher.final()]);
}

/**
 * Decrypts `ciphertext`; for GCM it must end with the 16-byte tag. Throws a `CryptoError` when the
 * data cannot be decrypted: a length that is not a block multiple, bad padding (wrong key or
 * corruption), a GCM tag that does not verify (tampering, wrong key, wrong IV or AAD), or data
 * shorter than the tag. Throws a `ValidationError` for invalid options.
 */
export function aesDecrypt(ciphertext: Uint8Array, options: AesOptions): Buffer {
  const checked = checkOptions(options);
  const input = requireBytes(ciphertext, 'ciphertext');
  if (checked.mode === 'gcm') {
    if (input.length < GCM_TAG_BYTES) {
      throw new CryptoError({
        message: `AES-GCM data of ${input.length} bytes is shorter than its 16-byte tag`,
        details: { length: input.length },
      });
    }
    const bodyLength = input.length - GCM_TAG_BYTES;
    const decipher = createDecipheriv(checked.algorithm as CipherGCMTypes, checked.key, checked.iv!, {
      authTagLength: GCM_TAG_BYTES,
    });
    decipher.setAuthTag(input.subarray(bodyLength));
    if (checked.additionalData !== undefined) decipher.setAAD(checked.additionalData);
    return runDecipher(
      () => Buffer.concat([decipher.update(input.subarray(0, bodyLength)), decipher.final()]),
      'AES-GCM authentication failed (tampered data, wrong key, IV or additional data)',
    );
  }
  if (input.length % 16 !== 0 || (checked.padding === 'pkcs7' && input.length === 0)) {
    throw new CryptoError({
      message: `AES ciphertext of ${input.length} bytes is not a ${checked.padding === 'pkcs7' ? 'positive ' : ''}multiple of 16`,
      details: { length: input.length },
    });
  }
  const decipher = createDecipheriv(checked.algorithm, checked.key, checked.iv);
  decipher.setAutoPadding(checked.padding === 'pkcs7');
  return runDecipher(
    () => Buffer.concat([decipher.update(input), decipher.final()]),
    'AES PKCS#7 padding is invalid (wrong key or corrupted data)',
  );
}

interface CheckedAesOptions {
  mode: AesOptions['mode'];
  algorithm: string;
  key: Uint8Array;
  iv: Uint8Array | null;
  padding: 'pkcs7' | 'none';
  additionalData: Uint8Array | undefined;
}

function checkOptions(options: AesOptions): CheckedAesOptions {
  const { mode } = options;
  if (mode !== 'cbc' && mode !== 'ecb' && mode !== 'gcm')
    throw invalidArgument('mode', "must be 'cbc', 'ecb' or 'gcm'");
  const key = requireBytes(options.key, 'key');
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw invalidArgument('key', 'must be 16, 24 or 32 bytes', 'invalid_length');
  }
  const algorithm = `aes-${key.length * 8}-${mode}`;
  let iv: Uint8Array | null = null;
  if (mode === 'ecb') {
    if (options.iv !== undefined) throw invalidArgument('iv', 'must not be given in ECB mode', 'unexpected');
  } else {
    if (options.iv === undefined)
      throw invalidArgument('iv', `is required in ${mode.toUpperCase()} mode`, 'required');
    iv = requireBytes(options.iv, 'iv');
    if (mode === 'cbc' && iv.length !== 16)
      throw invalidArgument('iv', 'must be exactly 16 bytes', 'invalid_length');
    if (mode === 'gcm' && iv.length < GCM_MIN_IV_BYTES) {
      throw invalidArgument('iv', `must be at least ${GCM_MIN_IV_BYTES} bytes`, 'invalid_length');
    }
  }
  if (mode === 'gcm') {
    if (options.padding !== undefined)
      throw invalidArgument('padding', 'does not apply to GCM', 'unexpected');
  } else if (options.additionalData !== undefined) {
    throw invalidArgument('additionalData', 'applies to GCM only', 'unexpected');
  }
  const padding = options.padding ?? 'pkcs7';
  if (padding !== 'pkcs7' && padding !== 'none')
    throw invalidArgument('padding', "must be 'pkcs7' or 'none'");
  const additionalData =
    options.additionalData === undefined
      ? undefined
      : requireBytesOrText(options.additionalData, 'additionalData');
  return { mode, algorithm, key, iv, padding, additionalData };
}

/** Runs a decipher step; OpenSSL's failure (bad padding, bad tag) becomes a `CryptoError`. */
function runDecipher(step: () => Buffer, message: string): Buffer {
  try {
    return step();
  } catch (error) {
    throw new CryptoError({ message, cause: error });
  }
}
