import { ConfigError } from '@wirebridge/core';
import { createSeedCipher, type SeedCipher } from '@wirebridge/core/crypto';
import type { BillgateKey } from './billgate-types.js';

/** Public test key and IV of Billgate's sample (spec §5.1). Not a secret. */
export const BILLGATE_TEST_KEY: Readonly<BillgateKey> = Object.freeze({
  key: 'QkZJRlBDRTI4T0c1OUtBMw==',
  iv: 'PRJ59Q2GHPT844TQ',
});

/** Public test SERVICE_ID of Billgate's sample (spec §4.1). */
export const BILLGATE_TEST_SERVICE_ID = 'M2103135';

/**
 * Builds the SEED-128-CBC/PKCS#7 cipher of one key (spec §5.1): `key` is base64 text of 16 bytes
 * (`ConfigInfo::getKey` decodes it) or 16 raw bytes; `iv` is 16 ASCII characters or 16 raw bytes.
 * @throws ConfigError naming the field, never echoing the key.
 */
export function createBillgateCipher(material: BillgateKey, path = 'credentials.current'): SeedCipher {
  const key = keyBytes(material?.key, `${path}.key`);
  const iv = ivBytes(material?.iv, `${path}.iv`);
  return createSeedCipher({ key, iv, mode: 'cbc', padding: 'pkcs7' });
}

function keyBytes(value: unknown, path: string): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length === 16) return value;
    throw new ConfigError({ message: `${path} must be 16 bytes` });
  }
  if (typeof value === 'string' && /^[A-Za-z0-9+/]{22}==$/.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === 16) return bytes;
  }
  throw new ConfigError({ message: `${path} must be base64 text of 16 bytes or 16 raw bytes` });
}

function ivBytes(value: unknown, path: string): Uint8Array {
  if (value instanceof Uint8Array) {
    if (value.length === 16) return value;
    throw new ConfigError({ message: `${path} must be 16 bytes` });
  }
  if (typeof value === 'string' && /^[\x20-\x7e]{16}$/.test(value)) return Buffer.from(value, 'latin1');
  throw new ConfigError({ message: `${path} must be 16 ASCII characters or 16 raw bytes` });
}
