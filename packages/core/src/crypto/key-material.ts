/**
 * Loading keys and certificates from PEM or DER into `node:crypto` objects, once, at configuration
 * time. Every failure is a `ConfigError` naming where the material came from and never echoing it or
 * its passphrase (DESIGN §8).
 */
import { createPrivateKey, createPublicKey, KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '../errors/index.js';
import { invalidArgument } from './input-checks.js';

/** Options shared by the key-material loaders. */
export interface KeyMaterialOptions {
  /**
   * Where the material came from (a file name or option path such as `signing.privateKeyPem`), used
   * in error messages so an operator can find the broken setting.
   * @default a generic description ("the private key", "the certificate")
   */
  source?: string;
}

/** Key or certificate material: PEM text, or bytes holding PEM text or DER. */
export type KeyMaterial = string | Uint8Array;

const PEM_MARKER = '-----BEGIN ';

/**
 * Loads a private key from PEM (PKCS#1, PKCS#8, SEC1, encrypted PKCS#8 or legacy encrypted PEM) or
 * DER (PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1). A `KeyObject` that is already private is returned
 * as is, so options can accept both forms.
 *
 * Throws a `ConfigError` naming `options.source` when the material is unreadable, encrypted without a
 * passphrase, or the passphrase is wrong; a `ValidationError` naming `material` or `passphrase` for an
 * argument of the wrong type.
 */
export function loadPrivateKey(
  material: KeyMaterial | KeyObject,
  passphrase?: string,
  options: KeyMaterialOptions = {},
): KeyObject {
  const source = options.source ?? 'the private key';
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    throw invalidArgument('passphrase', 'must be a string', 'invalid_type');
  }
  if (material instanceof KeyObject) {
    if (material.type === 'private') return material;
    throw new ConfigError({
      message: `${source} is a ${material.type} key, not a private key`,
      details: { source },
    });
  }
  const pem = pemText(material);
  if (pem !== undefined) {
    if (passphrase === undefined && isEncryptedPem(pem)) {
      throw new ConfigError({
        message: `${source} is encrypted and no passphrase was given`,
        details: { source },
      });
    }
    return readPrivateKey(source, () => createPrivateKey({ key: pem, format: 'pem', passphrase }));
  }
  const der = Buffer.from(material as Uint8Array);
  return readPrivateKey(source, () => {
    let lastError: unknown;
    for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) {
      try {
        return createPrivateKey({ key: der, format: 'der', type, passphrase });
      } catch (error) {
        // A passphrase problem is definitive; any other failure may just be the wrong DER type.
        if (isPassphraseError(error)) throw error;
        lastError = error;
      }
    }
    throw lastError;
  });
}

/**
 * Loads an RSA/EC public key from PEM or DER (SPKI, PKCS#1 `RSA PUBLIC KEY`, or an X.509
 * certificate, whose public key is taken). A public `KeyObject` is returned as is, an
 * `X509Certificate` yields its key. Private key material is refused, so a secret never ends up
 * configured where only a public key belongs.
 *
 * Throws a `ConfigError` naming `options.source` when the material is unreadable.
 */
export function loadPublicKey(
  material: KeyMaterial | KeyObject | X509Certificate,
  options: KeyMaterialOptions = {},
): KeyObject {
  const source = options.source ?? 'the public key';
  if (material instanceof X509Certificate) return material.publicKey;
  if (material instanceof KeyObject) {
    if (material.type === 'public') return material;
    throw new ConfigError({
      message: `${source} is a ${material.type} key, not a public key`,
      details: { source },
    });
  }
  const pem = pemText(material);
  if (pem !== undefined) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
      throw new ConfigError({
        message: `${source} holds a private key where a public key is expected`,
        details: { source },
      });
    }
    return readOrConfigError(source, 'a public key', () => createPublicKey({ key: pem, format: 'pem' }));
  }
  const der = Buffer.from(material as Uint8Array);
  return readOrConfigError(source, 'a public key', () => {
    for (const type of ['spki', 'pkcs1'] as const) {
      try {
        return createPublicKey({ key: der, format: 'der', type });
      } catch {
        // Not this DER type; try the next, then a certificate.
      }
    }
    return new X509Certificate(der).publicKey;
  });
}

/**
 * Loads one X.509 certificate from PEM or DER (the first one when PEM text holds several). An
 * `X509Certificate` is returned as is. The certificate's dates are not checked here: they matter
 * only where the certificate itself is used (DESIGN §8), see `verifyCertificateChain`.
 *
 * Throws a `ConfigError` naming `options.source` when the material is not a certificate.
 */
export function loadCertificate(
  material: KeyMaterial | X509Certificate,
  options: KeyMaterialOptions = {},
): X509Certificate {
  const source = options.source ?? 'the certificate';
  if (material instanceof X509Certificate) return material;
  const pem = pemText(material);
  const bytes = pem === undefined ? Buffer.from(material as Uint8Array) : Buffer.from(pem, 'latin1');
  return readOrConfigError(source, 'an X.509 certificate', () => new X509Certificate(bytes));
}

/**
 * Loads every certificate of a PEM bundle (e.g. a CA chain file), in file order; DER bytes hold
 * exactly one certificate.
 *
 * Throws a `ConfigError` naming `options.source` when a block is not a certificate or there is none.
 */
export function loadCertificates(material: KeyMaterial, options: KeyMaterialOptions = {}): X509Certificate[] {
  const source = options.source ?? 'the certificate bundle';
  const pem = pemText(material);
  if (pem === undefined) return [loadCertificate(material, { source })];
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw new ConfigError({ message: `${source} contains no PEM certificate`, details: { source } });
  }
  return blocks.map((block, index) =>
    loadCertificate(block, { source: `${source} (certificate ${index + 1})` }),
  );
}

/**
 * Returns the PEM text of `material` (a string is always taken as PEM), or `undefined` when it is
 * DER bytes. Throws a `ValidationError` for a value that is neither a string nor bytes.
 */
function pemText(material: unknown): string | undefined {
  if (typeof material === 'string') return material;
  if (!(material instanceof Uint8Array)) {
    throw invalidArgument('material', 'must be PEM text, or bytes holding PEM or DER', 'invalid_type');
  }
  // PEM is ASCII; latin1 maps bytes one to one, so no byte sequence can fail to decode here. DER
  // always starts with 0x30 (SEQUENCE), so leading whitespace or a marker means PEM.
  const head = Buffer.from(material.subarray(0, 80)).toString('latin1').trimStart();
  return head.startsWith(PEM_MARKER) ? Buffer.from(material).toString('latin1') : undefined;
}

function isEncryptedPem(pem: string): boolean {
  return pem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /Proc-Type:\s*4,\s*ENCRYPTED/.test(pem);
}

function isPassphraseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MISSING_PASSPHRASE' || code === 'ERR_OSSL_BAD_DECRYPT';
}

function readPrivateKey(source: string, read: () => KeyObject): KeyObject {
  try {
    return read();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MISSING_PASSPHRASE') {
      throw new ConfigError({
        message: `${source} is encrypted and no passphrase was given`,
        details: { source },
      });
    }
    if (code === 'ERR_OSSL_BAD_DECRYPT') {
      throw new ConfigError({
        message: `${source} could not be decrypted: wrong passphrase`,
        details: { source },
      });
    }
    throw new ConfigError({
      message: `${source} could not be read as a private key (PEM or DER: PKCS#8, PKCS#1 or SEC1)`,
      details: { source },
    });
  }
}

function readOrConfigError<T>(source: string, what: string, read: () => T): T {
  try {
    return read();
  } catch {
    // OpenSSL's decoder message says nothing more useful than this and may quote input bytes.
    throw new ConfigError({ message: `${source} could not be read as ${what}`, details: { source } });
  }
}
