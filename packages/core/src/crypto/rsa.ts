/**
 * RSA PKCS#1 v1.5 signatures and encryption on `node:crypto` (DESIGN §8: node-forge is 6–100× slower
 * and blocks the event loop, so it never signs on the hot path).
 */
import {
  constants,
  KeyObject,
  privateDecrypt,
  publicEncrypt,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import forge from 'node-forge';
import { CryptoError } from '../errors/index.js';
import { invalidArgument, requireBytes, requireBytesOrText } from './input-checks.js';

/** Digests used with RSASSA-PKCS1-v1_5: SHA-1 for legacy verification and vendors that mandate it, SHA-256 otherwise. */
export type RsaHashAlgorithm = 'sha1' | 'sha256';

/** PKCS#1 v1.5 encryption padding costs 11 bytes of the modulus (RFC 8017 §7.2.1). */
const PKCS1_OVERHEAD_BYTES = 11;

/**
 * Signs `data` (strings are UTF-8) with RSASSA-PKCS1-v1_5 and returns the raw signature. The data is
 * hashed once with `algorithm`; a vendor that signs a hex digest (a "double hash") passes that digest
 * text as `data`.
 *
 * Throws a `ValidationError` naming `privateKey`, `algorithm` or `data` for an invalid argument.
 */
export function rsaSign(
  data: Uint8Array | string,
  privateKey: KeyObject,
  algorithm: RsaHashAlgorithm,
): Buffer {
  checkAlgorithm(algorithm);
  const key = requireRsaKey(privateKey, 'private', 'privateKey');
  return sign(algorithm, requireBytesOrText(data, 'data'), { key, padding: constants.RSA_PKCS1_PADDING });
}

/**
 * Verifies an RSASSA-PKCS1-v1_5 `signature` over `data` with a public key or a certificate's key.
 * Returns `false` for any mismatch, including a signature of the wrong length or a corrupted one;
 * the caller decides which error that is (usually `SignatureError`).
 *
 * Throws a `ValidationError` naming `publicKey`, `algorithm`, `data` or `signature` for an invalid argument.
 */
export function rsaVerify(
  data: Uint8Array | string,
  signature: Uint8Array,
  publicKey: KeyObject | X509Certificate,
  algorithm: RsaHashAlgorithm,
): boolean {
  checkAlgorithm(algorithm);
  const key = requireRsaKey(
    publicKey instanceof X509Certificate ? publicKey.publicKey : publicKey,
    'public',
    'publicKey',
  );
  const signatureBytes = requireBytes(signature, 'signature');
  const message = requireBytesOrText(data, 'data');
  try {
    return verify(algorithm, message, { key, padding: constants.RSA_PKCS1_PADDING }, signatureBytes);
  } catch {
    // OpenSSL rejects some malformed signatures by throwing rather than returning false.
    return false;
  }
}

/**
 * Encrypts `data` (strings are UTF-8) with RSAES-PKCS1-v1_5 under a public key or a certificate's key.
 * The result is randomised, so equal inputs give different ciphertexts.
 *
 * Throws a `ValidationError` naming `publicKey` or `data` (longer than the modulus length minus 11 bytes).
 */
export function rsaEncryptPkcs1(data: Uint8Array | string, publicKey: KeyObject | X509Certificate): Buffer {
  const key = requireRsaKey(
    publicKey instanceof X509Certificate ? publicKey.publicKey : publicKey,
    'public',
    'publicKey',
  );
  const message = requireBytesOrText(data, 'data');
  const maximum = modulusBytes(key) - PKCS1_OVERHEAD_BYTES;
  if (message.length > maximum) {
    throw invalidArgument(
      'data',
      `is longer than ${maximum} bytes, the most this RSA key can encrypt`,
      'too_big',
    );
  }
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, message);
}

/**
 * Decrypts RSAES-PKCS1-v1_5 `ciphertext` with a private key.
 *
 * Node 20 refuses PKCS#1 v1.5 private decryption (CVE-2023-46809, Marvin attack) unless started with
 * `--security-revert=CVE-2023-46809` or linked to an OpenSSL with implicit rejection. This helper uses
 * `node:crypto` when the runtime allows it and otherwise node-forge, once per call. It is not a
 * hot-path operation (a 2048-bit forge decryption takes milliseconds of blocking CPU), and it is a
 * padding oracle if its outcome is observable to an attacker: decrypt only data whose authenticity was
 * verified first (for example a field of a signature-checked response).
 *
 * Throws a `CryptoError` when the ciphertext cannot be decrypted (wrong length, wrong key or corrupted
 * data; one message for every cause), a `ValidationError` naming `privateKey` or `ciphertext` for an
 * invalid argument.
 */
export function rsaDecryptPkcs1(ciphertext: Uint8Array, privateKey: KeyObject): Buffer {
  const key = requireRsaKey(privateKey, 'private', 'privateKey');
  const input = requireBytes(ciphertext, 'ciphertext');
  if (input.length !== modulusBytes(key)) throw decryptionFailed();
  if (nodePkcs1DecryptionAllowed !== false) {
    try {
      const plaintext = privateDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, input);
      nodePkcs1DecryptionAllowed = true;
      return plaintext;
    } catch (error) {
      if (!isPkcs1DecryptionRefused(error)) throw decryptionFailed();
      nodePkcs1DecryptionAllowed = false;
    }
  }
  try {
    const decrypted = forgeKeyFor(key).decrypt(Buffer.from(input).toString('binary'), 'RSAES-PKCS1-V1_5');
    return Buffer.from(decrypted, 'binary');
  } catch {
    throw decryptionFailed();
  }
}

/** Whether this runtime lets `privateDecrypt` use PKCS#1 v1.5; learnt on first use. */
let nodePkcs1DecryptionAllowed: boolean | undefined;

/** Forge copies of private keys, made once per KeyObject: exporting and parsing a key is costly. */
const forgeKeys = new WeakMap<KeyObject, forge.pki.rsa.PrivateKey>();

function forgeKeyFor(key: KeyObject): forge.pki.rsa.PrivateKey {
  let forgeKey = forgeKeys.get(key);
  if (forgeKey === undefined) {
    forgeKey = forge.pki.privateKeyFromPem(
      key.export({ type: 'pkcs1', format: 'pem' }) as string,
    ) as forge.pki.rsa.PrivateKey;
    forgeKeys.set(key, forgeKey);
  }
  return forgeKey;
}

function isPkcs1DecryptionRefused(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'ERR_INVALID_ARG_VALUE' && typeof message === 'string' && message.includes('RSA_PKCS1_PADDING')
  );
}

function decryptionFailed(): CryptoError {
  return new CryptoError({ message: 'RSA PKCS#1 v1.5 decryption failed (wrong key or corrupted data)' });
}

function checkAlgorithm(algorithm: unknown): void {
  if (algorithm !== 'sha1' && algorithm !== 'sha256')
    throw invalidArgument('algorithm', "must be 'sha1' or 'sha256'");
}

function requireRsaKey(key: unknown, type: 'public' | 'private', field: string): KeyObject {
  if (!(key instanceof KeyObject) || key.type !== type) {
    throw invalidArgument(
      field,
      `must be a ${type} KeyObject (see load${type === 'public' ? 'Public' : 'Private'}Key)`,
      'invalid_type',
    );
  }
  if (key.asymmetricKeyType !== 'rsa') throw invalidArgument(field, 'must be an RSA key', 'invalid_type');
  return key;
}

function modulusBytes(key: KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}
