/**
 * Example layouts and generators for the codec tests. The layouts are made up (no vendor's real table); they
 * mix every field kind the codec supports so one property covers them all.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { defineLayout } from '../../../src/codec/index.js';

/** 149 bytes: fixed code, identifiers with leading zeros, amounts, a bigint, a blank-fillable count, text, bytes. */
export const exampleLayout = defineLayout(
  'example',
  [
    { name: 'messageType', length: 4, type: 'N', as: 'string', fixed: '0200' },
    { name: 'transactionDate', length: 8, type: 'N', as: 'string' },
    { name: 'serial', length: 7, type: 'N' },
    { name: 'amount', length: 13, type: 'N' },
    { name: 'wideAmount', length: 18, type: 'N', as: 'bigint' },
    { name: 'reference', length: 20, type: 'N' },
    { name: 'optionalCount', length: 5, type: 'N', optional: true, emptyFill: 'spaces' },
    { name: 'accountNumber', length: 16, type: 'AN', sensitive: 'account_number' },
    { name: 'depositorName', length: 20, type: 'AN', sensitive: 'name' },
    { name: 'mac', length: 8, type: 'B', sensitive: 'secret' },
    { name: 'memo', length: 30, type: 'AN', optional: true },
  ],
  { length: 149 },
);

/** Fake, obviously-not-real values for example-based tests. */
export const sampleValues = {
  transactionDate: '20240315',
  serial: 123,
  amount: 150_000,
  wideAmount: 123_456_789_012_345_678n,
  reference: '00000000000000000042',
  optionalCount: 7,
  accountNumber: '90312345678901',
  depositorName: '홍길동',
  mac: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
  memo: 'TEST MEMO',
};

/**
 * The 2 350 Hangul syllables of KS X 1001 (rows 0xB0–0xC8, columns 0xA1–0xFE, all assigned), decoded one by
 * one with iconv-lite: an oracle independent of the codec's own tables.
 */
export const ksX1001Hangul: readonly string[] = (() => {
  const syllables: string[] = [];
  for (let lead = 0xb0; lead <= 0xc8; lead++)
    for (let trail = 0xa1; trail <= 0xfe; trail++)
      syllables.push(iconv.decode(Buffer.from([lead, trail]), 'euc-kr'));
  return syllables;
})();

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const hangul = fc.constantFrom(...ksX1001Hangul);

/** Width of text made of ASCII and KS X 1001 Hangul, counted independently of the codec: Hangul = 2 bytes. */
export function eucKrWidth(text: string): number {
  let width = 0;
  for (const character of text) width += character.charCodeAt(0) < 0x80 ? 1 : 2;
  return width;
}

/**
 * Text of ASCII and Hangul that fits `width` EUC-KR bytes and does not end with a space (trailing spaces are
 * padding and are not returned by decode).
 */
export function fittingText(width: number): fc.Arbitrary<string> {
  return fc.array(fc.oneof(printableAscii, hangul), { maxLength: width }).map((characters) => {
    let text = '';
    let used = 0;
    for (const character of characters) {
      const characterWidth = character.charCodeAt(0) < 0x80 ? 1 : 2;
      if (used + characterWidth > width) break;
      text += character;
      used += characterWidth;
    }
    return text.replace(/ +$/, '');
  });
}

/** Exactly `length` ASCII digits (leading zeros included). */
export function digitString(length: number): fc.Arbitrary<string> {
  return fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((digits) => digits.join(''));
}

/** Random valid values for {@link exampleLayout}. */
export const exampleValues = fc.record({
  transactionDate: digitString(8),
  serial: fc.integer({ min: 0, max: 9_999_999 }),
  amount: fc.integer({ min: 0, max: 9_999_999_999_999 }),
  wideAmount: fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
  reference: digitString(20),
  optionalCount: fc.option(fc.integer({ min: 0, max: 99_999 }), { nil: undefined }),
  accountNumber: fittingText(16),
  depositorName: fittingText(20),
  mac: fc.uint8Array({ minLength: 8, maxLength: 8 }),
  memo: fittingText(30),
});

/** The bytes of one space-padded text field, built from raw bytes (ASCII and KS X 1001 Hangul pairs). */
function textFieldBytes(width: number): fc.Arbitrary<number[]> {
  const character = fc.oneof(
    fc.integer({ min: 0x20, max: 0x7e }).map((code) => [code]),
    fc
      .tuple(fc.integer({ min: 0xb0, max: 0xc8 }), fc.integer({ min: 0xa1, max: 0xfe }))
      .map((pair) => [...pair]),
  );
  return fc.array(character, { maxLength: width }).map((characters) => {
    const bytes: number[] = [];
    for (const encoded of characters) {
      if (bytes.length + encoded.length > width) break;
      bytes.push(...encoded);
    }
    while (bytes.length < width) bytes.push(0x20);
    return bytes;
  });
}

const digitBytes = (length: number): fc.Arbitrary<number[]> =>
  digitString(length).map((digits) => [...Buffer.from(digits, 'latin1')]);

/**
 * Whole frames of {@link exampleLayout} assembled byte by byte, without the codec: digits, blank-filled
 * optional count, space-padded EUC-KR text and random binary.
 */
export const exampleFrames: fc.Arbitrary<Buffer> = fc
  .tuple(
    digitBytes(8),
    digitBytes(7),
    digitBytes(13),
    digitBytes(18),
    digitBytes(20),
    fc.oneof(digitBytes(5), fc.constant([0x20, 0x20, 0x20, 0x20, 0x20])),
    textFieldBytes(16),
    textFieldBytes(20),
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 8, maxLength: 8 }),
    textFieldBytes(30),
  )
  .map((parts) => Buffer.from([...Buffer.from('0200', 'latin1'), ...parts.flat()]));
