import { describe, expect, it } from 'vitest';
import { aesDecrypt, aesEncrypt } from '../../src/crypto/index.js';
import { CryptoError, ValidationError } from '../../src/errors/index.js';

const hex = (text: string): Buffer => Buffer.from(text.replaceAll(' ', ''), 'hex');

// NIST SP 800-38A Appendix F: the AES-128 key and the four plaintext blocks shared by F.1.1 and F.2.1.
const nistKey = hex('2b7e151628aed2a6abf7158809cf4f3c');
const nistPlaintext = hex(
  '6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51 ' +
    '30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710',
);

function issuePath(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0]?.path;
  }
  throw new Error('expected a ValidationError');
}

describe('AES-128 against NIST SP 800-38A', () => {
  it('F.1.1 / F.1.2 ECB-AES128', () => {
    const expected =
      '3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf' +
      '43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4';
    const options = { key: nistKey, mode: 'ecb', padding: 'none' } as const;
    expect(aesEncrypt(nistPlaintext, options).toString('hex')).toBe(expected);
    expect(aesDecrypt(hex(expected), options).equals(nistPlaintext)).toBe(true);
  });

  it('F.2.1 / F.2.2 CBC-AES128', () => {
    const expected =
      '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2' +
      '73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7';
    const options = {
      key: nistKey,
      mode: 'cbc',
      iv: hex('000102030405060708090a0b0c0d0e0f'),
      padding: 'none',
    } as const;
    expect(aesEncrypt(nistPlaintext, options).toString('hex')).toBe(expected);
    expect(aesDecrypt(hex(expected), options).equals(nistPlaintext)).toBe(true);
  });

  it('pads with PKCS#7 by default, a full block when aligned, and rejects bad padding', () => {
    const options = { key: nistKey, mode: 'cbc', iv: Buffer.alloc(16) } as const;
    const ciphertext = aesEncrypt(nistPlaintext, options);
    expect(ciphertext).toHaveLength(80);
    expect(aesDecrypt(ciphertext, options).equals(nistPlaintext)).toBe(true);
    const tail = aesDecrypt(ciphertext, { ...options, padding: 'none' }).subarray(64);
    expect(tail.toString('hex')).toBe('10'.repeat(16));
    const wrongKey = { ...options, key: Buffer.alloc(16, 1) };
    expect(() => aesDecrypt(ciphertext, wrongKey)).toThrow(CryptoError);
    expect(() => aesDecrypt(ciphertext.subarray(0, 70), options)).toThrow(CryptoError);
  });
});

describe('AES-GCM', () => {
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 2: zero key, IV and block.
  it('matches GCM test case 2 with the tag appended', () => {
    const options = { key: Buffer.alloc(16), mode: 'gcm', iv: Buffer.alloc(12) } as const;
    const sealed = aesEncrypt(Buffer.alloc(16), options);
    expect(sealed.toString('hex')).toBe(
      '0388dace60b6a392f328c2b971b2fe78' + 'ab6e47d42cec13bdf53a67b21257bddf',
    );
    expect(aesDecrypt(sealed, options).equals(Buffer.alloc(16))).toBe(true);
  });

  const key = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  const iv = hex('000102030405060708090a0b');
  const options = { key, mode: 'gcm', iv, additionalData: 'request-0001' } as const;
  const sealed = aesEncrypt('{"amount":1500}', options);

  it('round-trips with additional data', () => {
    expect(aesDecrypt(sealed, options).toString('utf8')).toBe('{"amount":1500}');
  });

  it('turns any tampering into a CryptoError: ciphertext, tag, additional data, IV, key, truncation', () => {
    const flipped = (index: number) => {
      const copy = Buffer.from(sealed);
      copy[index]! ^= 0x01;
      return copy;
    };
    expect(() => aesDecrypt(flipped(0), options)).toThrow(CryptoError);
    expect(() => aesDecrypt(flipped(sealed.length - 1), options)).toThrow(CryptoError);
    expect(() => aesDecrypt(sealed, { ...options, additionalData: 'request-0002' })).toThrow(CryptoError);
    expect(() => aesDecrypt(sealed, { ...options, iv: Buffer.alloc(12) })).toThrow(CryptoError);
    expect(() => aesDecrypt(sealed, { ...options, key: Buffer.alloc(32) })).toThrow(CryptoError);
    expect(() => aesDecrypt(sealed.subarray(0, 10), options)).toThrow(CryptoError);
  });
});

describe('AES options', () => {
  it('names the invalid option in a ValidationError', () => {
    expect(issuePath(() => aesEncrypt('x', { key: Buffer.alloc(20), mode: 'ecb' }))).toBe('key');
    expect(issuePath(() => aesEncrypt('x', { key: nistKey, mode: 'cbc' }))).toBe('iv');
    expect(issuePath(() => aesEncrypt('x', { key: nistKey, mode: 'cbc', iv: Buffer.alloc(12) }))).toBe('iv');
    expect(issuePath(() => aesEncrypt('x', { key: nistKey, mode: 'ecb', iv: Buffer.alloc(16) }))).toBe('iv');
    expect(issuePath(() => aesEncrypt('x', { key: nistKey, mode: 'gcm', iv: Buffer.alloc(8) }))).toBe('iv');
    expect(
      issuePath(() => aesEncrypt('x', { key: nistKey, mode: 'gcm', iv: Buffer.alloc(12), padding: 'none' })),
    ).toBe('padding');
    expect(issuePath(() => aesEncrypt('x', { key: nistKey, mode: 'ecb', additionalData: 'aad' }))).toBe(
      'additionalData',
    );
    expect(issuePath(() => aesEncrypt('unaligned', { key: nistKey, mode: 'ecb', padding: 'none' }))).toBe(
      'plaintext',
    );
  });
});
