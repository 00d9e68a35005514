import { CryptoError, FramingError, ValidationError } from '@wirebridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billgateFramer } from '../../src/billgate-transport.js';
import {
  BILLGATE_TEST_KEY,
  type BillgateMessage,
  computeBillgateHashData,
  createBillgateChecksum,
  decodeBillgateFrame,
  encodeBillgateFrame,
  verifyBillgateChecksum,
  verifyBillgateHashData,
} from '../../src/index.js';
import { openFrame, resolveText, sealFrame } from '../../src/wire/billgate-frame.js';
import { createBillgateCipher } from '../../src/wire/billgate-key.js';

const hangul = [...'가나다라마바사아자차카타파하충전정상취소승인휴대폰결제'];
const ascii = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/'];
// Values without blanks at their ends: Billgate trims values on decode (spec §4.3, PHP trim).
const value = fc
  .array(fc.constantFrom(...ascii, ...hangul, ' '), { minLength: 1, maxLength: 30 })
  .map((characters) => characters.join('').trim())
  .filter((text) => text.length > 0);
const tag = fc.stringMatching(/^[0-9]{4}$/);
const tags = fc
  .uniqueArray(fc.tuple(tag, fc.array(value, { minLength: 1, maxLength: 3 })), {
    selector: ([name]) => name,
    maxLength: 8,
  })
  .map((records) => records as Array<[string, string[]]>);

const message = (records: Array<[string, string[]]>): BillgateMessage => ({
  version: '0100',
  merchantId: 'M2103135',
  serviceCode: '1100',
  command: '9000',
  orderId: 'ORDER-0001',
  orderDate: '20240101120000',
  tags: records,
});

const eucKrBytes = (text: string) =>
  [...text].reduce((total, character) => total + (character.charCodeAt(0) > 0x7f ? 2 : 1), 0);

describe('codec properties (spec §10)', () => {
  it('encode∘decode is the identity for tag maps (ASCII, Hangul, repeated tags as one record)', () => {
    fc.assert(
      fc.property(tags, (records) => {
        const decoded = decodeBillgateFrame(
          encodeBillgateFrame(message(records), BILLGATE_TEST_KEY),
          BILLGATE_TEST_KEY,
        );
        expect(decoded).toEqual(message(records));
      }),
    );
  });

  it('decode∘encode is byte-identical for frames the SDK produced', () => {
    fc.assert(
      fc.property(tags, (records) => {
        const frame = Buffer.from(encodeBillgateFrame(message(records), BILLGATE_TEST_KEY));
        const again = Buffer.from(
          encodeBillgateFrame(decodeBillgateFrame(frame, BILLGATE_TEST_KEY), BILLGATE_TEST_KEY),
        );
        expect(again.equals(frame)).toBe(true);
      }),
    );
  });

  it('re-sealing the unmodified opaque bytes of a MESSAGE reproduces it byte for byte', () => {
    const cipher = createBillgateCipher(BILLGATE_TEST_KEY);
    fc.assert(
      fc.property(tags, (records) => {
        const frame = Buffer.from(
          encodeBillgateFrame({ ...message(records), command: '3000' }, BILLGATE_TEST_KEY),
        );
        const opened = openFrame(frame, { current: cipher }, resolveText());
        expect(sealFrame(opened.message, opened.opaque, cipher).equals(frame)).toBe(true);
      }),
    );
  });

  it('every length field counts EUC-KR bytes (Hangul = 2)', () => {
    const cipher = createBillgateCipher(BILLGATE_TEST_KEY);
    fc.assert(
      fc.property(fc.tuple(tag, value), ([name, text]) => {
        const frame = Buffer.from(encodeBillgateFrame(message([[name, [text]]]), BILLGATE_TEST_KEY));
        const { opaque } = openFrame(frame, { current: cipher }, resolveText());
        const record = opaque.subarray(86);
        const width = eucKrBytes(text);
        expect(record.subarray(0, 16).toString('latin1')).toBe(
          `${name}0001${String(width + 4).padStart(4, '0')}${String(width).padStart(4, '0')}`,
        );
        expect(record.length).toBe(16 + width);
      }),
    );
  });

  it('the spec example: 0004 with 충전1000 → 0004 0001 0012 0008 c3e6c0fc31303030', () => {
    const cipher = createBillgateCipher(BILLGATE_TEST_KEY);
    const frame = Buffer.from(encodeBillgateFrame(message([['0004', ['충전1000']]]), BILLGATE_TEST_KEY));
    const record = openFrame(frame, { current: cipher }, resolveText()).opaque.subarray(86);
    expect(record.toString('hex')).toBe(
      `${Buffer.from('0004000100120008', 'latin1').toString('hex')}c3e6c0fc31303030`,
    );
  });

  it.each([['😀'], ['café'], ['똠']])('unencodable %s throws a typed error, never writes `?`', (text) => {
    expect(() => encodeBillgateFrame(message([['0004', [text]]]), BILLGATE_TEST_KEY)).toThrow(
      ValidationError,
    );
  });

  it('똠 passes with textEncoding.outbound = cp949', () => {
    const frame = encodeBillgateFrame(message([['0004', ['똠']]]), BILLGATE_TEST_KEY, {
      textEncoding: { outbound: 'cp949' },
    });
    expect(decodeBillgateFrame(frame, BILLGATE_TEST_KEY).tags).toEqual([['0004', ['똠']]]);
  });

  it('a value wider than its field is refused, never truncated', () => {
    expect(() => encodeBillgateFrame({ ...message([]), orderId: 'x'.repeat(65) }, BILLGATE_TEST_KEY)).toThrow(
      ValidationError,
    );
    expect(() => encodeBillgateFrame(message([['0004', ['가'.repeat(5_000)]]]), BILLGATE_TEST_KEY)).toThrow();
  });

  it('a frame over 9 999 bytes is a FramingError', () => {
    expect(() => encodeBillgateFrame(message([['0004', ['A'.repeat(8_000)]]]), BILLGATE_TEST_KEY)).toThrow(
      FramingError,
    );
  });

  it('frames survive arbitrary TCP chunking, splits inside LLLL included', () => {
    fc.assert(
      fc.property(
        tags,
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 50 }),
        (records, sizes) => {
          const frame = Buffer.from(encodeBillgateFrame(message(records), BILLGATE_TEST_KEY));
          const decoder = billgateFramer().createDecoder();
          const frames: Buffer[] = [];
          let offset = 0;
          let index = 0;
          while (offset < frame.length) {
            const size = sizes[index % sizes.length]!;
            frames.push(...decoder.push(frame.subarray(offset, offset + size)));
            offset += size;
            index += 1;
          }
          expect(frames).toHaveLength(1);
          expect(frames[0]!.equals(frame.subarray(4))).toBe(true);
        },
      ),
    );
  });

  it('LLLL that is not digits, or zero ⇒ FramingError', () => {
    expect(() => billgateFramer().createDecoder().push(Buffer.from('12A4xxxx', 'latin1'))).toThrow(
      FramingError,
    );
    expect(() => billgateFramer().createDecoder().push(Buffer.from('0000', 'latin1'))).toThrow(FramingError);
    expect(() => decodeBillgateFrame('00A5abcde', BILLGATE_TEST_KEY)).toThrow(FramingError);
    expect(() => decodeBillgateFrame('9999abcde', BILLGATE_TEST_KEY)).toThrow(FramingError);
  });

  it('one flipped ciphertext bit in the last block never decodes silently', () => {
    const frame = Buffer.from(
      encodeBillgateFrame(
        message([
          ['1001', ['TX202401010001']],
          ['7043', ['500']],
        ]),
        BILLGATE_TEST_KEY,
      ),
    );
    const ciphertext = Buffer.from(frame.subarray(38).toString('latin1'), 'base64');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 127 }), (bit) => {
        const tampered = Buffer.from(ciphertext);
        const byte = tampered.length - 16 + Math.floor(bit / 8);
        tampered[byte] = (tampered[byte] as number) ^ (1 << (bit % 8));
        const forged = Buffer.concat([
          frame.subarray(0, 38),
          Buffer.from(tampered.toString('base64'), 'latin1'),
        ]);
        expect(() => decodeBillgateFrame(forged, BILLGATE_TEST_KEY)).toThrow();
      }),
    );
  });

  it('a wrong key ⇒ CryptoError', () => {
    const frame = encodeBillgateFrame(message([['1001', ['TX202401010001']]]), BILLGATE_TEST_KEY);
    expect(() => decodeBillgateFrame(frame, { key: Buffer.alloc(16, 1), iv: BILLGATE_TEST_KEY.iv })).toThrow(
      CryptoError,
    );
  });

  it('non-base64 payload ⇒ CryptoError', () => {
    const frame = Buffer.from(encodeBillgateFrame(message([]), BILLGATE_TEST_KEY));
    frame[40] = 0x2a;
    expect(() => decodeBillgateFrame(frame, BILLGATE_TEST_KEY)).toThrow(CryptoError);
  });

  it('a wrong CHECK_SUM or HASH_DATA is rejected (any changed character)', () => {
    const checksumInput = { serviceId: 'M2103135', orderId: 'ORDER-0001', amount: 1000 };
    const hashInput = { ...checksumInput, orderDate: '20240101120000' };
    const checksum = createBillgateChecksum(checksumInput);
    const hash = computeBillgateHashData(hashInput);
    const change = (text: string, index: number) =>
      text.slice(0, index) + (text[index] === 'a' ? 'b' : 'a') + text.slice(index + 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 63 }), (i, j) => {
        expect(verifyBillgateChecksum(change(checksum, i), checksumInput)).toBe(false);
        expect(verifyBillgateHashData(change(hash, j), hashInput)).toBe(false);
      }),
    );
    expect(verifyBillgateHashData(hash.slice(0, 10), hashInput)).toBe(false);
    expect(verifyBillgateChecksum(checksum, checksumInput)).toBe(true);
  });
});
