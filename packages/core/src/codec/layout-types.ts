/**
 * Fixed-width layouts as data: field declarations, the resolved layout, and the value types TypeScript infers
 * from them (DESIGN §12, specs/coocon.md §4.1).
 */
import type { SensitiveKind } from '../observability/sensitive.js';

/** What every field declaration has. */
interface FieldSpecCommon {
  /** Property name in decoded values and in encode input; unique within the layout. */
  readonly name: string;
  /** Width in bytes (a positive integer). Offsets follow from declaration order: no gaps, no overlaps. */
  readonly length: number;
  /**
   * The byte offset the field must start at. Optional: offsets follow from the order, but copying the offset
   * column of a vendor's table here turns any gap, overlap or mis-sized field before it into a definition-time
   * error. `layout.fields` carries it for every field.
   */
  readonly offset?: number;
  /**
   * The field may be absent on encode: N is written as zeros (or spaces, see `emptyFill`), AN as spaces, B as
   * 0x00 bytes. On decode, an optional N field that is all spaces decodes to `undefined`.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * Marks the field as personal or secret data of this kind; {@link redactLayoutValues} masks it with
   * core's redaction rules (DESIGN §7) before values are logged or put in error details.
   */
  readonly sensitive?: SensitiveKind;
}

/**
 * An `N` field: unsigned ASCII digits, right-aligned and zero-filled on the left (Korean telegram convention).
 * Encode accepts a safe non-negative integer `number`, a non-negative `bigint`, or a string of ASCII digits
 * (kept as is, so `'0042'` keeps its zeros); anything else, a sign included, is refused.
 */
export interface NumericFieldSpec extends FieldSpecCommon {
  readonly type: 'N';
  /**
   * What decoding returns:
   * - `'number'` for amounts and counts: exact up to `Number.MAX_SAFE_INTEGER` (any width ≤ 15 digits is
   *   always safe; a wider field decoding a larger value fails with `OVERFLOW` rather than lose precision);
   * - `'string'` for identifiers, dates, codes and serials: the field's digits verbatim, leading zeros kept,
   *   so it re-encodes byte for byte;
   * - `'bigint'` for wide amounts that can exceed 2^53.
   * @default 'number' when `length` ≤ 15, otherwise `'string'`
   */
  readonly as?: 'number' | 'string' | 'bigint';
  /** A constant: written when the value is absent, and checked on encode and decode (e.g. a telegram type code). */
  readonly fixed?: number | bigint | string;
  /** Written when the value is absent (only checked for shape, unlike `fixed`). */
  readonly default?: number | bigint | string;
  /**
   * How an absent optional value is written: `'zeros'` (the usual telegram convention), or `'spaces'` for
   * layouts that blank-fill unused numeric fields — then an absent value and an all-spaces field map onto
   * each other and re-encode byte for byte.
   * @default 'zeros'
   */
  readonly emptyFill?: 'zeros' | 'spaces';
}

/**
 * An `AN` field: text in the wire charset, left-aligned and right-padded with spaces (0x20). Its width is
 * counted in encoded bytes (Hangul = 2 bytes in EUC-KR). A value wider than the field is refused, never cut;
 * control characters are refused. Decoding strips trailing spaces and NUL bytes only (leading spaces are
 * data), so trailing spaces of an encoded value do not survive a round trip.
 */
export interface TextFieldSpec extends FieldSpecCommon {
  readonly type: 'AN';
  /** A constant: written when the value is absent, and checked on encode and decode. */
  readonly fixed?: string;
  /** Written when the value is absent. */
  readonly default?: string;
  /**
   * On decode, a field ending with a dangling first byte of a 2-byte character (a sender that cut a name
   * mid-character) loses that byte and reports a warning instead of failing with `SPLIT_MULTIBYTE`. Such a
   * field does not re-encode byte for byte (the dropped byte becomes a space).
   * @default false
   */
  readonly lenientTrailingByte?: boolean;
}

/** A `B` field: raw bytes, exactly `length` of them, decoded as a fresh `Uint8Array` copy. */
export interface BinaryFieldSpec extends FieldSpecCommon {
  readonly type: 'B';
  /** A constant: written when the value is absent, and checked on encode and decode. */
  readonly fixed?: Uint8Array;
  /** Written when the value is absent. */
  readonly default?: Uint8Array;
}

/** One field declaration of a fixed-width layout. */
export type FieldSpec = NumericFieldSpec | TextFieldSpec | BinaryFieldSpec;

/** A declared field with its byte offset from the start of the frame. */
export type LayoutField = FieldSpec & { readonly offset: number };

/** Carries the field declarations' literal types; never present at run time. */
export declare const layoutFields: unique symbol;

/**
 * A validated fixed-width layout, returned by `defineLayout`. Plain frozen data: `fields` lists the
 * declarations in order with their offsets, so wire code can find, say, the offset of a message-type field.
 */
export interface Layout<Fields extends readonly FieldSpec[] = readonly FieldSpec[]> {
  /** The layout's name, used in error messages and issue paths (`<name>.<field>`). */
  readonly name: string;
  /** Total width in bytes. */
  readonly length: number;
  /** The fields in wire order, with offsets. */
  readonly fields: readonly LayoutField[];
  /** @internal Type-level only. */
  readonly [layoutFields]?: Fields;
}

type ShortLength = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;

type NumericValue<F> = F extends { readonly as: infer As }
  ? As extends 'string'
    ? string
    : As extends 'bigint'
      ? bigint
      : number
  : F extends { readonly length: ShortLength }
    ? number
    : F extends { readonly length: infer Width }
      ? number extends Width
        ? number | string | bigint
        : string
      : never;

type AbsentOnDecode<F> = 'optional' extends keyof F
  ? true extends F[Extract<'optional', keyof F>]
    ? undefined
    : never
  : never;

type DecodedFieldValue<F> = F extends { readonly type: 'N' }
  ? NumericValue<F> | AbsentOnDecode<F>
  : F extends { readonly type: 'AN' }
    ? string
    : F extends { readonly type: 'B' }
      ? Uint8Array
      : never;

type InputFieldValue<F> = F extends { readonly type: 'N' }
  ? number | bigint | string
  : F extends { readonly type: 'AN' }
    ? string
    : F extends { readonly type: 'B' }
      ? Uint8Array
      : never;

type HasFallback<F> = 'default' extends keyof F
  ? true
  : 'fixed' extends keyof F
    ? true
    : 'optional' extends keyof F
      ? true extends F[Extract<'optional', keyof F>]
        ? true
        : false
      : false;

type Simplify<T> = { [Key in keyof T]: T[Key] } & {};

/** The field declarations a layout was defined with. */
export type LayoutFieldSpecs<L> = L extends Layout<infer Fields> ? Fields : never;

/**
 * The object `decodeLayout` returns for layout `L`: one property per field, typed from its declaration
 * (N → `number` / `string` / `bigint` per `as`, plus `undefined` when optional; AN → `string`;
 * B → `Uint8Array`).
 */
export type LayoutValues<L> = Simplify<{
  -readonly [F in LayoutFieldSpecs<L>[number] as F['name']]: DecodedFieldValue<F>;
}>;

/**
 * The object `encodeLayout` accepts for layout `L`: fields with `optional`, `default` or `fixed` may be
 * omitted; N fields accept a number, bigint or digit string whatever their `as`. Decoded values are always
 * valid input, so `encodeLayout(layout, decodeLayout(layout, bytes))` type-checks.
 */
export type LayoutInput<L> = Simplify<
  {
    [F in LayoutFieldSpecs<L>[number] as HasFallback<F> extends true ? never : F['name']]: InputFieldValue<F>;
  } & {
    [F in LayoutFieldSpecs<L>[number] as HasFallback<F> extends true ? F['name'] : never]?:
      | InputFieldValue<F>
      | undefined;
  }
>;

/** A recoverable oddity met while decoding (today: a dropped dangling byte, see `lenientTrailingByte`). */
export interface LayoutWarning {
  /** Layout name. */
  layout: string;
  /** Field name. */
  field: string;
  /** Byte offset of the dropped byte from the start of the frame. */
  offset: number;
  /** What was tolerated. */
  reason: 'SPLIT_MULTIBYTE';
  /** Human-readable description, without the field's content. */
  message: string;
}

/** Options of `decodeLayout`. */
export interface DecodeLayoutOptions {
  /** Receives each warning; without it warnings are dropped. @default undefined */
  onWarning?: (warning: LayoutWarning) => void;
}
