/**
 * A minimal X.509 v3 issuer for the simulator's own trust chain (spec §9, Modelled). `node:crypto` can sign
 * but cannot build certificates, so the DER is assembled here (RSA-2048, sha256WithRSAEncryption).
 * TODO(core): core/testing could export a certificate issuer; node-forge is not a dependency of this package.
 */
import { generateKeyPairSync, type KeyObject, sign, X509Certificate } from 'node:crypto';

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (tag: number, content: Buffer) => tlv(0xa0 | tag, content);

function integer(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function oid(text: string): Buffer {
  const parts = text.split('.').map(Number);
  const bytes = [parts[0]! * 40 + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let rest = part >> 7; rest > 0; rest >>= 7) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function time(date: Date): Buffer {
  const iso = date.toISOString();
  const compact = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime after.
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(compact.slice(2), 'ascii'))
    : tlv(0x18, Buffer.from(compact, 'ascii'));
}

function name(commonName: string, organization: string): Buffer {
  const attribute = (type: string, value: string) =>
    set(sequence(oid(type), tlv(0x0c, Buffer.from(value, 'utf8'))));
  return sequence(
    attribute('2.5.4.6', 'CN'),
    attribute('2.5.4.10', organization),
    attribute('2.5.4.3', commonName),
  );
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

/** A key pair with its certificate. */
export interface TestIdentity {
  privateKey: KeyObject;
  certificate: X509Certificate;
  commonName: string;
  organization: string;
}

/** Generates an RSA-2048 key pair (the slow part; callers cache them). */
export function generateRsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** Issues a certificate for `keys` (self-signed without `issuer`). */
export function issueCertificate(options: {
  keys: { privateKey: KeyObject; publicKey: KeyObject };
  commonName: string;
  organization?: string;
  issuer?: TestIdentity;
  ca: boolean;
  notBefore: Date;
  notAfter: Date;
  serial: bigint;
}): TestIdentity {
  const organization = options.organization ?? 'Wirebridge UnionPay Simulator';
  const subject = name(options.commonName, organization);
  const issuerName = options.issuer ? name(options.issuer.commonName, options.issuer.organization) : subject;
  const basicConstraints = sequence(
    oid('2.5.29.19'),
    tlv(0x01, Buffer.from([0xff])),
    tlv(0x04, sequence(...(options.ca ? [tlv(0x01, Buffer.from([0xff]))] : []))),
  );
  const tbs = sequence(
    explicit(0, integer(2n)),
    integer(options.serial),
    SHA256_WITH_RSA,
    issuerName,
    sequence(time(options.notBefore), time(options.notAfter)),
    subject,
    options.keys.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(basicConstraints)),
  );
  const signature = sign('sha256', tbs, options.issuer?.privateKey ?? options.keys.privateKey);
  const der = sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    privateKey: options.keys.privateKey,
    certificate: new X509Certificate(der),
    commonName: options.commonName,
    organization,
  };
}

let keyPool: Array<{ privateKey: KeyObject; publicKey: KeyObject }> | undefined;

/**
 * RSA keys shared by every simulator of this process: generating RSA-2048 keys costs CPU, certificates are
 * re-issued per simulator around its own clock, so sharing keys changes no behaviour.
 */
export function simulatorKey(index: number): { privateKey: KeyObject; publicKey: KeyObject } {
  keyPool ??= [];
  while (keyPool.length <= index) keyPool.push(generateRsaKey());
  return keyPool[index]!;
}

const merchantKeyIndexes = new Map<string, number>();
/** First pool index of merchant keys (0–4 are the simulator's own chain and encryption keys). */
const FIRST_MERCHANT_KEY = 5;

/**
 * The pool index of a merchant's key: one distinct key per merchant id in this process, so a merchant can never
 * sign as another one (the same merchant id gets the same key in every simulator of the process).
 */
export function merchantKeyIndex(merchantId: string): number {
  let index = merchantKeyIndexes.get(merchantId);
  if (index === undefined) {
    index = FIRST_MERCHANT_KEY + merchantKeyIndexes.size;
    merchantKeyIndexes.set(merchantId, index);
  }
  return index;
}
