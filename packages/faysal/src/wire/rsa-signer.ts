import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { ConfigError } from '@wirebridge/core';

/** Signs outgoing bytes and verifies incoming ones (spec §5); pluggable, like the codec. */
export interface FaysalRequestSigner {
  /** Headers that authenticate `body` (`X-Api-Key`, `X-Api-Signature`). */
  sign(body: Buffer): Record<string, string>;
  /** True when `headers` carry a valid signature of `body` by a known counterpart key. */
  verify(body: Buffer, headers: Record<string, string | string[] | undefined>): boolean;
  /** True when `keyId` (the counterpart's `X-Api-Key`) names a registered key; tells "unknown key" from "bad signature". */
  knowsKey?(keyId: string): boolean;
}

/**
 * `X-Api-Key` (spec §5 step 3, Modelled on Changelly): base64(SHA-256(public key as PKCS#1 RSAPublicKey DER)).
 * Accepts a public or private key, PEM text or a `KeyObject`, or a certificate PEM.
 */
export function apiKeyIdFor(publicKey: string | KeyObject): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKeyOf(publicKey);
  const der = key.export({ type: 'pkcs1', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

function publicKeyOf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Options of {@link rsaSha256Signer}. */
export interface RsaSha256SignerOptions {
  /** Our private key: PEM (PKCS#1/PKCS#8, optionally encrypted) or a `KeyObject`. Convert a PKCS#12 once with core's `loadPkcs12`. */
  privateKey: string | KeyObject;
  /** Passphrase of an encrypted PEM `privateKey`. Never echoed. @default none */
  passphrase?: string;
  /** The counterpart's public keys or certificates (PEM or `KeyObject`); several allowed for rotation. */
  bankPublicKeys: readonly (string | KeyObject)[];
}

/**
 * RSA-SHA256 (PKCS#1 v1.5) over the exact body bytes (spec §5): `X-Api-Signature` = base64 signature,
 * `X-Api-Key` = our key id. Verification picks the counterpart key by the received `X-Api-Key`; it uses
 * `node:crypto` only (never node-forge, DESIGN §8).
 * @throws {ConfigError} when a key cannot be read (the passphrase is never echoed).
 */
export function rsaSha256Signer(options: RsaSha256SignerOptions): FaysalRequestSigner {
  let privateKey: KeyObject;
  try {
    privateKey =
      typeof options.privateKey === 'string'
        ? createPrivateKey(
            options.passphrase === undefined
              ? options.privateKey
              : { key: options.privateKey, passphrase: options.passphrase },
          )
        : options.privateKey;
  } catch (cause) {
    throw new ConfigError({ message: 'faysal signer: privateKey cannot be read', vendor: 'faysal', cause });
  }
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new ConfigError({
      message: 'faysal signer: privateKey must be an RSA private key',
      vendor: 'faysal',
    });
  }
  const ownKeyId = apiKeyIdFor(privateKey);
  const bankKeys = new Map<string, KeyObject>();
  for (const [index, material] of (options.bankPublicKeys ?? []).entries()) {
    try {
      const key = typeof material === 'string' ? createPublicKey(material) : publicKeyOf(material);
      bankKeys.set(apiKeyIdFor(key), key);
    } catch (cause) {
      throw new ConfigError({
        message: `faysal signer: bankPublicKeys.${index} cannot be read`,
        vendor: 'faysal',
        cause,
      });
    }
  }
  if (bankKeys.size === 0) {
    throw new ConfigError({
      message: 'faysal signer: bankPublicKeys needs at least one key',
      vendor: 'faysal',
    });
  }
  return {
    sign: (body) => ({
      'X-Api-Key': ownKeyId,
      'X-Api-Signature': sign('RSA-SHA256', body, privateKey).toString('base64'),
    }),
    verify(body, headers) {
      const keyId = header(headers, 'x-api-key');
      const signature = header(headers, 'x-api-signature');
      if (keyId === undefined || signature === undefined) return false;
      const key = bankKeys.get(keyId);
      if (key === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
      try {
        return verify('RSA-SHA256', body, key, Buffer.from(signature, 'base64'));
      } catch {
        return false;
      }
    },
    knowsKey: (keyId) => bankKeys.has(keyId),
  };
}

/** Reads one header case-insensitively (first value of a repeated header). */
export { header as readHeader };
