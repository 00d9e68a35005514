/**
 * The compiled form of a layout: every check that does not depend on the values is done once, at definition
 * time, so encoding and decoding only walk a flat list of fields with precomputed offsets (DESIGN §10).
 * @internal
 */
import { ConfigError } from '../errors/index.js';
import type { SensitiveKind } from '../observability/sensitive.js';
import type { FieldSpec, Layout, LayoutField } from './layout-types.js';
import { digitsOf } from './numeric-digits.js';
import { createObjectBuilder, type ObjectBuilder } from './object-builder.js';

/** One field, ready for the encode/decode loops. @internal */
export interface PlannedField {
  readonly name: string;
  /** `<layout>.<field>`, the issue path of encode errors. */
  readonly path: string;
  readonly type: 'N' | 'AN' | 'B';
  readonly offset: number;
  readonly end: number;
  readonly length: number;
  readonly optional: boolean;
  readonly numeric: 'number' | 'string' | 'bigint';
  readonly emptyFill: 'zeros' | 'spaces';
  readonly lenientTrailingByte: boolean;
  /** True when `fallback` is a `fixed` value (checked both ways) rather than a `default`. */
  readonly isFixed: boolean;
  /** The value written when absent: N → digits padded to `length`, AN → text, B → bytes. */
  readonly fallback: string | Uint8Array | undefined;
  readonly sensitive: SensitiveKind | undefined;
}

/** A compiled layout. @internal */
export interface LayoutPlan {
  readonly name: string;
  readonly length: number;
  readonly fields: readonly PlannedField[];
  readonly fieldNames: ReadonlySet<string>;
  /** Creates the decoded values object from the field values in layout order. */
  readonly buildValues: ObjectBuilder;
}

const fieldTypes: ReadonlySet<string> = new Set(['N', 'AN', 'B']);
const numericKinds: ReadonlySet<string> = new Set(['number', 'string', 'bigint']);
// The kinds of observability's SensitiveKind, checked at run time because layouts may come from configuration.
const sensitiveKinds: ReadonlySet<string> = new Set([
  'card_number',
  'account_number',
  'name',
  'secret',
  'personal',
]);
const commonKeys = ['name', 'length', 'type', 'offset', 'optional', 'sensitive', 'fixed', 'default'];
const allowedKeys: Readonly<Record<string, ReadonlySet<string>>> = {
  N: new Set([...commonKeys, 'as', 'emptyFill']),
  AN: new Set([...commonKeys, 'lenientTrailingByte']),
  B: new Set(commonKeys),
};
/** Widths up to 15 digits always hold a safe integer, so `as: 'number'` is their natural default. */
const maxSafeDigits = 15;

const plans = new WeakMap<object, LayoutPlan>();

/**
 * Validates a layout declaration and compiles it. Every problem is a `ConfigError` naming the layout and the
 * field, because layouts are configuration (vendor packages let deployments replace field tables).
 * @internal
 */
export function compileLayout(
  name: unknown,
  fields: unknown,
  length: unknown,
): { plan: LayoutPlan; fields: LayoutField[] } {
  if (typeof name !== 'string' || name.length === 0)
    throw configError('(unnamed)', 'name must be a non-empty string');
  if (!Array.isArray(fields) || fields.length === 0)
    throw configError(name, 'fields must be a non-empty array');
  if (!Number.isSafeInteger(length) || (length as number) <= 0)
    throw configError(name, 'options.length must be a positive integer');
  const planned: PlannedField[] = [];
  const resolved: LayoutField[] = [];
  const names = new Set<string>();
  let offset = 0;
  // An index loop, not forEach: a hole in the array must be reported, not skipped.
  for (let index = 0; index < fields.length; index++) {
    const spec: unknown = fields[index];
    const field = planField(name, spec, index, offset);
    if (names.has(field.name)) throw configError(name, `field ${field.name} is declared twice`);
    names.add(field.name);
    planned.push(field);
    resolved.push(copySpec(spec as FieldSpec, offset));
    offset = field.end;
  }
  if (offset !== length)
    throw configError(
      name,
      `fields add up to ${offset} bytes but options.length is ${length as number}; check for a missing, extra or mis-sized field`,
    );
  return {
    plan: {
      name,
      length: offset,
      fields: planned,
      fieldNames: names,
      buildValues: createObjectBuilder(planned.map((field) => field.name)),
    },
    fields: resolved,
  };
}

/** Remembers the plan of a layout object created by `defineLayout`. @internal */
export function registerPlan(layout: Layout, plan: LayoutPlan): void {
  plans.set(layout, plan);
}

/**
 * The plan of `layout`. A layout object that did not come from this copy of core (the other module format, a
 * structured clone) is compiled from its own data once and cached.
 * @internal
 */
export function planOf(layout: Layout): LayoutPlan {
  const known = plans.get(layout);
  if (known !== undefined) return known;
  const candidate = layout as Partial<Layout> | null;
  if (typeof candidate !== 'object' || candidate === null)
    throw configError('(unnamed)', 'layout must be an object returned by defineLayout');
  const { plan } = compileLayout(candidate.name, candidate.fields, candidate.length);
  plans.set(layout, plan);
  return plan;
}

function planField(layout: string, spec: unknown, index: number, offset: number): PlannedField {
  if (typeof spec !== 'object' || spec === null)
    throw configError(layout, `fields[${index}] must be an object`);
  const declared = spec as Partial<Record<string, unknown>>;
  const { name, length, type } = declared;
  if (typeof name !== 'string' || name.length === 0)
    throw configError(layout, `fields[${index}].name must be a non-empty string`);
  // Decoded values are plain objects: a field named __proto__ would replace their prototype.
  if (name === '__proto__') throw configError(layout, `fields[${index}].name must not be __proto__`);
  const fail = (message: string): ConfigError => configError(layout, `field ${name}: ${message}`);
  if (typeof type !== 'string' || !fieldTypes.has(type)) throw fail("type must be 'N', 'AN' or 'B'");
  if (!Number.isSafeInteger(length) || (length as number) <= 0)
    throw fail('length must be a positive integer');
  const width = length as number;
  const allowed = allowedKeys[type]!;
  for (const key of Object.keys(declared))
    if (!allowed.has(key)) throw fail(`unknown option ${key} for a ${type} field`);
  for (const key of ['optional', 'lenientTrailingByte'])
    if (declared[key] !== undefined && typeof declared[key] !== 'boolean')
      throw fail(`${key} must be a boolean`);
  if (declared.sensitive !== undefined && !sensitiveKinds.has(declared.sensitive as string))
    throw fail(`sensitive must be one of ${[...sensitiveKinds].join(', ')}`);
  if (declared.offset !== undefined && declared.offset !== offset)
    throw fail(
      `declares offset ${String(declared.offset)} but the fields before it end at ${offset} (a gap, an overlap or a mis-sized field)`,
    );
  if (declared.fixed !== undefined && declared.default !== undefined)
    throw fail('has both fixed and default; a fixed value already is the default');
  if (declared.as !== undefined && !numericKinds.has(declared.as as string))
    throw fail("as must be 'number', 'string' or 'bigint'");
  if (declared.emptyFill !== undefined && declared.emptyFill !== 'zeros' && declared.emptyFill !== 'spaces')
    throw fail("emptyFill must be 'zeros' or 'spaces'");
  const isFixed = declared.fixed !== undefined;
  const given = isFixed ? declared.fixed : declared.default;
  const which = isFixed ? 'fixed' : 'default';
  return {
    name,
    path: `${layout}.${name}`,
    type: type as PlannedField['type'],
    offset,
    end: offset + width,
    length: width,
    optional: declared.optional === true,
    numeric:
      (declared.as as PlannedField['numeric'] | undefined) ?? (width <= maxSafeDigits ? 'number' : 'string'),
    emptyFill: (declared.emptyFill as PlannedField['emptyFill'] | undefined) ?? 'zeros',
    lenientTrailingByte: declared.lenientTrailingByte === true,
    isFixed,
    fallback:
      given === undefined
        ? undefined
        : normalizeFallback(type, given, width, (message) => fail(`${which} ${message}`)),
    sensitive: declared.sensitive as SensitiveKind | undefined,
  };
}

function normalizeFallback(
  type: string,
  value: unknown,
  width: number,
  fail: (message: string) => ConfigError,
): string | Uint8Array {
  if (type === 'N') {
    const digits = digitsOf(value);
    if (typeof digits !== 'string') throw fail(digits.message);
    if (digits.length > width) throw fail(`has ${digits.length} digits; the field holds ${width}`);
    return digits.padStart(width, '0');
  }
  if (type === 'AN') {
    if (typeof value !== 'string') throw fail('must be a string');
    // Its byte width depends on the charset of each call, so the width is checked when encoding; what does
    // not depend on it is checked now.
    if (hasControlCharacter(value)) throw fail('must not contain control characters');
    return value;
  }
  if (!(value instanceof Uint8Array)) throw fail('must be a Uint8Array');
  if (value.length !== width) throw fail(`must be exactly ${width} bytes`);
  return Uint8Array.from(value);
}

/** C0 controls, DEL and C1 controls: never text on a telegram, and NUL would be lost as padding on decode. @internal */
export function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (isControlCode(text.charCodeAt(index))) return true;
  return false;
}

/** True for a C0 control, DEL or a C1 control. @internal */
export function isControlCode(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function copySpec(spec: FieldSpec, offset: number): LayoutField {
  const copy: Record<string, unknown> = { ...spec, offset };
  // A Uint8Array cannot be frozen; copy it so the caller's array cannot change the layout afterwards.
  if (spec.fixed instanceof Uint8Array) copy.fixed = Uint8Array.from(spec.fixed);
  if (spec.default instanceof Uint8Array) copy.default = Uint8Array.from(spec.default);
  return Object.freeze(copy) as unknown as LayoutField;
}

function configError(layout: string, problem: string): ConfigError {
  return new ConfigError({ message: `layout ${layout}: ${problem}`, details: { layout } });
}
