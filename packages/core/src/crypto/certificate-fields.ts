/**
 * Certificate fields callers need in exact form: the serial as a decimal string (the `certId` form
 * some gateways put on the wire), the subject common name, and the validity window as instants.
 * `X509Certificate` exposes the latter two only as display strings, so they are read from its DER.
 */
import type { X509Certificate } from 'node:crypto';
import { ConfigError } from '../errors/index.js';
import { type DerElement, DerFormatError, readDerChildren, readDerElement } from './der-reader.js';

/** The validity window of a certificate (RFC 5280 §4.1.2.5), both ends inclusive. */
export interface CertificateValidity {
  /** First instant at which the certificate is valid. */
  notBefore: Date;
  /** Last instant at which the certificate is valid. */
  notAfter: Date;
}

/**
 * The certificate's serial number as an unsigned decimal string, e.g. `68759663125` for serial
 * `0x1002653215`. Serials are up to 20 bytes (RFC 5280 §4.1.2.2), beyond `Number`, hence `BigInt`.
 */
export function certificateSerialDecimal(certificate: X509Certificate): string {
  return BigInt(`0x${certificate.serialNumber}`).toString(10);
}

/**
 * The subject's common name (OID 2.5.4.3), decoded from its ASN.1 string type (UTF8String, PrintableString,
 * BMPString, …), or `undefined` when the subject has none. With several CNs the last, most specific
 * one is returned (RFC 6125 §6.4.4 ordering).
 *
 * Throws a `ConfigError` if the certificate's DER cannot be read, which `X509Certificate` would
 * already have refused in practice.
 */
export function subjectCommonName(certificate: X509Certificate): string | undefined {
  return readCertificateFields(certificate, (bytes, tbsFields) => {
    const subject = tbsFields[SUBJECT_INDEX];
    if (subject === undefined) throw new DerFormatError('certificate has no subject');
    let commonName: string | undefined;
    for (const relativeName of readDerChildren(bytes, subject)) {
      for (const attribute of readDerChildren(bytes, relativeName)) {
        const [type, value] = readDerChildren(bytes, attribute);
        if (type !== undefined && value !== undefined && isCommonNameOid(bytes, type)) {
          commonName = decodeDirectoryString(bytes, value);
        }
      }
    }
    return commonName;
  });
}

/**
 * The certificate's validity window read from its DER (UTCTime or GeneralizedTime), exact to the
 * second. Throws a `ConfigError` if the DER cannot be read.
 */
export function certificateValidity(certificate: X509Certificate): CertificateValidity {
  return readCertificateFields(certificate, (bytes, tbsFields) => {
    const validity = tbsFields[VALIDITY_INDEX];
    if (validity === undefined) throw new DerFormatError('certificate has no validity');
    const [notBefore, notAfter] = readDerChildren(bytes, validity);
    if (notBefore === undefined || notAfter === undefined) throw new DerFormatError('incomplete validity');
    return { notBefore: decodeTime(bytes, notBefore), notAfter: decodeTime(bytes, notAfter) };
  });
}

// Positions in TBSCertificate after the optional [0] version (RFC 5280 §4.1):
// serialNumber, signature, issuer, validity, subject.
const VALIDITY_INDEX = 3;
const SUBJECT_INDEX = 4;

function readCertificateFields<T>(
  certificate: X509Certificate,
  read: (bytes: Uint8Array, tbsFields: DerElement[]) => T,
): T {
  const bytes = certificate.raw;
  try {
    const outer = readDerElement(bytes, 0);
    const tbs = readDerChildren(bytes, outer)[0];
    if (tbs === undefined) throw new DerFormatError('certificate has no TBSCertificate');
    const fields = readDerChildren(bytes, tbs);
    // The version field is an explicit [0] tag (0xa0) and is absent in v1 certificates.
    return read(bytes, fields[0]?.tag === 0xa0 ? fields.slice(1) : fields);
  } catch (error) {
    if (!(error instanceof DerFormatError)) throw error;
    throw new ConfigError({ message: `certificate could not be parsed: ${error.message}` });
  }
}

function isCommonNameOid(bytes: Uint8Array, element: DerElement): boolean {
  // OBJECT IDENTIFIER 2.5.4.3 encodes as 55 04 03.
  return (
    element.tag === 0x06 &&
    element.end - element.start === 3 &&
    bytes[element.start] === 0x55 &&
    bytes[element.start + 1] === 0x04 &&
    bytes[element.start + 2] === 0x03
  );
}

function decodeDirectoryString(bytes: Uint8Array, element: DerElement): string {
  const content = Buffer.from(bytes.subarray(element.start, element.end));
  switch (element.tag) {
    case 0x1e: // BMPString: UTF-16 big-endian.
      return content.swap16().toString('utf16le');
    case 0x1c: {
      // UniversalString: UTF-32 big-endian.
      let text = '';
      for (let offset = 0; offset + 4 <= content.length; offset += 4) {
        text += String.fromCodePoint(content.readUInt32BE(offset));
      }
      return text;
    }
    case 0x14: // TeletexString: in practice Latin-1.
      return content.toString('latin1');
    default: // UTF8String, and the ASCII subsets PrintableString / IA5String.
      return content.toString('utf8');
  }
}

function decodeTime(bytes: Uint8Array, element: DerElement): Date {
  const text = Buffer.from(bytes.subarray(element.start, element.end)).toString('latin1');
  // RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ (YY < 50 means 20YY), GeneralizedTime YYYYMMDDHHMMSSZ.
  const match =
    element.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : element.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (match === null) throw new DerFormatError('unsupported certificate time encoding');
  const [, yearText, month, day, hour, minute, second] = match.map(Number) as number[];
  const year = element.tag === 0x17 ? (yearText! < 50 ? 2000 + yearText! : 1900 + yearText!) : yearText!;
  return new Date(Date.UTC(year, month! - 1, day!, hour!, minute!, second!));
}
