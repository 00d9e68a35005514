/**
 * Signing and verification of ACP messages (spec §5.2–§5.5). Pure functions over field maps.
 */
import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '@wirebridge/core';
import {
  certificateSerialDecimal,
  certificateValidity,
  checkCertificateChain,
  constantTimeEqual,
  loadPkcs12,
  rsaSign,
  rsaVerify,
  subjectCommonName,
} from '@wirebridge/core/crypto';
import { encodeText, parseEncoding, type UnionPayEncoding } from './charset.js';

/** The signer a message is signed with: an RSA key + certificate id (01) or the secure key (11). */
export type ResolvedSigner =
  | { signMethod?: '01'; privateKeyPem: string; certificateId: string; certificatePem?: string }
  | { signMethod: '11'; secureKey: string };

/** What {@link verifyMessage} needs. */
export interface VerifyOptions {
  /** The trust anchors UnionPay's signing certificate must chain to (PEM or DER). */
  trust: { middleCertificate: string | Buffer; rootCertificate: string | Buffer };
  /** Require the production CN `中国银联股份有限公司` (otherwise the CFCA test identity is accepted too). */
  validateCnName: boolean;
  /** The instant certificates must be valid at. */
  now: Date;
  /** Secure key, for messages signed with method 11. */
  secureKey?: string;
  /** Charset of the signing string. @default the message's `encoding` field, else UTF-8 */
  encoding?: UnionPayEncoding;
}

/** Why a verification failed (spec §5.4). */
export type VerifyFailureReason = 'signature' | 'certificate' | 'cn' | 'expired' | 'chain';

/** The production CN element [2] of UnionPay's signing certificate (spec §5.4). */
export const UNIONPAY_CN_NAME = '中国银联股份有限公司';
/** The CFCA test identity, accepted only when `validateCnName` is false (spec §5.4). */
export const UNIONPAY_TEST_CN_NAME = '00040000:SIGN';

/**
 * The signing string (spec §5.2 step 2): every non-empty field except `signature`, keys sorted by UTF-16 code
 * unit (Java `TreeMap`), joined `k=v` with `&`, values raw.
 */
export function buildSigningString(fields: Readonly<Record<string, string>>): string {
  return Object.keys(fields)
    .filter((key) => key !== 'signature' && fields[key] !== undefined && fields[key] !== '')
    .sort()
    .map((key) => `${key}=${fields[key]}`)
    .join('&');
}

function hexDigest(algorithm: 'sha1' | 'sha256', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

const privateKeys = new Map<string, KeyObject>();

function privateKeyOf(pem: string): KeyObject {
  let key = privateKeys.get(pem);
  if (key === undefined) {
    key = createPrivateKey(pem);
    // Bounded: a client holds one or two signing keys (before and after a rotation).
    if (privateKeys.size >= 8) privateKeys.delete(privateKeys.keys().next().value as string);
    privateKeys.set(pem, key);
  }
  return key;
}

/** The method-11 signature (spec §5.3): hex SHA-256 of `signingString & hex SHA-256(secureKey)`. */
function secureKeySignature(signingString: string, secureKey: string, encoding: UnionPayEncoding): string {
  const keyDigest = hexDigest('sha256', encodeText(secureKey, encoding, 'secureKey'));
  return hexDigest('sha256', encodeText(`${signingString}&${keyDigest}`, encoding, 'signingString'));
}

/**
 * Signs a field map (spec §5.2/§5.3) and returns a new map with `signMethod`, `certId` (01 only) and `signature`.
 * Empty values are dropped, as they are from the body.
 */
export function signMessage(
  fields: Record<string, string>,
  credentials: ResolvedSigner,
  encoding: UnionPayEncoding = 'UTF-8',
): Record<string, string> {
  const signed: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'signature' && value !== undefined && value !== '') signed[key] = value;
  }
  if (credentials.signMethod === '11') {
    delete signed.certId;
    signed.signMethod = '11';
    signed.signature = secureKeySignature(buildSigningString(signed), credentials.secureKey, encoding);
    return signed;
  }
  signed.certId = credentials.certificateId;
  signed.signMethod = '01';
  const digest = hexDigest('sha256', encodeText(buildSigningString(signed), encoding, 'signingString'));
  // A double hash: RSA-SHA256 over the ASCII hex digest (spec §5.2 step 4).
  const signature = rsaSign(Buffer.from(digest, 'ascii'), privateKeyOf(credentials.privateKeyPem), 'sha256');
  signed.signature = signature.toString('base64');
  return signed;
}

/** Reads PEM text, DER bytes or a PEM in a Buffer as an X.509 certificate. */
export function toCertificate(input: string | Buffer | X509Certificate): X509Certificate {
  if (input instanceof X509Certificate) return input;
  return new X509Certificate(input);
}

interface ChainVerdict {
  reason?: 'cn' | 'chain' | 'expired';
  notAfter: number;
}

/** Chain and CN verdicts by certificate fingerprint (spec §5.4: LRU 16, until notAfter). */
const chainCache = new Map<string, ChainVerdict>();
const CHAIN_CACHE_SIZE = 16;

function cnAccepted(certificate: X509Certificate, validateCnName: boolean): boolean {
  const parts = (subjectCommonName(certificate) ?? '').split('@');
  const name = parts[2];
  if (name === UNIONPAY_CN_NAME) return true;
  return !validateCnName && name === UNIONPAY_TEST_CN_NAME;
}

function chainVerdict(
  leaf: X509Certificate,
  options: VerifyOptions,
  middle: X509Certificate,
  root: X509Certificate,
): ChainVerdict {
  const key = `${leaf.fingerprint256}|${middle.fingerprint256}|${root.fingerprint256}|${options.validateCnName}`;
  const cached = chainCache.get(key);
  const now = options.now.getTime();
  if (cached !== undefined && now <= cached.notAfter) {
    chainCache.delete(key);
    chainCache.set(key, cached);
    return cached;
  }
  const result = checkCertificateChain(leaf, [middle], [root], { at: options.now });
  const notAfter = certificateValidity(leaf).notAfter.getTime();
  let verdict: ChainVerdict;
  if (!result.ok) {
    const timed = result.failure.reason === 'expired' || result.failure.reason === 'not_yet_valid';
    // A validity failure depends on the instant: never cache it.
    if (timed) return { reason: 'expired', notAfter };
    verdict = { reason: 'chain', notAfter };
  } else if (!cnAccepted(leaf, options.validateCnName)) {
    verdict = { reason: 'cn', notAfter };
  } else {
    verdict = { notAfter };
  }
  if (chainCache.size >= CHAIN_CACHE_SIZE) chainCache.delete(chainCache.keys().next().value as string);
  chainCache.set(key, verdict);
  return verdict;
}

/**
 * Verifies a received 5.1.0 message (spec §5.4) on its untouched field map: method 11 by recomputation in
 * constant time; method 01 by the carried `signPubKeyCert` (validity at `now`, chain to the trust anchors,
 * CN, then RSA-SHA256 over the ASCII hex SHA-256 of the signing string).
 */
export function verifyMessage(
  fields: Readonly<Record<string, string>>,
  options: VerifyOptions,
): { ok: true } | { ok: false; reason: VerifyFailureReason } {
  const encoding = options.encoding ?? parseEncoding(fields.encoding) ?? 'UTF-8';
  const signature = fields.signature;
  if (signature === undefined || signature === '') return { ok: false, reason: 'signature' };
  if (fields.signMethod === '11') {
    if (options.secureKey === undefined) return { ok: false, reason: 'signature' };
    const expected = secureKeySignature(buildSigningString(fields), options.secureKey, encoding);
    return constantTimeEqual(Buffer.from(expected, 'ascii'), Buffer.from(signature.toLowerCase(), 'ascii'))
      ? { ok: true }
      : { ok: false, reason: 'signature' };
  }
  if (fields.signMethod !== '01') return { ok: false, reason: 'signature' };
  let leaf: X509Certificate;
  let middle: X509Certificate;
  let root: X509Certificate;
  try {
    leaf = toCertificate(fields.signPubKeyCert ?? '');
  } catch {
    return { ok: false, reason: 'certificate' };
  }
  try {
    middle = toCertificate(options.trust.middleCertificate);
    root = toCertificate(options.trust.rootCertificate);
  } catch {
    return { ok: false, reason: 'chain' };
  }
  const verdict = chainVerdict(leaf, options, middle, root);
  if (verdict.reason !== undefined) return { ok: false, reason: verdict.reason };
  const digest = hexDigest('sha256', encodeText(buildSigningString(fields), encoding, 'signingString'));
  const valid = rsaVerify(Buffer.from(digest, 'ascii'), Buffer.from(signature, 'base64'), leaf, 'sha256');
  return valid ? { ok: true } : { ok: false, reason: 'signature' };
}

/**
 * Verifies legacy 5.0.0 data (spec §5.5): the certificate is looked up by the message's `certId` among
 * `certificates`, then RSA-SHA1 over the ASCII hex SHA-1. No chain check; never used to sign.
 */
export function verifyLegacyMessage(
  fields: Readonly<Record<string, string>>,
  certificates: ReadonlyArray<string | Buffer>,
): boolean {
  const signature = fields.signature;
  if (signature === undefined || fields.certId === undefined) return false;
  const encoding = parseEncoding(fields.encoding);
  if (encoding === undefined) return false;
  for (const input of certificates) {
    let certificate: X509Certificate;
    try {
      certificate = toCertificate(input);
    } catch {
      continue;
    }
    if (certificateSerialDecimal(certificate) !== fields.certId) continue;
    const digest = hexDigest('sha1', encodeText(buildSigningString(fields), encoding, 'signingString'));
    return rsaVerify(Buffer.from(digest, 'ascii'), Buffer.from(signature, 'base64'), certificate, 'sha1');
  }
  return false;
}

/**
 * Reads a PKCS#12 signing file (legacy RC2-40 included) once: the key, its certificate and the decimal
 * `certId` (spec §5.1). No validity check here; the client checks the certificate against its clock.
 *
 * @throws ConfigError for a wrong password or an unreadable file (the password is never echoed).
 */
export function loadSigningCredentials(
  pfx: Buffer,
  password: string,
): { privateKeyPem: string; certificatePem: string; certificateId: string } {
  const contents = loadPkcs12(pfx, password, { source: 'signing.pfx' });
  return {
    privateKeyPem: contents.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certificatePem: contents.certificate.toString(),
    certificateId: contents.certIdDecimal,
  };
}

/** The decimal serial of a certificate (the `certId` / `encryptCertId` form). */
export function certificateIdOf(certificate: string | Buffer | X509Certificate): string {
  try {
    return certificateSerialDecimal(toCertificate(certificate));
  } catch {
    throw new ConfigError({ message: 'certificate could not be read' });
  }
}
