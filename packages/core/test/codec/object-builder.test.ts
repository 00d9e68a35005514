import { describe, expect, it } from 'vitest';
import { decodeLayout, defineLayout, encodeLayout } from '../../src/codec/index.js';

const fields = [
  { name: 'code', length: 4, type: 'N', as: 'string' },
  { name: 'name', length: 6, type: 'AN' },
  { name: 'toString', length: 2, type: 'N' },
] as const;

describe('decoded values objects', () => {
  it('are plain objects with the fields in layout order', () => {
    const layout = defineLayout('ordered', fields, { length: 12 });
    const frame = Buffer.concat([
      Buffer.from('0200'),
      Buffer.from([0xb0, 0xa1, 0xb3, 0xaa, 0x20, 0x20]),
      Buffer.from('42'),
    ]);
    const values = decodeLayout(layout, frame);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['code', 'name', 'toString']);
    expect(values).toEqual({ code: '0200', name: '가나', toString: 42 });
  });

  it('are built the same way where code generation from strings is disabled', () => {
    const original = globalThis.Function;
    let refusals = 0;
    // What `--disallow-code-generation-from-strings` (or a CSP) does to `new Function`.
    globalThis.Function = function refused() {
      refusals++;
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let layout: ReturnType<typeof defineLayout<typeof fields>>;
    try {
      layout = defineLayout('restricted', fields, { length: 12 });
    } finally {
      globalThis.Function = original;
    }
    expect(refusals).toBe(1);
    const bytes = encodeLayout(layout, { code: '0800', name: '가나', toString: 7 });
    const values = decodeLayout(layout, bytes);
    expect(Object.keys(values)).toEqual(['code', 'name', 'toString']);
    expect(values).toEqual({ code: '0800', name: '가나', toString: 7 });
  });
});
