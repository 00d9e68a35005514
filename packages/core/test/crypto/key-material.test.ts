import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  loadCertificate,
  loadCertificates,
  loadPrivateKey,
  loadPublicKey,
  rsaSign,
  rsaVerify,
} from '../../src/crypto/index.js';
import { ConfigError, ValidationError } from '../../src/errors/index.js';
import { readUnionpayFixture } from './support/fixtures.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const passphrase = 'test-passphrase-1234';

function configError(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

/** The loaded key is the original one: it signs what the original public key verifies. */
function expectSameRsaKey(loaded: ReturnType<typeof loadPrivateKey>): void {
  expect(rsaVerify('probe', rsaSign('probe', loaded, 'sha256'), rsa.publicKey, 'sha256')).toBe(true);
}

describe('loadPrivateKey', () => {
  it('reads PKCS#8 and PKCS#1 PEM, as text or bytes', () => {
    const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const pkcs1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    expectSameRsaKey(loadPrivateKey(pkcs8));
    expectSameRsaKey(loadPrivateKey(pkcs1));
    expectSameRsaKey(loadPrivateKey(Buffer.from(`\n${pkcs1}`)));
  });

  it('reads PKCS#8, PKCS#1 and SEC1 DER', () => {
    expectSameRsaKey(loadPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'der' })));
    expectSameRsaKey(loadPrivateKey(rsa.privateKey.export({ type: 'pkcs1', format: 'der' })));
    const sec1 = loadPrivateKey(ec.privateKey.export({ type: 'sec1', format: 'der' }));
    expect(sec1.asymmetricKeyType).toBe('ec');
  });

  it('reads encrypted PKCS#8 in PEM and DER with the passphrase', () => {
    const encryption = { cipher: 'aes-256-cbc', passphrase } as const;
    expectSameRsaKey(
      loadPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem', ...encryption }), passphrase),
    );
    expectSameRsaKey(
      loadPrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'der', ...encryption }), passphrase),
    );
  });

  it('reports a missing or wrong passphrase as a ConfigError naming the source, never the passphrase', () => {
    const encrypted = rsa.privateKey.export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase,
    });
    const missing = configError(() =>
      loadPrivateKey(encrypted, undefined, { source: 'signing.privateKeyPem' }),
    );
    expect(missing.message).toBe('signing.privateKeyPem is encrypted and no passphrase was given');
    const wrongPassphrase = 'definitely-wrong-9876';
    const wrong = configError(() =>
      loadPrivateKey(encrypted, wrongPassphrase, { source: 'signing.privateKeyPem' }),
    );
    expect(wrong.message).toBe('signing.privateKeyPem could not be decrypted: wrong passphrase');
    expect(JSON.stringify(wrong) + wrong.message).not.toContain(wrongPassphrase);
    const encryptedDer = rsa.privateKey.export({
      type: 'pkcs8',
      format: 'der',
      cipher: 'aes-256-cbc',
      passphrase,
    });
    expect(configError(() => loadPrivateKey(encryptedDer)).message).toContain('no passphrase');
  });

  it('reports unreadable material as a ConfigError, and a public key as not private', () => {
    expect(
      configError(() => loadPrivateKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'))
        .message,
    ).toContain('could not be read as a private key');
    expect(configError(() => loadPrivateKey(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]))).details).toEqual({
      source: 'the private key',
    });
    expect(configError(() => loadPrivateKey(rsa.publicKey)).message).toContain('not a private key');
  });

  it('passes a private KeyObject through and rejects other argument types', () => {
    expect(loadPrivateKey(rsa.privateKey)).toBe(rsa.privateKey);
    expect(() => loadPrivateKey(42 as never)).toThrow(ValidationError);
  });
});

describe('loadPublicKey', () => {
  it('reads SPKI and PKCS#1 public keys, and a certificate’s key, from PEM or DER', () => {
    const spkiPem = rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const pkcs1Der = rsa.publicKey.export({ type: 'pkcs1', format: 'der' });
    const signature = rsaSign('probe', rsa.privateKey, 'sha256');
    expect(rsaVerify('probe', signature, loadPublicKey(spkiPem), 'sha256')).toBe(true);
    expect(rsaVerify('probe', signature, loadPublicKey(pkcs1Der), 'sha256')).toBe(true);

    const certificatePem = readUnionpayFixture('acp_test_root.cer');
    const fromPem = loadPublicKey(certificatePem);
    const fromDer = loadPublicKey(new X509Certificate(certificatePem).raw);
    expect(fromPem.equals(fromDer)).toBe(true);
    expect(fromPem.equals(new X509Certificate(certificatePem).publicKey)).toBe(true);
  });

  it('refuses private key material where a public key belongs', () => {
    const privatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(configError(() => loadPublicKey(privatePem, { source: 'bankPublicKeys.0' })).message).toBe(
      'bankPublicKeys.0 holds a private key where a public key is expected',
    );
    expect(() => loadPublicKey(rsa.privateKey)).toThrow(ConfigError);
  });
});

describe('loadCertificate / loadCertificates', () => {
  const middlePem = readUnionpayFixture('acp_test_middle.cer');
  const rootPem = readUnionpayFixture('acp_test_root.cer');

  it('reads PEM and DER to the same certificate', () => {
    const fromPem = loadCertificate(middlePem);
    expect(loadCertificate(fromPem.raw).fingerprint256).toBe(fromPem.fingerprint256);
    expect(loadCertificate(middlePem.toString('latin1')).serialNumber).toBe('18D0F3FC7F7D1DDFC2C6');
  });

  it('reports non-certificates as a ConfigError naming the source', () => {
    const error = configError(() =>
      loadCertificate(Buffer.from('not a certificate'), { source: 'trust.rootCertificate' }),
    );
    expect(error.message).toBe('trust.rootCertificate could not be read as an X.509 certificate');
  });

  it('reads every certificate of a PEM bundle in order', () => {
    const bundle = Buffer.concat([middlePem, Buffer.from('\n'), rootPem]);
    const certificates = loadCertificates(bundle, { source: 'ca-bundle.pem' });
    expect(certificates.map((certificate) => certificate.serialNumber)).toEqual([
      '18D0F3FC7F7D1DDFC2C6',
      '52137ECC1D7D85B73AE6',
    ]);
    expect(configError(() => loadCertificates('no blocks here', { source: 'empty.pem' })).message).toBe(
      'empty.pem contains no PEM certificate',
    );
  });
});
