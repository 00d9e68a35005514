import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTagRecords, encodedWidth, encodeTagRecords, type TagRecord } from '../../src/codec/index.js';
import { FramingError, ValidationError } from '../../src/errors/index.js';
import { digitString, fittingText } from './support/example-layouts.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

/** Values as vendors send them: no surrounding whitespace (decode trims it, as the PHP samples do). */
const trimmedValue = fittingText(40).map((text) => text.trim());
const records: fc.Arbitrary<TagRecord[]> = fc.array(
  fc.tuple(digitString(4), fc.array(trimmedValue, { maxLength: 3 })),
  { maxLength: 8 },
);

describe('tag/count/length records: known bytes (specs/billgate.md §4.3, §10)', () => {
  it('encodes 0004 with 충전1000 as 0004 0001 0012 0008 + c3e6 c0fc 31303030', () => {
    const bytes = encodeTagRecords([['0004', ['충전1000']]]);
    expect(bytes.toString('hex')).toBe(`${Buffer.from('0004000100120008').toString('hex')}c3e6c0fc31303030`);
  });

  it('encodes the partial-cancel body of test vector 5 byte for byte', () => {
    const bytes = encodeTagRecords([
      ['1001', ['TX202401010001']],
      ['7043', ['500']],
    ]);
    expect(latin1(bytes)).toBe('100100010018' + '0014TX202401010001' + '704300010007' + '0003500');
    expect(decodeTagRecords(bytes, { expectedCount: 2 })).toEqual([
      ['1001', ['TX202401010001']],
      ['7043', ['500']],
    ]);
  });

  it('counts Hangul as 2 bytes: 1003 with 정상 → 0001 0008 0004', () => {
    const bytes = encodeTagRecords([['1003', ['정상']]]);
    expect(latin1(bytes.subarray(0, 16))).toBe('1003000100080004');
    expect(bytes.subarray(16).toString('hex')).toBe('c1a4bbf3');
  });

  it('writes a repeated tag as one record with several values, and keeps unknown tags and empty records', () => {
    const input: TagRecord[] = [
      ['9999', ['a', 'bc']],
      ['0000', []],
    ];
    const bytes = encodeTagRecords(input);
    expect(latin1(bytes)).toBe('999900020011' + '0001a' + '0002bc' + '000000000000');
    expect(decodeTagRecords(bytes)).toEqual(input);
  });

  it('trims spaces, tabs, CR/LF and NUL around values like PHP trim, or keeps them with trim: false', () => {
    const bytes = Buffer.from('100100010009' + '0005 \tA\0\n', 'latin1');
    expect(decodeTagRecords(bytes)).toEqual([['1001', ['A']]]);
    expect(decodeTagRecords(bytes, { trim: false })).toEqual([['1001', [' \tA\0\n']]]);
  });

  it('supports other field widths', () => {
    const bytes = encodeTagRecords([['AB', ['xyz']]], {
      tagWidth: 2,
      countWidth: 1,
      lengthWidth: 3,
      valueLengthWidth: 2,
    });
    expect(latin1(bytes)).toBe('AB1005' + '03xyz');
    expect(
      decodeTagRecords(bytes, { tagWidth: 2, countWidth: 1, lengthWidth: 3, valueLengthWidth: 2 }),
    ).toEqual([['AB', ['xyz']]]);
  });
});

describe('tag/count/length records: encode errors', () => {
  it('refuses unencodable text instead of writing ?', () => {
    const error = thrown(() => encodeTagRecords([['0001', ['ok', '😀']]]));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'records.0.values.1', code: 'UNENCODABLE' }),
    ]);
  });

  it('refuses bad tags, non-string values, and values too long for their length field', () => {
    const error = thrown(() =>
      encodeTagRecords([
        ['001', ['a']],
        ['0002', [42 as never]],
        ['0003', ['x'.repeat(10_000)]],
        'oops' as never,
      ]),
    ) as ValidationError;
    expect(error.issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'records.0', code: 'FORMAT' },
      { path: 'records.1.values.0', code: 'FORMAT' },
      { path: 'records.2.values.0', code: 'OVERFLOW' },
      { path: 'records.2', code: 'OVERFLOW' },
      { path: 'records.3', code: 'FORMAT' },
    ]);
  });
});

describe('tag/count/length records: decode errors', () => {
  const cases: [string, string, string][] = [
    ['a truncated header', '10010001', 'TRUNCATED'],
    ['a non-digit count', '1001000A0005' + '0001a', 'FORMAT'],
    ['a non-digit length', '10010001000x' + '0001a', 'FORMAT'],
    ['a record past the end', '100100010009' + '0001a', 'TRUNCATED'],
    ['a value past its record', '100100010005' + '0002a', 'TRUNCATED'],
    ['a record longer than its values', '100100010006' + '0001ab', 'LENGTH'],
    ['a count larger than the values', '100199990005' + '0001a', 'TRUNCATED'],
    ['a tag with control bytes', '10\n100010005' + '0001a', 'FORMAT'],
  ];
  it.each(cases)('rejects %s with a FramingError', (_name, text, reason) => {
    const error = thrown(() => decodeTagRecords(Buffer.from(text, 'latin1')));
    expect(error).toBeInstanceOf(FramingError);
    expect((error as FramingError).details).toMatchObject({ reason, recordIndex: 0 });
  });

  it('rejects a record count other than the header announces', () => {
    const bytes = encodeTagRecords([['1001', ['a']]]);
    expect(
      (thrown(() => decodeTagRecords(bytes, { expectedCount: 2 })) as FramingError).details,
    ).toMatchObject({
      reason: 'COUNT',
    });
  });

  it('rejects invalid EUC-KR inside a value, and never names the content', () => {
    const bytes = Buffer.concat([
      Buffer.from('100100010007' + '0003', 'latin1'),
      Buffer.from([0x41, 0x80, 0x42]),
    ]);
    const error = thrown(() => decodeTagRecords(bytes)) as FramingError;
    expect(error).toBeInstanceOf(FramingError);
    expect(error.details).toMatchObject({ reason: 'FORMAT', offset: 17 });
  });
});

describe('tag/count/length records: properties', () => {
  it('decode(encode(records)) deep-equals the records (ASCII and Hangul, repeated and empty value lists)', () => {
    fc.assert(
      fc.property(records, (input) => {
        expect(decodeTagRecords(encodeTagRecords(input), { expectedCount: input.length })).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('encode(decode(bytes)) reproduces the bytes, and every length field is the EUC-KR byte count', () => {
    fc.assert(
      fc.property(records, (input) => {
        const bytes = encodeTagRecords(input);
        expect(encodeTagRecords(decodeTagRecords(bytes)).equals(bytes)).toBe(true);
        let offset = 0;
        for (const [, values] of input) {
          const recordLength = Number(latin1(bytes.subarray(offset + 8, offset + 12)));
          let cursor = offset + 12;
          for (const value of values) {
            expect(Number(latin1(bytes.subarray(cursor, cursor + 4)))).toBe(encodedWidth(value, 'euc-kr'));
            cursor += 4 + encodedWidth(value, 'euc-kr');
          }
          expect(cursor - (offset + 12)).toBe(recordLength);
          offset = cursor;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps surrounding whitespace exactly with trim: false', () => {
    const padded = fc
      .array(fc.constantFrom(' ', '\t', 'a', '가', '\n'), { maxLength: 10 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(digitString(4), fc.array(padded, { maxLength: 3 })), { maxLength: 5 }),
        (input) => {
          expect(decodeTagRecords(encodeTagRecords(input), { trim: false })).toEqual(input);
        },
      ),
    );
  });

  it('every truncation fails with a FramingError when the record count is known', () => {
    fc.assert(
      fc.property(
        records.filter((input) => input.length > 0),
        fc.nat(),
        (input, cutSeed) => {
          const bytes = encodeTagRecords(input);
          const cut = cutSeed % bytes.length;
          const error = thrown(() =>
            decodeTagRecords(bytes.subarray(0, cut), { expectedCount: input.length }),
          );
          expect(error).toBeInstanceOf(FramingError);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('garbled or random bytes decode or fail with a FramingError, never a raw error or a hang', () => {
    fc.assert(
      fc.property(
        records,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.uint8Array({ maxLength: 200 }),
        (input, changes, noise) => {
          const garbled = Buffer.from(encodeTagRecords(input));
          if (garbled.length > 0)
            for (const [position, byte] of changes) garbled[position % garbled.length] = byte;
          for (const bytes of [garbled, noise, Buffer.concat([garbled, noise])]) {
            try {
              decodeTagRecords(bytes);
            } catch (error) {
              expect(error).toBeInstanceOf(FramingError);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
