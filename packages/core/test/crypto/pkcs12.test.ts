import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { loadPkcs12, rsaSign, rsaVerify } from '../../src/crypto/index.js';
import { ConfigError, ValidationError } from '../../src/errors/index.js';
import { readUnionpayFixture } from './support/fixtures.js';
import { commonName, issueTestCertificate } from './support/test-pki.js';

// Public UnionPay sandbox PKCS#12: pbeWithSHA1And40BitRC2-CBC certificate bag, 3DES key bag,
// password 000000 (`openssl pkcs12 -legacy -info` shows both). Certificate valid 2015-12-16 → 2018-12-16.
const fixtureName = 'acp_test_sign.pfx';
const fixturePfx = readUnionpayFixture(fixtureName);
const middle = new X509Certificate(readUnionpayFixture('acp_test_middle.cer'));

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadPkcs12 with the legacy RC2-40 fixture', () => {
  const contents = loadPkcs12(fixturePfx, '000000', { source: fixtureName });

  it('reads the certificate serial as the decimal certId', () => {
    expect(contents.certIdDecimal).toBe('68759663125');
    expect(contents.certificate.serialNumber).toBe('1002653215');
  });

  it('returns the certificate byte for byte: fingerprint from openssl, signature still verifies', () => {
    // openssl pkcs12 -legacy -in acp_test_sign.pfx -clcerts -nokeys | openssl x509 -noout -fingerprint -sha256
    expect(contents.certificate.fingerprint256).toBe(
      '7F:2A:F2:2F:CF:19:54:14:14:DB:B3:78:01:B8:AC:12:84:AD:B9:9C:28:E8:C0:81:91:C8:BA:F4:D6:DC:31:90',
    );
    expect(contents.certificate.verify(middle.publicKey)).toBe(true);
  });

  it('pairs the private key with its certificate', () => {
    expect(contents.privateKey.type).toBe('private');
    expect(contents.privateKey.asymmetricKeyType).toBe('rsa');
    const signature = rsaSign('pairing check', contents.privateKey, 'sha256');
    expect(rsaVerify('pairing check', signature, contents.certificate, 'sha256')).toBe(true);
  });

  it('reproduces a published signature made with this key (verified with openssl dgst -verify)', () => {
    // UnionPay ACP 5.1.0 vector V2 (specs/unionpay.md §10): RSA-SHA256 over the ASCII hex SHA-256 of the
    // signing string. Here it only proves the unpacked key is the file's key.
    const signingString =
      'accessType=0&bizType=000201&certId=68759663125&encoding=UTF-8&merId=777290058110048&orderId=20240101000000001' +
      '&signMethod=01&txnSubType=00&txnTime=20240101000000&txnType=00&version=5.1.0';
    const digestHex = createHash('sha256').update(signingString).digest('hex');
    expect(rsaSign(digestHex, contents.privateKey, 'sha256').toString('base64')).toBe(
      'b4lSg/WFmm1n8SwdvGizPtRX4NkQP0v7dcZWzQY1Z1xQCDGuVHhea0UaUY1PGWNPfhJhHHEhy2mkLZCE+GXunw0CpcKG5Ri6jckUWU5sdl1POyj8' +
        'B8GPeX/h2p3C8OvhDD904/cosdTIzCC/AvuW1sQbu8jGXs52fZv1KGlS0dhsMBI5WTqNtlETy9OuW8mC7ntkdEeWt1dceKr4Y/x7CHxeWyWQDGun' +
        'nHgQnbPyi8CzcYcv1odoH5Z7Rwk1+jqJZ0VTZcO//u+loBtu5mXiKWomXAw2SUJgYYgrzsHPzi5QKhP2vMfg/76LXvjX6WoZMhq6KyJ6BjRswlEp' +
        'I9zZSg==',
    );
  });

  it('returns the other certificates of the file as the chain, in file order, without the leaf', () => {
    expect(contents.chain).toHaveLength(2);
    expect(contents.chain.map((certificate) => certificate.subject.replaceAll('\n', ','))).toEqual([
      'C=CN,O=CFCA',
      'C=CN,O=BOC',
    ]);
  });

  it('loads an expired certificate when no date check is asked for (a key used alone ignores dates)', () => {
    expect(() => loadPkcs12(fixturePfx, '000000')).not.toThrow();
  });

  it('checks the certificate dates only when requireValidAt is given', () => {
    expect(
      loadPkcs12(fixturePfx, '000000', { requireValidAt: new Date('2017-06-01T00:00:00Z') }).certIdDecimal,
    ).toBe('68759663125');
    const expired = configError(() =>
      loadPkcs12(fixturePfx, '000000', {
        source: fixtureName,
        requireValidAt: new Date('2019-01-01T00:00:00Z'),
      }),
    );
    expect(expired.message).toContain(fixtureName);
    expect(expired.message).toContain('expired');
    expect(expired.details).toMatchObject({ reason: 'expired', notAfter: '2018-12-16T08:25:07.000Z' });
    const early = configError(() =>
      loadPkcs12(fixturePfx, '000000', {
        source: fixtureName,
        requireValidAt: new Date('2015-01-01T00:00:00Z'),
      }),
    );
    expect(early.details).toMatchObject({ reason: 'not_yet_valid' });
  });
});

describe('loadPkcs12 failures', () => {
  it('reports a wrong password as a ConfigError naming the file, without the password or forge text', () => {
    const password = 'not-the-password-4711';
    const error = configError(() => loadPkcs12(fixturePfx, password, { source: fixtureName }));
    expect(error.message).toBe(`${fixtureName}: wrong PKCS#12 password`);
    expect(error.details).toEqual({ source: fixtureName, reason: 'wrong_password' });
    expect(error.cause).toBeUndefined();
    const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(password);
    expect(everything).not.toMatch(/node-forge|MAC could not be verified/);
  });

  it('reports bytes that are not PKCS#12 as an unreadable ConfigError', () => {
    const error = configError(() =>
      loadPkcs12(Buffer.from('not a pfx at all'), '000000', { source: 'broken.p12' }),
    );
    expect(error.message).toContain('broken.p12');
    expect(error.details).toMatchObject({ reason: 'unreadable' });
    const truncated = configError(() => loadPkcs12(fixturePfx.subarray(0, 1000), '000000'));
    expect(truncated.details).toMatchObject({ reason: 'unreadable' });
  });

  it('names bytes and password in ValidationErrors for arguments of the wrong type', () => {
    expect(() => loadPkcs12('a path, not bytes' as never, '000000')).toThrow(ValidationError);
    expect(() => loadPkcs12(fixturePfx, undefined as never)).toThrow(ValidationError);
  });
});

describe('loadPkcs12 with files built by node-forge', () => {
  const identity = issueTestCertificate({
    subject: commonName('Wirebridge PKCS#12 Test'),
    ca: false,
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2026-01-01T00:00:00Z'),
    serialHex: '00ff01',
  });
  const other = issueTestCertificate({
    subject: commonName('Unrelated CA'),
    ca: true,
    notBefore: new Date('2024-01-01T00:00:00Z'),
    notAfter: new Date('2026-01-01T00:00:00Z'),
  });
  const build = (
    options: Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3],
    certificates = [identity.forgeCertificate],
  ) =>
    Buffer.from(
      forge.asn1
        .toDer(forge.pkcs12.toPkcs12Asn1(identity.forgeKey, certificates, 'test-pass', options))
        .getBytes(),
      'binary',
    );

  it('reads AES-256 (PBES2) and 3DES files', () => {
    for (const algorithm of ['aes256', '3des'] as const) {
      const contents = loadPkcs12(build({ algorithm }), 'test-pass');
      expect(contents.certIdDecimal).toBe('65281');
      expect(contents.certificate.fingerprint256).toBe(identity.certificate.fingerprint256);
    }
  });

  it('finds the certificate matching the key whatever the bag order', () => {
    const contents = loadPkcs12(
      build({ algorithm: '3des' }, [other.forgeCertificate, identity.forgeCertificate]),
      'test-pass',
    );
    expect(contents.certificate.fingerprint256).toBe(identity.certificate.fingerprint256);
    expect(contents.chain.map((certificate) => certificate.fingerprint256)).toEqual([
      other.certificate.fingerprint256,
    ]);
  });

  it('reports a wrong password on a file without a MAC as a ConfigError that points at the password', () => {
    // Without a MAC a wrong password is usually caught by the key bag's padding, but about 1 in 256
    // decryptions has valid padding by chance and then fails as unreadable data: both must say "password".
    const noMac = build({ algorithm: '3des', useMac: false });
    const error = configError(() => loadPkcs12(noMac, 'wrong', { source: 'no-mac.p12' }));
    expect(error.message).toMatch(/^no-mac\.p12.*password/);
    expect(error.details).toMatchObject({ source: 'no-mac.p12' });
  });

  it('refuses a file whose certificates do not match its key', () => {
    const mismatched = build({ algorithm: '3des' }, [other.forgeCertificate]);
    const error = configError(() => loadPkcs12(mismatched, 'test-pass', { source: 'mismatch.p12' }));
    expect(error.message).toBe('mismatch.p12 contains no certificate for its private key');
  });
});
