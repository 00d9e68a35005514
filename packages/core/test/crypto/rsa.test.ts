import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { rsaDecryptPkcs1, rsaEncryptPkcs1, rsaSign, rsaVerify } from '../../src/crypto/index.js';
import { CryptoError, ValidationError } from '../../src/errors/index.js';
import { commonName, issueTestCertificate } from './support/test-pki.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
// node-forge is a second, independent PKCS#1 v1.5 implementation (pure JavaScript).
const forgePrivateKey = forge.pki.privateKeyFromPem(
  privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
) as forge.pki.rsa.PrivateKey;
const forgePublicKey = forge.pki.publicKeyFromPem(
  publicKey.export({ type: 'spki', format: 'pem' }) as string,
) as forge.pki.rsa.PublicKey;

const message = '{"amount":1500,"reference":"TEST-0001","note":"한글 텍스트"}';
const forgeDigest = (algorithm: 'sha1' | 'sha256') => {
  const digest = algorithm === 'sha1' ? forge.md.sha1.create() : forge.md.sha256.create();
  return digest.update(message, 'utf8');
};

describe('rsaSign / rsaVerify', () => {
  for (const algorithm of ['sha1', 'sha256'] as const) {
    it(`round-trips and rejects tampering with RSA-${algorithm.toUpperCase()}`, () => {
      const signature = rsaSign(message, privateKey, algorithm);
      expect(signature).toHaveLength(256);
      expect(rsaVerify(message, signature, publicKey, algorithm)).toBe(true);
      expect(rsaVerify(Buffer.from(message, 'utf8'), signature, publicKey, algorithm)).toBe(true);
      expect(rsaVerify(`${message} `, signature, publicKey, algorithm)).toBe(false);
      expect(rsaVerify(message, signature, otherKeys.publicKey, algorithm)).toBe(false);
      const flipped = Buffer.from(signature);
      flipped[100]! ^= 0x01;
      expect(rsaVerify(message, flipped, publicKey, algorithm)).toBe(false);
      expect(rsaVerify(message, signature.subarray(1), publicKey, algorithm)).toBe(false);
    });

    it(`produces the same RSA-${algorithm.toUpperCase()} signature as node-forge, and each verifies the other`, () => {
      // PKCS#1 v1.5 signatures are deterministic, so two correct implementations agree byte for byte.
      const ours = rsaSign(message, privateKey, algorithm);
      const theirs = Buffer.from(forgePrivateKey.sign(forgeDigest(algorithm)), 'binary');
      expect(ours.toString('hex')).toBe(theirs.toString('hex'));
      expect(rsaVerify(message, theirs, publicKey, algorithm)).toBe(true);
      expect(forgePublicKey.verify(forgeDigest(algorithm).digest().bytes(), ours.toString('binary'))).toBe(
        true,
      );
    });
  }

  it('does not verify a SHA-1 signature as SHA-256', () => {
    expect(rsaVerify(message, rsaSign(message, privateKey, 'sha1'), publicKey, 'sha256')).toBe(false);
  });

  it("verifies with a certificate's public key", () => {
    const identity = issueTestCertificate({
      subject: commonName('RSA Verify Test'),
      ca: false,
      notBefore: new Date('2024-01-01Z'),
      notAfter: new Date('2025-01-01Z'),
    });
    const signature = rsaSign(message, identity.privateKey, 'sha256');
    expect(rsaVerify(message, signature, identity.certificate, 'sha256')).toBe(true);
  });

  it('names the argument in a ValidationError for a wrong key or algorithm', () => {
    const ed25519 = generateKeyPairSync('ed25519');
    expect(() => rsaSign(message, publicKey, 'sha256')).toThrow(ValidationError);
    expect(() => rsaSign(message, ed25519.privateKey, 'sha256')).toThrow(ValidationError);
    expect(() => rsaSign(message, privateKey, 'md5' as never)).toThrow(ValidationError);
    expect(() => rsaVerify(message, 'c2ln' as never, publicKey, 'sha256')).toThrow(ValidationError);
    try {
      rsaSign(message, ed25519.privateKey, 'sha256');
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe('privateKey');
    }
  });
});

describe('rsaEncryptPkcs1 / rsaDecryptPkcs1', () => {
  const secret = Buffer.from('6226090000000048', 'ascii'); // an obviously fake test card number

  it('round-trips and randomises the ciphertext', () => {
    const first = rsaEncryptPkcs1(secret, publicKey);
    const second = rsaEncryptPkcs1(secret, publicKey);
    expect(first).toHaveLength(256);
    expect(first.equals(second)).toBe(false);
    expect(rsaDecryptPkcs1(first, privateKey).equals(secret)).toBe(true);
    expect(rsaDecryptPkcs1(second, privateKey).equals(secret)).toBe(true);
  });

  it('interoperates with node-forge in both directions', () => {
    const ours = rsaEncryptPkcs1(secret, publicKey);
    expect(forgePrivateKey.decrypt(ours.toString('binary'), 'RSAES-PKCS1-V1_5')).toBe(
      secret.toString('binary'),
    );
    const theirs = Buffer.from(
      forgePublicKey.encrypt(secret.toString('binary'), 'RSAES-PKCS1-V1_5'),
      'binary',
    );
    expect(rsaDecryptPkcs1(theirs, privateKey).equals(secret)).toBe(true);
  });

  it('reports undecryptable data as a CryptoError', () => {
    const ciphertext = rsaEncryptPkcs1(secret, publicKey);
    expect(() => rsaDecryptPkcs1(ciphertext, otherKeys.privateKey)).toThrow(CryptoError);
    expect(() => rsaDecryptPkcs1(ciphertext.subarray(1), privateKey)).toThrow(CryptoError);
    // A random block almost never carries PKCS#1 v1.5 type 2 padding (leading 00 02 + a zero separator).
    const garbage = Buffer.alloc(256, 0x5a);
    expect(() => rsaDecryptPkcs1(garbage, privateKey)).toThrow(CryptoError);
  });

  it('refuses plaintext longer than the modulus minus 11 bytes', () => {
    expect(rsaEncryptPkcs1(Buffer.alloc(245), publicKey)).toHaveLength(256);
    expect(() => rsaEncryptPkcs1(Buffer.alloc(246), publicKey)).toThrow(ValidationError);
  });
});
