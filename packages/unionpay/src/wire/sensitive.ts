/**
 * Sensitive-data encryption (spec §5.6): `accNo` and `customerInfo.encryptedInfo` are RSAES-PKCS1-v1_5 under
 * UnionPay's encryption certificate, base64; `customerInfo` is base64 of `{k=v&…}` in a fixed key order.
 */
import type { KeyObject } from 'node:crypto';
import { ValidationError } from '@wirebridge/core';
import { certificateSerialDecimal, rsaDecryptPkcs1, rsaEncryptPkcs1 } from '@wirebridge/core/crypto';
import { decodeText, encodeText, type UnionPayEncoding } from './charset.js';
import { toCertificate } from './signature.js';

/** Holder data carried in `customerInfo` (spec §5.6). */
export interface CustomerInfoFields {
  certifTp?: string;
  certifId?: string;
  customerNm?: string;
  smsCode?: string;
  phoneNo?: string;
  cvn2?: string;
  expired?: string;
}

const PLAIN_ORDER = ['certifTp', 'certifId', 'customerNm', 'smsCode'] as const;
const ENCRYPTED_ORDER = ['phoneNo', 'cvn2', 'expired'] as const;

/** Encrypts `plain` for UnionPay and names the certificate used (`encryptCertId`). */
export function encryptSensitive(
  plain: string,
  encryptionCertificate: string | Buffer,
  encoding: UnionPayEncoding = 'UTF-8',
): { value: string; encryptCertId: string } {
  const certificate = toCertificate(encryptionCertificate);
  return {
    value: rsaEncryptPkcs1(encodeText(plain, encoding, 'pan'), certificate).toString('base64'),
    encryptCertId: certificateSerialDecimal(certificate),
  };
}

/** Decrypts a value encrypted by {@link encryptSensitive} (the simulator's side, or a returned `accNo`). */
export function decryptSensitive(value: string, privateKey: KeyObject, encoding: UnionPayEncoding): string {
  return decodeText(rsaDecryptPkcs1(Buffer.from(value, 'base64'), privateKey), encoding);
}

/**
 * Builds `customerInfo` (spec §5.6): `{certifTp=…&certifId=…&customerNm=…&smsCode=…}` with `phoneNo`, `cvn2`,
 * `expired` joined, encrypted and appended as `encryptedInfo=` last; base64 of the bytes in `encoding`.
 *
 * @throws ValidationError naming `encryptionCertificate` when encrypted fields are present without it.
 */
export function buildCustomerInfo(
  info: CustomerInfoFields,
  encryptionCertificate?: string | Buffer,
  encoding: UnionPayEncoding = 'UTF-8',
): string {
  const pairs: string[] = [];
  for (const key of PLAIN_ORDER) {
    const value = info[key];
    if (value !== undefined && value !== '') pairs.push(`${key}=${value}`);
  }
  const secret = ENCRYPTED_ORDER.filter((key) => info[key] !== undefined && info[key] !== '').map(
    (key) => `${key}=${info[key]}`,
  );
  if (secret.length > 0) {
    if (encryptionCertificate === undefined) {
      throw new ValidationError({
        message:
          'customerInfo: phoneNo, cvn2 and expired must be encrypted, but no encryption certificate is set',
        issues: [
          { path: 'encryptionCertificate', code: 'required', message: 'required to encrypt holder data' },
        ],
      });
    }
    pairs.push(`encryptedInfo=${encryptSensitive(secret.join('&'), encryptionCertificate, encoding).value}`);
  }
  return encodeText(`{${pairs.join('&')}}`, encoding, 'customerInfo').toString('base64');
}

/** Reads a `customerInfo` back into its pairs, in order (the simulator's side). */
export function parseCustomerInfo(value: string, encoding: UnionPayEncoding): Array<[string, string]> {
  const text = decodeText(Buffer.from(value, 'base64'), encoding);
  const inner = text.startsWith('{') && text.endsWith('}') ? text.slice(1, -1) : text;
  return inner
    .split('&')
    .filter((part) => part.includes('='))
    .map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)] as [string, string]);
}
