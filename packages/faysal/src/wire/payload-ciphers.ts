import { randomBytes } from 'node:crypto';
import { ConfigError, CryptoError } from '@wirebridge/core';
import { aesDecrypt, aesEncrypt } from '@wirebridge/core/crypto';

/** Payload encryption of `params`/`result` (spec §5); pluggable. */
export interface FaysalPayloadCipher {
  /** Sent as `X-Enc-Key-Id`; undefined when the cipher names no key. */
  readonly keyId?: string;
  /** True for {@link noEncryption}: params and results travel in clear. */
  readonly passthrough?: boolean;
  /** Encrypts the UTF-8 JSON of params; `aad` is the JSON-RPC id (GCM). Returns `encryptedData`. */
  encrypt(plaintext: Buffer, aad: Buffer): string;
  /** Decrypts `encryptedData`; throws `CryptoError` when it does not authenticate or decode. */
  decrypt(data: string, aad: Buffer, keyId?: string): Buffer;
}

const gcmIvBytes = 12;
const gcmTagBytes = 16;

/** AES-256-GCM with an explicit IV: `base64(IV ‖ ciphertext ‖ tag)` (spec §5). Exposed for the known-answer test. */
export function encryptAes256Gcm(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): string {
  const sealed = aesEncrypt(plaintext, { key, mode: 'gcm', iv, additionalData: aad });
  return Buffer.concat([iv, sealed]).toString('base64');
}

function decryptAes256Gcm(key: Buffer, data: string, aad: Buffer): Buffer {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length < gcmIvBytes + gcmTagBytes || bytes.toString('base64') !== data) {
    throw new CryptoError({
      message: 'faysal: encryptedData is not valid base64 GCM data',
      vendor: 'faysal',
    });
  }
  return aesDecrypt(bytes.subarray(gcmIvBytes), {
    key,
    mode: 'gcm',
    iv: bytes.subarray(0, gcmIvBytes),
    additionalData: aad,
  });
}

/** Options of {@link aes256GcmCipher}. */
export interface Aes256GcmCipherOptions {
  /** 32-byte key. */
  key: Buffer;
  /** Sent as `X-Enc-Key-Id`. */
  keyId: string;
  /** Keys still accepted on receive during a rotation overlap. @default [] */
  previousKeys?: readonly { key: Buffer; keyId: string }[];
}

/**
 * AES-256-GCM payload encryption (spec §5, Modelled): random 12-byte IV, AAD = the JSON-RPC id, `encryptedData` =
 * base64(IV ‖ ciphertext ‖ 16-byte tag). Decryption picks the key by `X-Enc-Key-Id` among current and previous keys.
 * @throws {ConfigError} when a key is not 32 bytes.
 */
export function aes256GcmCipher(options: Aes256GcmCipherOptions): FaysalPayloadCipher {
  const keys = [{ key: options.key, keyId: options.keyId }, ...(options.previousKeys ?? [])];
  for (const [index, entry] of keys.entries()) {
    if (!Buffer.isBuffer(entry.key) || entry.key.length !== 32) {
      throw new ConfigError({
        message: `faysal cipher: ${index === 0 ? 'key' : `previousKeys.${index - 1}.key`} must be 32 bytes`,
        vendor: 'faysal',
      });
    }
  }
  return {
    keyId: options.keyId,
    encrypt: (plaintext, aad) => encryptAes256Gcm(options.key, randomBytes(gcmIvBytes), plaintext, aad),
    decrypt(data, aad, keyId) {
      const entry = keyId === undefined ? keys[0] : keys.find((candidate) => candidate.keyId === keyId);
      if (entry === undefined) {
        throw new CryptoError({ message: 'faysal: unknown encryption key id', vendor: 'faysal' });
      }
      return decryptAes256Gcm(entry.key, data, aad);
    },
  };
}

/**
 * AES-128-ECB with PKCS#7 padding, lowercase hex, no IV, no AAD (spec §5; for banks that demand it, not
 * recommended: ECB leaks equal blocks and nothing authenticates the ciphertext besides the RSA signature).
 * @throws {ConfigError} when the key is not 16 bytes.
 */
export function aes128EcbHexCipher(options: { key: Buffer }): FaysalPayloadCipher {
  if (!Buffer.isBuffer(options.key) || options.key.length !== 16) {
    throw new ConfigError({ message: 'faysal cipher: key must be 16 bytes', vendor: 'faysal' });
  }
  return {
    encrypt: (plaintext) => aesEncrypt(plaintext, { key: options.key, mode: 'ecb' }).toString('hex'),
    decrypt(data) {
      if (!/^(?:[0-9a-f]{32})+$/.test(data)) {
        throw new CryptoError({
          message: 'faysal: encryptedData is not lowercase hex blocks',
          vendor: 'faysal',
        });
      }
      return aesDecrypt(Buffer.from(data, 'hex'), { key: options.key, mode: 'ecb' });
    },
  };
}

/** No payload encryption (the default, spec §5): params and results travel in clear, still signed. */
export const noEncryption: FaysalPayloadCipher = Object.freeze({
  passthrough: true,
  encrypt: (plaintext: Buffer) => plaintext.toString('utf8'),
  decrypt: (data: string) => Buffer.from(data, 'utf8'),
});
