import { createSeedCipher } from '@wirebridge/core/crypto';
import { describe, expect, it } from 'vitest';
import {
  buildCooconAck,
  cooconKeyBytes,
  decodeCooconFrame,
  decodeCooconTelegram,
  encodeCooconFrame,
  encodeCooconTelegram,
} from '../src/index.js';
import { exampleDeposit, sha256, vectorWire } from './support.js';

const hex = (value: string) => Buffer.from(value, 'hex');

describe('spec §10 vector 1: SEED-128 ECB (RFC 4269 Appendix B)', () => {
  it.each([
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
  ])('key %s', (key, plaintext, ciphertext) => {
    // Raw keys go through cooconKeyBytes unchanged (already 16 bytes) and the frame helper without padding.
    const cipher = createSeedCipher({ key: cooconKeyBytes(hex(key)), mode: 'ecb', padding: 'none' });
    expect(cipher.encrypt(hex(plaintext)).toString('hex')).toBe(ciphertext);
  });
});

describe('spec §10 vector 2: short key + PKCS#7', () => {
  it('zero-pads the key text COOCONTEST to 16 bytes', () => {
    expect(Buffer.from(cooconKeyBytes('COOCONTEST')).toString('hex')).toBe(
      '434f4f434f4e54455354000000000000',
    );
  });
  it('encrypts ASCII 0200 into one padded block', () => {
    const frame = encodeCooconFrame(Buffer.from('0200'), vectorWire);
    expect(Buffer.from(frame).subarray(4).toString('hex')).toBe('f9659eadae7ba9289ffa3d33d7159e88');
    expect(Buffer.from(frame).subarray(0, 4).toString()).toBe('0020');
  });
  it('adds a full padding block to aligned plaintext', () => {
    const frame = encodeCooconFrame(Buffer.from('ABCDEFGHIJKLMNOP'), vectorWire);
    expect(Buffer.from(frame).subarray(4).toString('hex')).toBe(
      '8741d7b150a0611abd83a90bd4139d54527e417a7990d878dec5aeea956cda04',
    );
  });
  it('rejects keys longer than 16 bytes instead of truncating them', () => {
    expect(() => cooconKeyBytes('KIBNETCOOCON10045')).toThrow(/at most 16 bytes/);
  });
});

describe('spec §10 vector 3: the deposit notice of §4.6', () => {
  const plaintext = encodeCooconTelegram(exampleDeposit, vectorWire);

  it('encodes the 388-byte plaintext byte for byte', () => {
    expect(plaintext.length).toBe(388);
    expect(Buffer.from(plaintext).toString('latin1', 0, 97)).toBe(
      `WB000001037COOCON  ${' '.repeat(11)}020011000000202403151425010000123001000000000000000024` +
        '2024031500123',
    );
    expect(sha256(plaintext)).toBe('e7663a79d7183853bd1965658c634f05b9216d6bfb4eadcaca56822431cd4192');
  });

  it('frames it as 0404 + 400 cipher bytes', () => {
    const frame = Buffer.from(encodeCooconFrame(plaintext, vectorWire));
    expect(frame.length).toBe(404);
    expect(frame.toString('latin1', 0, 4)).toBe('0404');
    expect(frame.subarray(4, 20).toString('hex')).toBe('d13c9100fe625214229c6c7aabadddc1');
    expect(frame.subarray(388, 404).toString('hex')).toBe('8476ab52b65668913b35a090d9336b06');
    expect(sha256(frame)).toBe('f0a495e6985196a5f8fbaf589bcdea621e166de086bfdfc05ea433c2cf46b340');
  });

  it('builds the ack frame: same first block, only bytes 30–33 changed', () => {
    const ack = Buffer.from(encodeCooconFrame(buildCooconAck(plaintext, '0000', vectorWire), vectorWire));
    expect(ack.toString('latin1', 0, 4)).toBe('0404');
    expect(ack.subarray(4, 20).toString('hex')).toBe('d13c9100fe625214229c6c7aabadddc1');
    expect(sha256(ack)).toBe('b8187ff3fa9630163c53ba503af9a15356ca3b95045db1d83d62c41d2cc1df0d');
  });

  it('decodes back to the same fields', () => {
    const frame = encodeCooconFrame(plaintext, vectorWire);
    const telegram = decodeCooconTelegram(decodeCooconFrame(frame, vectorWire), vectorWire);
    expect(telegram.kind).toBe('deposit');
    expect(telegram.body).toMatchObject(exampleDeposit.body);
    expect(telegram.header).toMatchObject({
      transactionSerial: 123,
      transactionDate: '20240315',
      messageType: '0200',
    });
  });
});
