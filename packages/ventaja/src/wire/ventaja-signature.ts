import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { ConfigError } from '@wirebridge/core';
import { loadPkcs12 } from '@wirebridge/core/crypto';

/** The digest Ventaja signs with (spec §5). `RSA-SHA256` is reserved in case Ventaja upgrades. */
export type VentajaSignatureAlgorithm = 'RSA-SHA1' | 'RSA-SHA256';

/** Where the outlet's private signing key comes from (spec §5 "Key material"). */
export type VentajaSigningKey =
  | { privateKeyPem: string; passphrase?: string }
  | { pfx: Buffer; passphrase?: string };

/**
 * Signs the exact body bytes (spec §5 step 3): RSA PKCS#1 v1.5 over SHA-1 by default, standard base64 with
 * padding and no line breaks. Uses `node:crypto` (forge would block the event loop, DESIGN §8).
 * @param algorithm @default 'RSA-SHA1'
 */
export function signVentajaPayload(
  body: Buffer,
  key: KeyObject,
  algorithm: VentajaSignatureAlgorithm = 'RSA-SHA1',
): string {
  return sign(algorithm, body, key).toString('base64');
}

/**
 * Verifies a `Signature` header against the bytes received (never a re-serialization of them: spec §9, a body
 * with `\/` signed as `/` must fail). Returns false for a malformed signature instead of throwing.
 * @param algorithm @default 'RSA-SHA1'
 */
export function verifyVentajaSignature(
  body: Buffer,
  signatureB64: string,
  publicKey: KeyObject,
  algorithm: VentajaSignatureAlgorithm = 'RSA-SHA1',
): boolean {
  if (typeof signatureB64 !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signatureB64)) return false;
  try {
    return verify(algorithm, body, publicKey, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Loads the private key once, at construction (spec §5): PEM (PKCS#1 or PKCS#8, optionally encrypted) through
 * `node:crypto`, or a PKCS#12 through core's `loadPkcs12` (which reads legacy RC2-40 bags).
 * @throws ConfigError naming `source`, never echoing the key or passphrase.
 */
export function loadVentajaSigningKey(key: VentajaSigningKey, source: string): KeyObject {
  if ('pfx' in key) {
    return loadPkcs12(key.pfx, key.passphrase ?? '', { source }).privateKey;
  }
  try {
    const privateKey = createPrivateKey(
      key.passphrase === undefined
        ? key.privateKeyPem
        : { key: key.privateKeyPem, passphrase: key.passphrase },
    );
    if (privateKey.asymmetricKeyType !== 'rsa') throw new Error('not an RSA key');
    return privateKey;
  } catch (error) {
    throw new ConfigError({
      message: `${source}: the private key could not be read (expected an RSA PEM; check the passphrase)`,
      cause: error instanceof Error ? new Error(error.name) : undefined,
    });
  }
}

/** The public half of a signing key, for self-checks and the simulator. */
export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}
