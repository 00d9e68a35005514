import { describe, expect, it } from 'vitest';
import { decodeLayout, defineLayout, encodeLayout, type FieldSpec } from '../../src/codec/index.js';
import { ConfigError } from '../../src/errors/index.js';

function configMessage(fields: unknown, length = 4, name = 'sample'): string {
  try {
    defineLayout(name, fields as FieldSpec[], { length });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected defineLayout to throw');
}

describe('defineLayout', () => {
  it('computes offsets from the declaration order and returns frozen plain data', () => {
    const layout = defineLayout(
      'header',
      [
        { name: 'code', length: 4, type: 'N', as: 'string' },
        { name: 'name', length: 10, type: 'AN' },
        { name: 'key', length: 2, type: 'B' },
      ],
      { length: 16 },
    );
    expect(layout.name).toBe('header');
    expect(layout.length).toBe(16);
    expect(layout.fields.map((field) => [field.name, field.offset])).toEqual([
      ['code', 0],
      ['name', 4],
      ['key', 14],
    ]);
    expect(Object.isFrozen(layout)).toBe(true);
    expect(Object.isFrozen(layout.fields)).toBe(true);
    expect(Object.isFrozen(layout.fields[0])).toBe(true);
  });

  it('names the layout when the field lengths do not add up to its length', () => {
    const message = configMessage(
      [
        { name: 'a', length: 4, type: 'N' },
        { name: 'b', length: 3, type: 'AN' },
      ],
      8,
      'deposit-body',
    );
    expect(message).toContain('deposit-body');
    expect(message).toContain('7 bytes');
    expect(message).toContain('8');
  });

  it('rejects duplicate names, bad lengths, unknown types and options, naming the field', () => {
    expect(
      configMessage([
        { name: 'a', length: 2, type: 'N' },
        { name: 'a', length: 2, type: 'N' },
      ]),
    ).toContain('field a is declared twice');
    expect(configMessage([{ name: 'a', length: 0, type: 'N' }], 0)).toContain('options.length');
    expect(configMessage([{ name: 'a', length: 2.5, type: 'N' }])).toContain('field a: length');
    expect(configMessage([{ name: 'a', length: 4, type: 'X' }])).toContain('field a: type');
    expect(configMessage([{ name: 'a', length: 4, type: 'AN', optinal: true }])).toContain(
      'unknown option optinal',
    );
    expect(configMessage([{ name: 'a', length: 4, type: 'AN', as: 'number' }])).toContain(
      'unknown option as',
    );
    expect(configMessage([{ name: 'a', length: 4, type: 'N', as: 'float' }])).toContain('as must be');
    expect(configMessage([{ name: '', length: 4, type: 'N' }])).toContain('fields[0].name');
    expect(configMessage([{ name: '__proto__', length: 4, type: 'N' }])).toContain('__proto__');
    expect(configMessage([{ name: 'a', length: 4, type: 'N', sensitive: 'password' }])).toContain(
      'sensitive',
    );
    expect(configMessage([])).toContain('non-empty');
    // A hole in the array is a missing field, not something to skip.
    const withHole: unknown[] = [];
    withHole[0] = { name: 'a', length: 2, type: 'N' };
    withHole[2] = { name: 'b', length: 2, type: 'N' };
    expect(configMessage(withHole)).toContain('fields[1]');
  });

  it('checks declared offsets, so a vendor table copied with its offset column cannot drift', () => {
    const layout = defineLayout(
      'checked',
      [
        { name: 'a', offset: 0, length: 4, type: 'N' },
        { name: 'b', offset: 4, length: 4, type: 'AN' },
      ],
      { length: 8 },
    );
    expect(layout.fields[1]?.offset).toBe(4);
    // Redefining from a layout's own fields (which carry offsets) works.
    expect(defineLayout('copy', [...layout.fields], { length: 8 }).length).toBe(8);
    expect(
      configMessage(
        [
          { name: 'a', offset: 0, length: 3, type: 'N' },
          { name: 'b', offset: 4, length: 4, type: 'AN' },
        ],
        7,
      ),
    ).toContain('field b: declares offset 4 but the fields before it end at 3');
  });

  it('checks fixed and default values against the field at definition time', () => {
    expect(configMessage([{ name: 'a', length: 4, type: 'N', fixed: '02000' }])).toContain('field a: fixed');
    expect(configMessage([{ name: 'a', length: 4, type: 'N', default: -1 }])).toContain('negative');
    expect(configMessage([{ name: 'a', length: 4, type: 'N', fixed: 'ABCD' }])).toContain('digits');
    expect(configMessage([{ name: 'a', length: 4, type: 'B', fixed: new Uint8Array(3) }])).toContain(
      '4 bytes',
    );
    expect(configMessage([{ name: 'a', length: 4, type: 'AN', default: 'a\nb' }])).toContain('control');
    expect(configMessage([{ name: 'a', length: 4, type: 'AN', fixed: 'ab', default: 'cd' }])).toContain(
      'both fixed and default',
    );
  });

  it('keeps working when the layout object was cloned (another copy of core, a structured clone)', () => {
    const layout = defineLayout(
      'cloned',
      [
        { name: 'code', length: 4, type: 'N', as: 'string', fixed: '0800' },
        { name: 'key', length: 2, type: 'B' },
      ],
      { length: 6 },
    );
    const clone = structuredClone(layout);
    const bytes = encodeLayout(clone, { key: Uint8Array.from([9, 8]) });
    expect(bytes.toString('hex')).toBe('303830300908');
    expect(decodeLayout(clone, bytes)).toEqual({ code: '0800', key: Uint8Array.from([9, 8]) });
  });

  it('does not let the caller change a defined layout through its own arrays', () => {
    const fixed = Uint8Array.from([1, 2]);
    const layout = defineLayout('guarded', [{ name: 'magic', length: 2, type: 'B', fixed }], { length: 2 });
    fixed[0] = 7;
    expect(encodeLayout(layout, {}).toString('hex')).toBe('0102');
  });
});
