import { ConfigError } from '@wirebridge/core';
import {
  decodeLayout,
  defineLayout,
  encodedWidth,
  encodeLayout,
  LayoutError,
  truncateToWidth,
} from '@wirebridge/core/codec';
import { asciiLengthFramer } from '@wirebridge/core/tcp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCooconAck,
  COOCON_LAYOUTS,
  type CooconWireOptions,
  decodeCooconFrame,
  decodeCooconTelegram,
  encodeCooconFrame,
  encodeCooconTelegram,
  readCooconEnvelope,
} from '../src/index.js';
import { exampleDeposit } from './support.js';

const hangul = fc.constantFrom('홍', '길', '동', '위', '브', '릿', '지', '김', '이', '박');
const asciiWord = fc.stringMatching(/^[A-Za-z0-9-]{0,6}$/);
const textValue = fc.array(fc.oneof(hangul, asciiWord), { maxLength: 4 }).map((parts) => parts.join(''));

/** An arbitrary valid value for one default field (ASCII and Hangul text that fits, digits that fit). */
function valueFor(field: { type: string; length: number; as?: string }) {
  if (field.type === 'N') {
    const max = Math.min(10 ** field.length - 1, Number.MAX_SAFE_INTEGER);
    return field.as === 'string'
      ? fc.stringMatching(new RegExp(`^[0-9]{${field.length}}$`))
      : fc.integer({ min: 0, max });
  }
  // Non-empty with no leading/trailing spaces: decoding strips trailing padding.
  return textValue.filter((text) => encodedWidth(text) <= field.length && text.length > 0);
}

describe('property: every default layout round-trips arbitrary valid values (spec §10)', () => {
  for (const [name, fields] of Object.entries(COOCON_LAYOUTS)) {
    it(name, () => {
      const layout = defineLayout(name, fields, {
        length: fields.reduce((sum, field) => sum + field.length, 0),
      });
      const record = fc.record(Object.fromEntries(fields.map((field) => [field.name, valueFor(field)])));
      fc.assert(
        fc.property(record, (values) => {
          const bytes = encodeLayout(layout, values as never);
          expect(bytes.length).toBe(layout.length);
          expect(decodeLayout(layout, bytes, 'cp949')).toEqual(values);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('defineLayout rejects gaps and overlaps', () => {
    expect(() =>
      defineLayout(
        'gap',
        [
          { name: 'a', length: 4, type: 'AN' },
          { name: 'b', offset: 5, length: 4, type: 'AN' },
        ],
        { length: 9 },
      ),
    ).toThrow(ConfigError);
    expect(() =>
      defineLayout(
        'overlap',
        [
          { name: 'a', length: 4, type: 'AN' },
          { name: 'b', offset: 3, length: 4, type: 'AN' },
        ],
        { length: 7 },
      ),
    ).toThrow(ConfigError);
  });

  it('overflow throws and never truncates', () => {
    fc.assert(
      fc.property(fc.array(hangul, { minLength: 11, maxLength: 20 }), (characters) => {
        const name = characters.join('');
        expect(() =>
          encodeCooconTelegram({ ...exampleDeposit, body: { ...exampleDeposit.body, depositorName: name } }),
        ).toThrow(/depositorName OVERFLOW/);
      }),
    );
  });

  it('truncateToWidth never splits a character', () => {
    fc.assert(
      fc.property(textValue, fc.integer({ min: 0, max: 12 }), (text, width) => {
        const cut = truncateToWidth(text, width);
        expect(encodedWidth(cut)).toBeLessThanOrEqual(width);
        expect(text.startsWith(cut)).toBe(true);
      }),
    );
  });
});

describe('spec §10 vector 4: text', () => {
  const layout = defineLayout('t', [{ name: 'name', length: 6, type: 'AN' }], { length: 6 });
  it('encodes 홍길동 as c8abb1e6b5bf', () => {
    expect(encodeLayout(layout, { name: '홍길동' }).toString('hex')).toBe('c8abb1e6b5bf');
  });
  it('refuses 똠 in strict EUC-KR, writes 8c63 in CP949; refuses 😀', () => {
    expect(() => encodeLayout(layout, { name: '똠' })).toThrow(/UNENCODABLE/);
    expect(encodeLayout(layout, { name: '똠' }, 'cp949').subarray(0, 2).toString('hex')).toBe('8c63');
    expect(() => encodeLayout(layout, { name: '😀' }, 'cp949')).toThrow(/UNENCODABLE/);
  });
  it('41 b0 is SPLIT_MULTIBYTE, or A + a warning when lenient', () => {
    const strict = defineLayout('s', [{ name: 'name', length: 2, type: 'AN' }], { length: 2 });
    const lenient = defineLayout('l', [{ name: 'name', length: 2, type: 'AN', lenientTrailingByte: true }], {
      length: 2,
    });
    const error = (() => {
      try {
        decodeLayout(strict, Buffer.from('41b0', 'hex'), 'cp949');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LayoutError);
    expect((error as LayoutError).reason).toBe('SPLIT_MULTIBYTE');
    const warnings: unknown[] = [];
    expect(
      decodeLayout(lenient, Buffer.from('41b0', 'hex'), 'cp949', { onWarning: (w) => warnings.push(w) }),
    ).toEqual({ name: 'A' });
    expect(warnings).toHaveLength(1);
  });
  it('decodes [… b0][41 …] as two fields, never as 캚', () => {
    const pair = defineLayout(
      'p',
      [
        { name: 'first', length: 2, type: 'AN', lenientTrailingByte: true },
        { name: 'second', length: 2, type: 'AN' },
      ],
      { length: 4 },
    );
    const values = decodeLayout(pair, Buffer.from('41b04142', 'hex'), 'cp949');
    expect(values).toEqual({ first: 'A', second: 'AB' });
  });
});

describe('property: the Sourced ack and envelope (spec §4.3, §10)', () => {
  const plaintextArbitrary = fc
    .tuple(
      fc.uint8Array({ minLength: 30, maxLength: 30 }),
      fc.integer({ min: 0, max: 9_989 }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.uint8Array({ minLength: 4, maxLength: 4 }),
      fc.uint8Array({ minLength: 0, maxLength: 400 }),
    )
    .map(([head, type, business, code, tail]) =>
      // Opaque bytes everywhere except a 4-digit message type (business and code are raw bytes too).
      Buffer.concat([
        Buffer.from(head),
        Buffer.from(String(type).padStart(4, '0')),
        Buffer.from(business),
        Buffer.from(code),
        Buffer.from(tail),
      ]),
    );

  it('buildCooconAck changes only bytes 30–33 (MTI + 10) and 38–41 (code)', () => {
    fc.assert(
      fc.property(plaintextArbitrary, (plaintext) => {
        const ack = Buffer.from(buildCooconAck(plaintext));
        expect(ack.length).toBe(plaintext.length);
        expect(ack.subarray(0, 30).equals(plaintext.subarray(0, 30))).toBe(true);
        expect(ack.toString('latin1', 30, 34)).toBe(
          String(Number(plaintext.toString('latin1', 30, 34)) + 10).padStart(4, '0'),
        );
        expect(ack.subarray(34, 38).equals(plaintext.subarray(34, 38))).toBe(true);
        expect(ack.toString('latin1', 38, 42)).toBe('0000');
        expect(ack.subarray(42).equals(plaintext.subarray(42))).toBe(true);
      }),
    );
  });

  it('readCooconEnvelope reads bytes 30–33 / 34–37 / 38–41', () => {
    const plaintext = encodeCooconTelegram(exampleDeposit);
    expect(readCooconEnvelope(plaintext)).toEqual({
      messageType: '0200',
      businessCode: '1100',
      responseCode: '0000',
    });
    expect(readCooconEnvelope(buildCooconAck(plaintext, 'A001'))).toEqual({
      messageType: '0210',
      businessCode: '1100',
      responseCode: 'A001',
    });
  });
});

describe('property: framing under every convention and arbitrary chunking (spec §4.2, §10)', () => {
  const conventions = fc.record({
    prefixDigits: fc.constantFrom(4, 10),
    prefixIncludesItself: fc.boolean(),
    enabled: fc.boolean(),
    padding: fc.constantFrom<'pkcs7' | 'zero'>('pkcs7', 'zero'),
  });

  it('round-trips encode → chunked stream → decode', () => {
    fc.assert(
      fc.property(
        conventions,
        fc.uint8Array({ minLength: 1, maxLength: 600 }).filter((bytes) => bytes[bytes.length - 1] !== 0),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
        (convention, plaintext, cuts) => {
          const options: CooconWireOptions = {
            crypto: { enabled: convention.enabled, key: 'COOCONTEST', padding: convention.padding },
            framing: {
              prefixDigits: convention.prefixDigits,
              prefixIncludesItself: convention.prefixIncludesItself,
            },
          };
          const frame = Buffer.from(encodeCooconFrame(plaintext, options));
          const declared = Number(frame.toString('latin1', 0, convention.prefixDigits));
          expect(declared).toBe(
            frame.length - (convention.prefixIncludesItself ? 0 : convention.prefixDigits),
          );
          // The receiver's framer reassembles the frame from any chunking.
          const framer = asciiLengthFramer({
            digits: convention.prefixDigits,
            includesPrefix: convention.prefixIncludesItself,
            maxFrameBytes: 4096,
          });
          const decoder = framer.createDecoder();
          const payloads: Buffer[] = [];
          let offset = 0;
          for (const cut of [...cuts, frame.length]) {
            if (offset >= frame.length) break;
            payloads.push(...decoder.push(frame.subarray(offset, offset + cut)));
            offset += cut;
          }
          expect(payloads).toHaveLength(1);
          const reframed = Buffer.concat([frame.subarray(0, convention.prefixDigits), payloads[0]!]);
          expect(Buffer.from(decodeCooconFrame(reframed, options)).equals(Buffer.from(plaintext))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  const options: CooconWireOptions = { crypto: { key: 'COOCONTEST' } };
  const frame = Buffer.from(encodeCooconFrame(encodeCooconTelegram(exampleDeposit), options));

  it('rejects a bad prefix, an oversized frame, bad padding and a wrong key', () => {
    expect(() => decodeCooconFrame(Buffer.concat([Buffer.from('04X4'), frame.subarray(4)]), options)).toThrow(
      /ASCII digits/,
    );
    expect(() => decodeCooconFrame(frame, { ...options, framing: { maxFrameBytes: 256 } })).toThrow(
      /maxFrameBytes/,
    );
    const badPadding = Buffer.from(frame);
    badPadding[badPadding.length - 1] = badPadding[badPadding.length - 1]! ^ 0xff;
    expect(() => decodeCooconFrame(badPadding, options)).toThrow(/no configured key/);
    expect(() => decodeCooconFrame(frame, { crypto: { key: 'OTHERKEY' } })).toThrow(/no configured key/);
  });

  it('accepts the old key while rotating (previousKeys)', () => {
    const rotated = { crypto: { key: 'NEWKEY', previousKeys: ['COOCONTEST'] } };
    const telegram = decodeCooconTelegram(decodeCooconFrame(frame, rotated));
    expect(telegram.header.transactionSerial).toBe(123);
  });

  it('refuses a key longer than 16 bytes and a missing key', () => {
    expect(() => encodeCooconFrame(Buffer.from('x'), { crypto: { key: 'A'.repeat(17) } })).toThrow(
      ConfigError,
    );
    expect(() => encodeCooconFrame(Buffer.from('x'), {})).toThrow(/crypto.key: required/);
  });
});

describe('plaintext length rule (spec §4.2)', () => {
  const plaintext = Buffer.from(encodeCooconTelegram(exampleDeposit));
  it('drops excess bytes only when they are all 0x00', () => {
    const padded = Buffer.concat([plaintext, Buffer.alloc(7)]);
    expect(decodeCooconTelegram(padded).body.amount).toBe(150_000);
  });
  it.each([
    ['a non-NUL excess byte', Buffer.concat([plaintext, Buffer.from(' ')])],
    ['a missing byte', plaintext.subarray(0, 387)],
  ])('refuses %s with LENGTH', (_name, bytes) => {
    const failure = (() => {
      try {
        decodeCooconTelegram(bytes);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(LayoutError);
    expect((failure as LayoutError).reason).toBe('LENGTH');
  });
});

describe('layouts are data: a replaced field table is followed by the codec (spec §11)', () => {
  it('moves the depositor name after the merchant reference when the table says so', () => {
    const depositBody = [...COOCON_LAYOUTS.depositBody];
    const nameIndex = depositBody.findIndex((field) => field.name === 'depositorName');
    const [nameField] = depositBody.splice(nameIndex, 1);
    depositBody.push(nameField!);
    const replaced = depositBody.map(({ offset: _offset, ...field }) => field);
    const options: CooconWireOptions = { layouts: { depositBody: replaced } };
    const plaintext = Buffer.from(encodeCooconTelegram(exampleDeposit, options));
    // The name now sits in the last 20 bytes of the body.
    expect(plaintext.subarray(388 - 20, 388 - 14).toString('hex')).toBe('c8abb1e6b5bf');
    expect(decodeCooconTelegram(plaintext, options).body.depositorName).toBe('홍길동');
    expect(Buffer.from(encodeCooconTelegram(exampleDeposit)).equals(plaintext)).toBe(false);
  });

  it('moves the envelope when the header table moves the message type', () => {
    const header = COOCON_LAYOUTS.header.map(({ offset: _offset, ...field }) => field);
    const typeIndex = header.findIndex((field) => field.name === 'messageType');
    const [typeField] = header.splice(typeIndex, 1);
    header.unshift(typeField!);
    const options: CooconWireOptions = { layouts: { header } };
    const plaintext = Buffer.from(encodeCooconTelegram(exampleDeposit, options));
    expect(plaintext.toString('latin1', 0, 4)).toBe('0200');
    expect(readCooconEnvelope(plaintext, options).messageType).toBe('0200');
    expect(Buffer.from(buildCooconAck(plaintext, '0000', options)).toString('latin1', 0, 4)).toBe('0210');
  });

  it('refuses a table with a gap between declared offsets (ConfigError naming the layout)', () => {
    const broken = COOCON_LAYOUTS.depositBody.map((field) =>
      field.name === 'amount' ? { ...field, offset: 17 } : field,
    );
    expect(() => encodeCooconTelegram(exampleDeposit, { layouts: { depositBody: broken } })).toThrow(
      /coocon\.depositBody/,
    );
    expect(() => encodeCooconTelegram(exampleDeposit, { layouts: { depositBody: broken } })).toThrow(
      ConfigError,
    );
  });
});
