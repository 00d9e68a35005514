import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  decodeLayout,
  defineLayout,
  encodedWidth,
  encodeLayout,
  truncateToWidth,
} from '../../src/codec/index.js';
import { ValidationError } from '../../src/errors/index.js';
import { fittingText } from './support/example-layouts.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** One AN field, to look at the exact bytes a text becomes. */
const textLayout = defineLayout('text', [{ name: 'value', length: 12, type: 'AN' }], { length: 12 });

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('EUC-KR bytes (known answers, independent of iconv round trips)', () => {
  it('writes 가 as B0 A1 and 홍길동 as C8 AB B1 E6 B5 BF (KS X 1001)', () => {
    expect(hex(encodeLayout(textLayout, { value: '가' }))).toBe(`b0a1${'20'.repeat(10)}`);
    expect(hex(encodeLayout(textLayout, { value: '홍길동' }))).toBe(`c8abb1e6b5bf${'20'.repeat(6)}`);
  });

  it('writes mixed ASCII and Hangul in order: 충전1000 → c3e6 c0fc 31 30 30 30', () => {
    expect(hex(encodeLayout(textLayout, { value: '충전1000' }))).toBe(`c3e6c0fc31303030${'20'.repeat(4)}`);
  });

  it('refuses 똠 in strict EUC-KR (CP949-only) and writes 8C 63 in CP949', () => {
    const error = thrown(() => encodeLayout(textLayout, { value: '똠' }));
    expect((error as ValidationError).issues[0]).toMatchObject({ path: 'text.value', code: 'UNENCODABLE' });
    expect(hex(encodeLayout(textLayout, { value: '똠' }, 'cp949'))).toBe(`8c63${'20'.repeat(10)}`);
  });

  it('refuses characters EUC-KR cannot encode instead of writing ?', () => {
    for (const value of ['😀', 'café', 'A\ud800B']) {
      for (const charset of ['euc-kr', 'cp949'] as const) {
        const error = thrown(() => encodeLayout(textLayout, { value }, charset));
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues[0]).toMatchObject({
          path: 'text.value',
          code: 'UNENCODABLE',
        });
        expect((error as ValidationError).message).not.toContain(value);
      }
    }
  });

  it('still writes a real question mark', () => {
    expect(hex(encodeLayout(textLayout, { value: '가?' }))).toBe(`b0a13f${'20'.repeat(9)}`);
  });

  it('writes UTF-8 and ASCII when asked, and refuses non-ASCII in ASCII', () => {
    expect(hex(encodeLayout(textLayout, { value: '가' }, 'utf-8'))).toBe(`eab080${'20'.repeat(9)}`);
    const error = thrown(() => encodeLayout(textLayout, { value: '가' }, 'ascii'));
    expect((error as ValidationError).issues[0]).toMatchObject({ code: 'UNENCODABLE' });
  });
});

describe('the Korean tables', () => {
  it("agree with iconv-lite's mapping for every character of CP949, and of KS X 1001 in strict EUC-KR", () => {
    const all: number[] = [];
    const strict: number[] = [];
    let allText = '';
    let strictText = '';
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x41; trail <= 0xfe; trail++) {
        const character = iconv.decode(Buffer.from([lead, trail]), 'cp949');
        if (character.length !== 1 || character === '\ufffd') continue;
        all.push(lead, trail);
        allText += character;
        if (lead < 0xa1 || trail < 0xa1) continue;
        strict.push(lead, trail);
        strictText += character;
      }
    }
    expect(all.length / 2).toBeGreaterThan(17_000); // 8 822 extended syllables + KS X 1001
    expect(strict.length / 2).toBeGreaterThan(8_000); // KS X 1001: 2 350 Hangul, 4 888 Hanja, symbols
    for (const [charset, bytes, text] of [
      ['cp949', all, allText],
      ['euc-kr', strict, strictText],
    ] as const) {
      const layout = defineLayout('all', [{ name: 'text', length: bytes.length, type: 'AN' }], {
        length: bytes.length,
      });
      expect(decodeLayout(layout, Buffer.from(bytes), charset).text).toBe(text);
      expect(encodeLayout(layout, { text }, charset).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});

describe('encodedWidth', () => {
  it('counts encoded bytes: Hangul 2 in EUC-KR, 3 in UTF-8', () => {
    expect(encodedWidth('가나다', 'euc-kr')).toBe(6);
    expect(encodedWidth('홍길동 HONG', 'euc-kr')).toBe(11);
    expect(encodedWidth('가나다', 'cp949')).toBe(6);
    expect(encodedWidth('가나다', 'utf-8')).toBe(9);
    expect(encodedWidth('😀', 'utf-8')).toBe(4);
    expect(encodedWidth('', 'euc-kr')).toBe(0);
    expect(encodedWidth('가나다')).toBe(6);
  });

  it('throws a ValidationError for text the charset cannot encode, and for an unknown charset', () => {
    expect((thrown(() => encodedWidth('😀', 'euc-kr')) as ValidationError).issues[0]).toMatchObject({
      path: 'text',
      code: 'UNENCODABLE',
    });
    expect((thrown(() => encodedWidth('a', 'latin1' as never)) as ValidationError).issues[0]?.path).toBe(
      'charset',
    );
  });
});

describe('truncateToWidth', () => {
  it('cuts at the last whole Hangul syllable', () => {
    expect(truncateToWidth('가나다', 5, 'euc-kr')).toBe('가나');
    expect(truncateToWidth('가나다', 4, 'euc-kr')).toBe('가나');
    expect(truncateToWidth('A가나', 4, 'euc-kr')).toBe('A가');
    expect(truncateToWidth('가나다', 1, 'euc-kr')).toBe('');
    expect(truncateToWidth('가나다', 6, 'euc-kr')).toBe('가나다');
    expect(truncateToWidth('가나다', 8, 'utf-8')).toBe('가나');
    expect(truncateToWidth('a😀b', 4, 'utf-8')).toBe('a');
  });

  it('never splits a character and keeps the longest prefix that fits (property)', () => {
    fc.assert(
      fc.property(fittingText(60), fc.integer({ min: 0, max: 70 }), (text, width) => {
        const cut = truncateToWidth(text, width, 'euc-kr');
        expect(text.startsWith(cut)).toBe(true);
        expect(encodedWidth(cut, 'euc-kr')).toBeLessThanOrEqual(width);
        if (cut.length < text.length) {
          // One more character would not fit.
          expect(encodedWidth(text.slice(0, cut.length + 1), 'euc-kr')).toBeGreaterThan(width);
        }
        // The result is always encodable text, i.e. no half character.
        expect(() => encodeLayout(textLayout, { value: truncateToWidth(cut, 12) })).not.toThrow();
      }),
    );
  });

  it('rejects a negative or fractional width and unencodable text', () => {
    expect((thrown(() => truncateToWidth('abc', -1)) as ValidationError).issues[0]?.path).toBe('width');
    expect((thrown(() => truncateToWidth('abc', 1.5)) as ValidationError).issues[0]?.path).toBe('width');
    expect((thrown(() => truncateToWidth('가😀', 2)) as ValidationError).issues[0]?.code).toBe('UNENCODABLE');
  });
});
