import { describe, expect, it } from 'vitest';
import {
  decodeLayout,
  defineLayout,
  encodeLayout,
  LayoutError,
  type LayoutWarning,
  redactLayoutValues,
} from '../../src/codec/index.js';
import { ProtocolError, ValidationError } from '../../src/errors/index.js';
import { exampleLayout, sampleValues } from './support/example-layouts.js';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

function issuesOf(action: () => unknown): { path: string; code: string }[] {
  const error = thrown(action);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map(({ path, code }) => ({ path, code }));
}

function layoutErrorOf(action: () => unknown): LayoutError {
  const error = thrown(action);
  expect(error).toBeInstanceOf(LayoutError);
  return error as LayoutError;
}

const ascii = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('encodeLayout', () => {
  it('pads N with zeros on the left and AN with spaces on the right, at the declared offsets', () => {
    const bytes = encodeLayout(exampleLayout, sampleValues);
    expect(ascii(bytes.subarray(0, 4))).toBe('0200'); // fixed, written although absent
    expect(ascii(bytes.subarray(4, 12))).toBe('20240315');
    expect(ascii(bytes.subarray(12, 19))).toBe('0000123');
    expect(ascii(bytes.subarray(19, 32))).toBe('0000000150000');
    expect(ascii(bytes.subarray(32, 50))).toBe('123456789012345678');
    expect(ascii(bytes.subarray(50, 70))).toBe('00000000000000000042');
    expect(ascii(bytes.subarray(70, 75))).toBe('00007');
    expect(ascii(bytes.subarray(75, 91))).toBe('90312345678901  ');
    expect(bytes.subarray(91, 111).toString('hex')).toBe(`c8abb1e6b5bf${'20'.repeat(14)}`);
    expect([...bytes.subarray(111, 119)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ascii(bytes.subarray(119, 149))).toBe(`TEST MEMO${' '.repeat(21)}`);
  });

  it('writes absent optional fields as their fill (spaces for a blank-filled N, spaces for AN)', () => {
    const { optionalCount: _count, memo: _memo, ...required } = sampleValues;
    const bytes = encodeLayout(exampleLayout, required);
    expect(ascii(bytes.subarray(70, 75))).toBe('     ');
    expect(ascii(bytes.subarray(119, 149))).toBe(' '.repeat(30));
    const decoded = decodeLayout(exampleLayout, bytes);
    expect(decoded.optionalCount).toBeUndefined();
    expect(decoded.memo).toBe('');
  });

  it('writes zeros for an absent optional N by default, and defaults/fixed values for absent fields', () => {
    const layout = defineLayout(
      'defaults',
      [
        { name: 'kind', length: 4, type: 'AN', fixed: 'PAY' },
        { name: 'count', length: 3, type: 'N', optional: true },
        { name: 'currency', length: 3, type: 'AN', default: 'KRW' },
        { name: 'flags', length: 2, type: 'B', optional: true },
        { name: 'version', length: 2, type: 'N', default: 1 },
      ],
      { length: 14 },
    );
    const bytes = encodeLayout(layout, {});
    expect(bytes.toString('hex')).toBe(
      Buffer.concat([Buffer.from('PAY 000KRW'), Buffer.from([0, 0]), Buffer.from('01')]).toString('hex'),
    );
    expect(encodeLayout(layout, { currency: 'USD', version: 2 }).subarray(7).toString('latin1')).toBe(
      'USD\0\u000002',
    );
  });

  it('accepts numbers, bigints and digit strings for N, keeping the zeros of a digit string', () => {
    const layout = defineLayout('numbers', [{ name: 'value', length: 6, type: 'N', as: 'string' }], {
      length: 6,
    });
    expect(ascii(encodeLayout(layout, { value: 42 }))).toBe('000042');
    expect(ascii(encodeLayout(layout, { value: 42n }))).toBe('000042');
    expect(ascii(encodeLayout(layout, { value: '0042' }))).toBe('000042');
    expect(ascii(encodeLayout(layout, { value: -0 }))).toBe('000000');
  });

  it('reports every bad field at once, each with its <layout>.<field> path', () => {
    expect(
      issuesOf(() =>
        encodeLayout(exampleLayout, {
          ...sampleValues,
          serial: -1,
          amount: 1.5,
          reference: '12-34',
          accountNumber: 'AB\tCD',
          depositorName: '😀',
          mac: new Uint8Array(7),
          memo: 42 as never,
          messageType: '0400',
          unknown: 'x',
        } as never),
      ),
    ).toEqual([
      { path: 'example.unknown', code: 'UNKNOWN_FIELD' },
      { path: 'example.messageType', code: 'FORMAT' },
      { path: 'example.serial', code: 'FORMAT' },
      { path: 'example.amount', code: 'FORMAT' },
      { path: 'example.reference', code: 'FORMAT' },
      { path: 'example.accountNumber', code: 'FORMAT' },
      { path: 'example.depositorName', code: 'UNENCODABLE' },
      { path: 'example.mac', code: 'FORMAT' },
      { path: 'example.memo', code: 'FORMAT' },
    ]);
  });

  it('reports missing required fields, too-wide binary values and unsafe numbers', () => {
    expect(
      issuesOf(() => encodeLayout(exampleLayout, { ...sampleValues, amount: undefined } as never)),
    ).toEqual([{ path: 'example.amount', code: 'MISSING' }]);
    expect(issuesOf(() => encodeLayout(exampleLayout, { ...sampleValues, mac: new Uint8Array(9) }))).toEqual([
      { path: 'example.mac', code: 'OVERFLOW' },
    ]);
    expect(
      issuesOf(() => encodeLayout(exampleLayout, { ...sampleValues, amount: Number.MAX_SAFE_INTEGER + 2 })),
    ).toEqual([{ path: 'example.amount', code: 'FORMAT' }]);
    expect(issuesOf(() => encodeLayout(exampleLayout, { ...sampleValues, wideAmount: 10n ** 18n }))).toEqual([
      { path: 'example.wideAmount', code: 'OVERFLOW' },
    ]);
  });

  it('never echoes a value in the error message', () => {
    const error = thrown(() =>
      encodeLayout(exampleLayout, {
        ...sampleValues,
        accountNumber: '1234567890123456789',
        depositorName: '홍길동😀',
      }),
    ) as ValidationError;
    expect(error.message).toContain('example.accountNumber');
    expect(JSON.stringify(error.toJSON())).not.toContain('1234567890123456789');
    expect(JSON.stringify(error.issues)).not.toContain('1234567890123456789');
    expect(JSON.stringify(error.issues)).not.toContain('홍길동');
  });

  it('rejects a values argument that is not an object, and an unknown charset', () => {
    expect(issuesOf(() => encodeLayout(exampleLayout, null as never))).toEqual([
      { path: 'example', code: 'invalid_type' },
    ]);
    expect(issuesOf(() => encodeLayout(exampleLayout, sampleValues, 'latin1' as never))).toEqual([
      { path: 'text', code: 'invalid_value' },
    ]);
  });

  it('does not read inherited properties for fields named like Object.prototype members', () => {
    const layout = defineLayout('proto', [{ name: 'constructor', length: 3, type: 'AN', optional: true }], {
      length: 3,
    });
    // `as never`: TypeScript sees Object.prototype.constructor on `{}`, which is exactly the trap under test.
    expect(ascii(encodeLayout(layout, {} as never))).toBe('   ');
    expect(decodeLayout(layout, Buffer.from('abc'))).toEqual({ constructor: 'abc' });
  });
});

describe('decodeLayout', () => {
  it('returns typed values: numbers, digit strings with zeros, bigints, trimmed text, byte copies', () => {
    const bytes = encodeLayout(exampleLayout, sampleValues);
    const values = decodeLayout(exampleLayout, bytes);
    expect(values).toEqual({ messageType: '0200', ...sampleValues });
    // The binary value is a copy: reusing the receive buffer does not change it.
    bytes.fill(0);
    expect([...values.mac]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('accepts a plain Uint8Array view into a larger buffer', () => {
    const frame = encodeLayout(exampleLayout, sampleValues);
    const larger = new Uint8Array(frame.length + 10);
    larger.set(frame, 5);
    expect(decodeLayout(exampleLayout, larger.subarray(5, 5 + frame.length))).toEqual(
      decodeLayout(exampleLayout, frame),
    );
  });

  it('strips trailing spaces and NUL bytes of text but keeps leading spaces', () => {
    const layout = defineLayout('text', [{ name: 'value', length: 8, type: 'AN' }], { length: 8 });
    expect(decodeLayout(layout, Buffer.from('  ab\0\0  ', 'latin1'))).toEqual({ value: '  ab' });
  });

  it('fails with LENGTH when the frame is not exactly the layout length', () => {
    const error = layoutErrorOf(() => decodeLayout(exampleLayout, Buffer.alloc(148, 0x30)));
    expect(error).toMatchObject({ layout: 'example', reason: 'LENGTH', offset: 148 });
    expect(error.field).toBeUndefined();
  });

  it('fails with FORMAT naming the field and byte offset for non-digits in N, never echoing the bytes', () => {
    const bytes = encodeLayout(exampleLayout, sampleValues);
    bytes.write('12345X7890123', 19, 'latin1');
    const error = layoutErrorOf(() => decodeLayout(exampleLayout, bytes));
    expect(error).toMatchObject({ layout: 'example', field: 'amount', offset: 24, reason: 'FORMAT' });
    expect(error.message).toContain('amount');
    expect(error.message).not.toContain('12345');
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.code).toBe('PROTOCOL');
    expect(error.retryable).toBe(false);
    expect(error.toJSON()).toMatchObject({
      layout: 'example',
      field: 'amount',
      offset: 24,
      reason: 'FORMAT',
    });
  });

  it('fails on a blank required N field and on a fixed field holding another value', () => {
    const bytes = encodeLayout(exampleLayout, sampleValues);
    bytes.write('       ', 12, 'latin1');
    expect(layoutErrorOf(() => decodeLayout(exampleLayout, bytes))).toMatchObject({
      field: 'serial',
      reason: 'FORMAT',
    });
    const other = encodeLayout(exampleLayout, sampleValues);
    other.write('0400', 0, 'latin1');
    expect(layoutErrorOf(() => decodeLayout(exampleLayout, other))).toMatchObject({
      field: 'messageType',
      offset: 0,
      reason: 'FORMAT',
    });
  });

  it('fails with OVERFLOW when a wide field decoded as a number exceeds 2^53 − 1', () => {
    const layout = defineLayout('wide', [{ name: 'amount', length: 18, type: 'N', as: 'number' }], {
      length: 18,
    });
    expect(decodeLayout(layout, Buffer.from('009007199254740991')).amount).toBe(Number.MAX_SAFE_INTEGER);
    expect(layoutErrorOf(() => decodeLayout(layout, Buffer.from('009007199254740992')))).toMatchObject({
      field: 'amount',
      reason: 'OVERFLOW',
    });
  });

  it('rejects bytes that are not valid EUC-KR with FORMAT', () => {
    const layout = defineLayout('text', [{ name: 'name', length: 4, type: 'AN' }], { length: 4 });
    // 0xB0 followed by an ASCII letter is a CP949 pair (캚) but not EUC-KR; 0x80 is never valid.
    expect(layoutErrorOf(() => decodeLayout(layout, Buffer.from([0xb0, 0x41, 0x20, 0x20])))).toMatchObject({
      field: 'name',
      offset: 0,
      reason: 'FORMAT',
    });
    expect(decodeLayout(layout, Buffer.from([0xb0, 0x41, 0x20, 0x20]), 'cp949')).toEqual({ name: '캚' });
    expect(layoutErrorOf(() => decodeLayout(layout, Buffer.from([0x41, 0x80, 0x42, 0x20])))).toMatchObject({
      offset: 1,
      reason: 'FORMAT',
    });
    // A syntactically valid pair that KS X 1001 leaves unassigned.
    expect(layoutErrorOf(() => decodeLayout(layout, Buffer.from([0xa2, 0xe8, 0x20, 0x20])))).toMatchObject({
      reason: 'FORMAT',
    });
  });

  it('reports a character cut at the end of a field as SPLIT_MULTIBYTE, or drops it with a warning when lenient', () => {
    const strict = defineLayout('name', [{ name: 'name', length: 4, type: 'AN' }], { length: 4 });
    expect(layoutErrorOf(() => decodeLayout(strict, Buffer.from([0x41, 0xb0, 0x20, 0x20])))).toMatchObject({
      field: 'name',
      offset: 1,
      reason: 'SPLIT_MULTIBYTE',
    });
    const lenient = defineLayout(
      'name',
      [{ name: 'name', length: 4, type: 'AN', lenientTrailingByte: true }],
      {
        length: 4,
      },
    );
    const warnings: LayoutWarning[] = [];
    const values = decodeLayout(lenient, Buffer.from([0x41, 0xb0, 0x20, 0x20]), 'euc-kr', {
      onWarning: (warning) => warnings.push(warning),
    });
    expect(values).toEqual({ name: 'A' });
    expect(warnings).toEqual([
      expect.objectContaining({ layout: 'name', field: 'name', offset: 1, reason: 'SPLIT_MULTIBYTE' }),
    ]);
  });

  it('slices fields by byte offset before decoding, so a cut byte never merges with the next field', () => {
    const layout = defineLayout(
      'pair',
      [
        { name: 'first', length: 2, type: 'AN', lenientTrailingByte: true },
        { name: 'second', length: 2, type: 'AN' },
      ],
      { length: 4 },
    );
    // [.. b0][41 ..]: decoding the whole frame as CP949 would read 캚 across the boundary.
    const values = decodeLayout(layout, Buffer.from([0x20, 0xb0, 0x41, 0x42]), 'cp949');
    expect(values).toEqual({ first: '', second: 'AB' });
    expect(JSON.stringify(values)).not.toContain('캚');
  });

  it('decodes UTF-8 fields and detects a cut UTF-8 sequence', () => {
    const layout = defineLayout('utf8', [{ name: 'text', length: 4, type: 'AN' }], { length: 4 });
    expect(decodeLayout(layout, Buffer.from('가 ', 'utf8'), 'utf-8')).toEqual({ text: '가' });
    expect(
      layoutErrorOf(() => decodeLayout(layout, Buffer.from([0x41, 0xea, 0xb0, 0x20]), 'utf-8')),
    ).toMatchObject({
      offset: 1,
      reason: 'SPLIT_MULTIBYTE',
    });
    expect(
      layoutErrorOf(() => decodeLayout(layout, Buffer.from([0x41, 0xff, 0x42, 0x20]), 'utf-8')),
    ).toMatchObject({
      reason: 'FORMAT',
    });
  });

  it('rejects an argument that is not bytes with a ValidationError', () => {
    const error = thrown(() => decodeLayout(exampleLayout, 'x'.repeat(149) as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.path).toBe('bytes');
  });
});

describe('redactLayoutValues', () => {
  it('masks the fields declared sensitive and leaves the others', () => {
    const values = decodeLayout(exampleLayout, encodeLayout(exampleLayout, sampleValues));
    const redacted = redactLayoutValues(exampleLayout, values);
    expect(redacted.accountNumber).toBe('**********8901');
    expect(redacted.depositorName).toBe('홍***');
    expect(redacted.mac).toBe('[REDACTED]');
    expect(redacted.amount).toBe(150_000);
    expect(values.accountNumber).toBe('90312345678901');
  });
});
