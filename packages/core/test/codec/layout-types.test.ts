import { describe, expectTypeOf, it } from 'vitest';
import {
  decodeLayout,
  defineLayout,
  encodeLayout,
  type FieldSpec,
  type Layout,
  type LayoutInput,
  type LayoutValues,
} from '../../src/codec/index.js';

const layout = defineLayout(
  'typed',
  [
    { name: 'code', length: 4, type: 'N', as: 'string', fixed: '0200' },
    { name: 'amount', length: 13, type: 'N' },
    { name: 'serial', length: 20, type: 'N' },
    { name: 'wide', length: 18, type: 'N', as: 'bigint' },
    { name: 'count', length: 3, type: 'N', optional: true },
    { name: 'name', length: 20, type: 'AN' },
    { name: 'currency', length: 3, type: 'AN', default: 'KRW' },
    { name: 'mac', length: 8, type: 'B' },
  ],
  { length: 89 },
);

describe('types inferred from field declarations', () => {
  it('types decoded values from each declaration', () => {
    expectTypeOf<LayoutValues<typeof layout>>().toEqualTypeOf<{
      code: string;
      amount: number;
      serial: string;
      wide: bigint;
      count: number | undefined;
      name: string;
      currency: string;
      mac: Uint8Array;
    }>();
    expectTypeOf(decodeLayout<typeof layout>).returns.toEqualTypeOf<LayoutValues<typeof layout>>();
  });

  it('makes fields with a fallback optional on encode and accepts any numeric form for N', () => {
    expectTypeOf<LayoutInput<typeof layout>>().toEqualTypeOf<{
      amount: number | bigint | string;
      serial: number | bigint | string;
      wide: number | bigint | string;
      name: string;
      mac: Uint8Array;
      code?: number | bigint | string | undefined;
      count?: number | bigint | string | undefined;
      currency?: string | undefined;
    }>();
    // Decoded values are valid input, so a decode → modify → encode cycle type-checks.
    expectTypeOf<LayoutValues<typeof layout>>().toExtend<LayoutInput<typeof layout>>();
    // Type-level only (never called): leaving out a required field does not compile.
    const missingName = () =>
      // @ts-expect-error: `name` is required.
      encodeLayout(layout, { amount: 1, serial: '1', wide: 1n, mac: new Uint8Array(8) });
    expectTypeOf(missingName).toBeFunction();
  });

  it('falls back to broad types for layouts built from untyped field lists (e.g. configuration)', () => {
    const fields: FieldSpec[] = [{ name: 'a', length: 4, type: 'N' }];
    const configured: Layout<FieldSpec[]> = defineLayout('configured', fields, { length: 4 });
    expectTypeOf<LayoutValues<typeof configured>>().toEqualTypeOf<{
      [name: string]: number | string | bigint | Uint8Array | undefined;
    }>();
  });
});
