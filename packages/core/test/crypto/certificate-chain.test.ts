import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import {
  certificateSerialDecimal,
  certificateValidity,
  checkCertificateChain,
  subjectCommonName,
  verifyCertificateChain,
} from '../../src/crypto/index.js';
import { SignatureError, ValidationError } from '../../src/errors/index.js';
import { readUnionpayFixture } from './support/fixtures.js';
import { commonName, issueTestCertificate } from './support/test-pki.js';

// Public CFCA test certificates (UnionPay sandbox). Validity read with `openssl x509 -noout -dates`:
//   leaf   acp_test_verify_sign.cer  2015-12-04T03:25:21Z … 2017-12-04T03:25:21Z
//   middle acp_test_middle.cer       2012-08-30T03:14:33Z … 2031-05-11T03:14:33Z
//   root   acp_test_root.cer         2012-08-29T05:01:29Z … 2032-08-29T05:01:29Z
const leaf = new X509Certificate(readUnionpayFixture('acp_test_verify_sign.cer'));
const middle = new X509Certificate(readUnionpayFixture('acp_test_middle.cer'));
const root = new X509Certificate(readUnionpayFixture('acp_test_root.cer'));
const encryptionCertificate = new X509Certificate(readUnionpayFixture('acp_test_enc.cer'));

const insideLeafValidity = new Date('2016-06-01T00:00:00Z');

function chainError(action: () => unknown): SignatureError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SignatureError);
    return error as SignatureError;
  }
  throw new Error('expected the chain to be rejected');
}

describe('verifyCertificateChain with the public CFCA test chain', () => {
  it('verifies leaf → middle → root at a date inside the leaf validity and returns the path', () => {
    const path = verifyCertificateChain(leaf, [middle], [root], { at: insideLeafValidity });
    expect(path.map((certificate) => certificate.fingerprint256)).toEqual([
      leaf.fingerprint256,
      middle.fingerprint256,
      root.fingerprint256,
    ]);
  });

  it('accepts the leaf until the last second of its validity and rejects it one second later', () => {
    expect(() =>
      verifyCertificateChain(leaf, [middle], [root], { at: new Date('2017-12-04T03:25:21Z') }),
    ).not.toThrow();
    const error = chainError(() =>
      verifyCertificateChain(leaf, [middle], [root], { at: new Date('2017-12-04T03:25:22Z') }),
    );
    expect(error.details).toMatchObject({ reason: 'expired', depth: 0, serialDecimal: '68759585097' });
    expect(error.message).toContain('depth 0');
  });

  it('rejects the leaf before its validity starts', () => {
    const error = chainError(() =>
      verifyCertificateChain(leaf, [middle], [root], { at: new Date('2015-12-04T03:25:20Z') }),
    );
    expect(error.details).toMatchObject({ reason: 'not_yet_valid', depth: 0 });
  });

  it('ignores unrelated and out-of-order intermediates', () => {
    const path = verifyCertificateChain(leaf, [encryptionCertificate, root, middle], [root], {
      at: insideLeafValidity,
    });
    expect(path).toHaveLength(3);
  });

  it('fails with issuer_mismatch when the intermediate is missing', () => {
    const error = chainError(() => verifyCertificateChain(leaf, [], [root], { at: insideLeafValidity }));
    expect(error.details).toMatchObject({ reason: 'issuer_mismatch', depth: 0 });
  });

  it('fails with issuer_mismatch at the intermediate when the chain leads to another root', () => {
    const otherRoot = issueTestCertificate({
      subject: commonName('Wirebridge Test Other Root'),
      ca: true,
      notBefore: new Date('2010-01-01T00:00:00Z'),
      notAfter: new Date('2040-01-01T00:00:00Z'),
    });
    const error = chainError(() =>
      verifyCertificateChain(leaf, [middle], [otherRoot.certificate], { at: insideLeafValidity }),
    );
    expect(error.details).toMatchObject({ reason: 'issuer_mismatch', depth: 1 });
    expect(String(error.details?.subject)).toContain('CFCA TEST OCA1');
  });

  it('fails with signature when a wrong intermediate carries the right name but another key', () => {
    // Same subject DN as the real middle certificate, different key: only the signature can tell.
    const impostor = issueTestCertificate({
      subject: [
        { shortName: 'C', value: 'CN' },
        { shortName: 'O', value: 'China Financial Certification Authority' },
        { shortName: 'CN', value: 'CFCA TEST OCA1' },
      ],
      ca: true,
      notBefore: new Date('2012-01-01T00:00:00Z'),
      notAfter: new Date('2031-01-01T00:00:00Z'),
    });
    expect(leaf.checkIssued(impostor.certificate)).toBe(true);
    const error = chainError(() =>
      verifyCertificateChain(leaf, [impostor.certificate], [root], { at: insideLeafValidity }),
    );
    expect(error.details).toMatchObject({ reason: 'signature', depth: 0 });
  });

  it('reports the failure as a value through checkCertificateChain', () => {
    const result = checkCertificateChain(leaf, [middle], [root], { at: new Date('2020-01-01T00:00:00Z') });
    expect(result).toMatchObject({ ok: false, failure: { reason: 'expired', depth: 0 } });
    expect(checkCertificateChain(leaf, [middle], [root], { at: insideLeafValidity }).ok).toBe(true);
  });

  it('names the argument in a ValidationError when it is not a certificate', () => {
    const call = () =>
      verifyCertificateChain(leaf, [middle.toString() as never], [root], { at: insideLeafValidity });
    expect(call).toThrow(ValidationError);
  });
});

describe('verifyCertificateChain with generated chains', () => {
  const notBefore = new Date('2024-01-01T00:00:00Z');
  const notAfter = new Date('2026-01-01T00:00:00Z');
  const at = new Date('2025-01-01T00:00:00Z');

  it('rejects a chain whose intermediate is not a CA', () => {
    const testRoot = issueTestCertificate({
      subject: commonName('Test Root'),
      ca: true,
      notBefore,
      notAfter,
    });
    const notCa = issueTestCertificate({
      subject: commonName('Not A CA'),
      issuer: testRoot,
      ca: false,
      notBefore,
      notAfter,
    });
    const testLeaf = issueTestCertificate({
      subject: commonName('Leaf'),
      issuer: notCa,
      ca: false,
      notBefore,
      notAfter,
    });
    const error = chainError(() =>
      verifyCertificateChain(testLeaf.certificate, [notCa.certificate], [testRoot.certificate], { at }),
    );
    expect(error.details).toMatchObject({ reason: 'not_ca', depth: 1 });
  });

  it('rejects a chain whose root has expired at the verification instant', () => {
    const expiredRoot = issueTestCertificate({
      subject: commonName('Expired Root'),
      ca: true,
      notBefore,
      notAfter: new Date('2024-06-01T00:00:00Z'),
    });
    const testLeaf = issueTestCertificate({
      subject: commonName('Leaf'),
      issuer: expiredRoot,
      ca: false,
      notBefore,
      notAfter,
    });
    const error = chainError(() =>
      verifyCertificateChain(testLeaf.certificate, [], [expiredRoot.certificate], { at }),
    );
    expect(error.details).toMatchObject({ reason: 'expired', depth: 1 });
    expect(
      verifyCertificateChain(testLeaf.certificate, [], [expiredRoot.certificate], {
        at: new Date('2024-03-01T00:00:00Z'),
      }),
    ).toHaveLength(2);
  });
});

describe('certificate fields', () => {
  it('reads the decimal serial used as certId', () => {
    expect(certificateSerialDecimal(leaf)).toBe('68759585097');
    expect(certificateSerialDecimal(encryptionCertificate)).toBe('68759622183');
  });

  it('reads the subject common name of a PrintableString CN', () => {
    expect(subjectCommonName(leaf)).toBe('041@Z12@00040000:SIGN@00000062');
    expect(subjectCommonName(root)).toBe('CFCA TEST CS CA');
  });

  it('decodes UTF8String and BMPString common names', () => {
    const dates = { ca: false, notBefore: new Date('2024-01-01Z'), notAfter: new Date('2025-01-01Z') };
    const name = '041@Z12@中国银联股份有限公司@00000001';
    const utf8 = issueTestCertificate({
      ...dates,
      // forge encodes the JS string itself: UTF-8 for UTF8String, UTF-16BE for BMPString.
      subject: [{ shortName: 'CN', value: name, valueTagClass: forge.asn1.Type.UTF8 } as never],
    });
    expect(subjectCommonName(utf8.certificate)).toBe(name);
    const bmp = issueTestCertificate({
      ...dates,
      subject: [
        {
          shortName: 'CN',
          value: name,
          valueTagClass: forge.asn1.Type.BMPSTRING,
        } as never,
      ],
    });
    expect(subjectCommonName(bmp.certificate)).toBe(name);
  });

  it('returns undefined when the subject has no common name', () => {
    const noCn = issueTestCertificate({
      subject: [{ shortName: 'O', value: 'Wirebridge Test' }],
      ca: false,
      notBefore: new Date('2024-01-01Z'),
      notAfter: new Date('2025-01-01Z'),
    });
    expect(subjectCommonName(noCn.certificate)).toBeUndefined();
  });

  it('reads the validity window to the second', () => {
    const validity = certificateValidity(leaf);
    expect(validity.notBefore.toISOString()).toBe('2015-12-04T03:25:21.000Z');
    expect(validity.notAfter.toISOString()).toBe('2017-12-04T03:25:21.000Z');
  });
});
