/**
 * PKCS#12 (.pfx/.p12) loading. `node:crypto` cannot unpack a PKCS#12 file at all, and OpenSSL 3
 * refuses the legacy RC2-40 bags many banks still issue, so node-forge unpacks it (DESIGN §8); the key
 * and certificates are converted to `KeyObject` / `X509Certificate` immediately, and forge is not used
 * afterwards.
 */
import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { ConfigError } from '../errors/index.js';
import { certificateSerialDecimal, certificateValidity } from './certificate-fields.js';
import { invalidArgument, requireBytes } from './input-checks.js';

/** Options of {@link loadPkcs12}. */
export interface LoadPkcs12Options {
  /** File name or option path of the PKCS#12, named in error messages. @default 'the PKCS#12 file' */
  source?: string;
  /**
   * Also require the certificate to be valid at this instant, else `ConfigError`. Omitted, the dates
   * are not checked: they matter only where the certificate itself is used (mTLS, a signing
   * certificate whose serial goes on the wire); a key used alone ignores them (DESIGN §8).
   * @default undefined (no date check)
   */
  requireValidAt?: Date;
}

/** What {@link loadPkcs12} found in the file. */
export interface Pkcs12Contents {
  /** The private key. */
  privateKey: KeyObject;
  /** The certificate whose public key matches `privateKey`. */
  certificate: X509Certificate;
  /**
   * The file's other certificates, in file order, as found: typically the issuing CAs, but PKCS#12
   * files also carry unrelated certificates. Not verified; use `verifyCertificateChain` for that.
   */
  chain: X509Certificate[];
  /** `certificate`'s serial number in decimal (the `certId` form some gateways send). */
  certIdDecimal: string;
}

/**
 * Unpacks a PKCS#12 file protected by `password` (including legacy pbeWithSHA1And40BitRC2-CBC and
 * 3DES bags, and PBES2/AES files). Parsing takes tens of milliseconds of synchronous CPU (key
 * derivation in JavaScript): do it once, at client construction.
 *
 * Throws a `ConfigError` naming `options.source` when the password is wrong, the file is not a
 * readable PKCS#12, it holds no private key or no certificate matching it, or (with
 * `requireValidAt`) the certificate is not valid at that instant. The password is never echoed and
 * node-forge's own errors never escape. Throws a `ValidationError` for arguments of the wrong type.
 */
export function loadPkcs12(
  bytes: Uint8Array,
  password: string,
  options: LoadPkcs12Options = {},
): Pkcs12Contents {
  const file = requireBytes(bytes, 'bytes');
  if (typeof password !== 'string') throw invalidArgument('password', 'must be a string', 'invalid_type');
  const { requireValidAt } = options;
  if (
    requireValidAt !== undefined &&
    (!(requireValidAt instanceof Date) || Number.isNaN(requireValidAt.getTime()))
  ) {
    throw invalidArgument('requireValidAt', 'must be a valid Date', 'invalid_type');
  }
  const source = options.source ?? 'the PKCS#12 file';

  const bags = unpack(file, password, source);
  const privateKey = bags.keys[0];
  if (privateKey === undefined) {
    throw new ConfigError({ message: `${source} contains no private key`, details: { source } });
  }
  const ownPublicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const certificate = bags.certificates.find((candidate) =>
    candidate.publicKey.export({ type: 'spki', format: 'der' }).equals(ownPublicKey),
  );
  if (certificate === undefined) {
    throw new ConfigError({
      message: `${source} contains no certificate for its private key`,
      details: { source },
    });
  }
  if (requireValidAt !== undefined) checkValidAt(certificate, requireValidAt, source);
  return {
    privateKey,
    certificate,
    chain: bags.certificates.filter((candidate) => candidate !== certificate),
    certIdDecimal: certificateSerialDecimal(certificate),
  };
}

interface UnpackedBags {
  keys: KeyObject[];
  certificates: X509Certificate[];
}

/** Decodes the file with forge and converts every bag at once; forge errors become `ConfigError`s. */
function unpack(file: Uint8Array, password: string, source: string): UnpackedBags {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(file).toString('binary')));
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    // forge signals a wrong password only through its message: a failed MAC, or a key bag that does
    // not decrypt in files without a MAC. Neither message contains the password.
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|wrong password/i.test(message)) {
      throw new ConfigError({
        message: `${source}: wrong PKCS#12 password`,
        details: { source, reason: 'wrong_password' },
      });
    }
    throw new ConfigError({
      message: `${source} could not be read as PKCS#12 (corrupted file, unsupported format, or wrong password)`,
      details: { source, reason: 'unreadable' },
    });
  }
  try {
    const keys: KeyObject[] = [];
    const certificates: X509Certificate[] = [];
    for (const safeContents of pfx.safeContents) {
      for (const bag of safeContents.safeBags) {
        if (bag.type === forge.pki.oids.certBag) {
          certificates.push(new X509Certificate(certificateDer(bag)));
        } else if (bag.type === forge.pki.oids.keyBag || bag.type === forge.pki.oids.pkcs8ShroudedKeyBag) {
          keys.push(privateKeyOf(bag));
        }
      }
    }
    return { keys, certificates };
  } catch {
    throw new ConfigError({
      message: `${source} holds a key or certificate that could not be converted`,
      details: { source, reason: 'unreadable' },
    });
  }
}

/**
 * DER of a certificate bag. forge keeps the parsed certificate, whose TBSCertificate is the original
 * ASN.1, so re-encoding reproduces the signed bytes; certificates forge cannot model (non-RSA keys)
 * are kept as raw ASN.1.
 */
function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  if (asn1 === undefined) throw new Error('empty certificate bag');
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** A key bag as a `KeyObject`: RSA keys via PKCS#1, other algorithms from their raw PKCS#8. */
function privateKeyOf(bag: forge.pkcs12.Bag): KeyObject {
  if (bag.key) {
    const der = forge.asn1.toDer(forge.pki.privateKeyToAsn1(bag.key)).getBytes();
    return createPrivateKey({ key: Buffer.from(der, 'binary'), format: 'der', type: 'pkcs1' });
  }
  if (bag.asn1 === undefined) throw new Error('empty key bag');
  return createPrivateKey({
    key: Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), 'binary'),
    format: 'der',
    type: 'pkcs8',
  });
}

function checkValidAt(certificate: X509Certificate, at: Date, source: string): void {
  const { notBefore, notAfter } = certificateValidity(certificate);
  const details = { source, notBefore: notBefore.toISOString(), notAfter: notAfter.toISOString() };
  if (at.getTime() > notAfter.getTime()) {
    throw new ConfigError({
      message: `${source}: certificate expired on ${details.notAfter} (checked at ${at.toISOString()})`,
      details: { ...details, reason: 'expired' },
    });
  }
  if (at.getTime() < notBefore.getTime()) {
    throw new ConfigError({
      message: `${source}: certificate is not valid before ${details.notBefore} (checked at ${at.toISOString()})`,
      details: { ...details, reason: 'not_yet_valid' },
    });
  }
}
