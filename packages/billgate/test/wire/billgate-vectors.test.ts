import { createHash } from 'node:crypto';
import { createSeedCipher } from '@wirebridge/core/crypto';
import { describe, expect, it } from 'vitest';
import {
  BILLGATE_TEST_KEY,
  computeBillgateHashData,
  createBillgateChecksum,
  decodeBillgateFrame,
  encodeBillgateFrame,
  verifyBillgateChecksum,
  verifyBillgateHashData,
} from '../../src/index.js';

// spec §10 Test vectors, verbatim.
const keyBytes = Buffer.from('QkZJRlBDRTI4T0c1OUtBMw==', 'base64');
const ivBytes = Buffer.from('PRJ59Q2GHPT844TQ', 'latin1');

describe('spec §10 test vectors', () => {
  it('1. SEED-128 ECB known answers (RFC 4269 Appendix B)', () => {
    const cases = [
      [
        '00000000000000000000000000000000',
        '000102030405060708090a0b0c0d0e0f',
        '5ebac6e0054e166819aff1cc6d346cdb',
      ],
      [
        '000102030405060708090a0b0c0d0e0f',
        '00000000000000000000000000000000',
        'c11f22f20140505084483597e4370f43',
      ],
      [
        '4706480851e61be85d74bfb3fd956185',
        '83a2f8a288641fb9a4e9a5cc2f131c7d',
        'ee54d13ebcae706d226bc3142cd40d4a',
      ],
    ];
    for (const [key, plaintext, ciphertext] of cases) {
      const cipher = createSeedCipher({ key: Buffer.from(key!, 'hex'), mode: 'ecb', padding: 'none' });
      expect(cipher.encrypt(Buffer.from(plaintext!, 'hex')).toString('hex')).toBe(ciphertext);
    }
  });

  it('2. SEED-CBC + PKCS#7 with the public test key/IV', () => {
    const cipher = createSeedCipher({ key: keyBytes, iv: ivBytes, mode: 'cbc', padding: 'pkcs7' });
    expect(keyBytes.toString('latin1')).toBe('BFIFPCE28OG59KA3');
    expect(cipher.encrypt(Buffer.from('0123456789ABCDEF', 'latin1')).toString('hex')).toBe(
      '8d7f7737ba7d589207544e5c6fbc86b175df3393666678e9f2fa5e02e5678e5e',
    );
    expect(cipher.encrypt(Buffer.from('0300', 'latin1')).toString('base64')).toBe('+IWvhIjw63CWwtvJxGXAHg==');
  });

  it('3. CHECK_SUM', () => {
    const input = { serviceId: 'M2103135', orderId: 'test_20240101000000', amount: 1004 };
    const checksum = createBillgateChecksum(input, '0a1b2c3d');
    expect(checksum).toBe('0a1b2c3dbeed892b4d15c42d6106948738c6ff53');
    expect(verifyBillgateChecksum(checksum, input)).toBe(true);
    expect(verifyBillgateChecksum(checksum, { ...input, amount: 1005 })).toBe(false);
    expect(verifyBillgateChecksum(`${checksum.slice(0, 39)}0`, input)).toBe(false);
  });

  it('4. HASH_DATA', () => {
    const input = { serviceId: 'M2103135', orderId: 'ORDER-0001', orderDate: '20240101120000', amount: 1000 };
    const hash = computeBillgateHashData(input);
    expect(hash).toBe('8cb9c9a7658303e01100248dba4bcc79dc8bb622b1e837fab5aa550f8f68893f');
    expect(verifyBillgateHashData(hash, input)).toBe(true);
    expect(verifyBillgateHashData(hash, { ...input, amount: 10000 })).toBe(false);
  });

  it('5. framed partial cancel, byte for byte', () => {
    const frame = Buffer.from(
      encodeBillgateFrame(
        {
          version: '0100',
          merchantId: 'M2103135',
          serviceCode: '1100',
          command: '9000',
          orderId: 'ORDER-0001',
          orderDate: '20240101120000',
          tags: [
            ['1001', ['TX202401010001']],
            ['7043', ['500']],
          ],
        },
        BILLGATE_TEST_KEY,
      ),
    );
    const expected =
      '02260100      M2103135            1100TNXfuado2FcWm3FBWOG6vv0j6m9my8qSnqhcS6b6W5/6JF6U3kRGaPdzJ30mHv2wa5pKsz6W1mF23hIkmqssSkYwT1t5brbW6E9w5gmvqKqyYIV6Dh67t4VKN1cIOWVAsdP0k/5WLEVJZ2KrGvZWp0o8I8XZ5LSnxq+AU071lh7quNUHh7IiS66Tn3ihsE73';
    expect(frame.toString('latin1')).toBe(expected);
    expect(createHash('sha256').update(frame).digest('hex')).toBe(
      'ff843a755eacff0244152de4b8bdfba38cb42d759973637e6fe994c9037fee96',
    );
    const decoded = decodeBillgateFrame(expected, BILLGATE_TEST_KEY);
    expect(decoded.command).toBe('9000');
    expect(decoded.tags).toEqual([
      ['1001', ['TX202401010001']],
      ['7043', ['500']],
    ]);
  });
});
