import { maskValue, REDACTED } from './masking.js';
import { redactText } from './redact-text.js';
import {
  type AnySchema,
  itemSchemas,
  mapValueSchemas,
  propertySchemas,
  type SchemaView,
  viewOf,
} from './schema-walk.js';
import { isSecretKeyName, numberKindOfKeyName } from './secret-keys.js';

/*
 * The one place redaction is enforced (DESIGN §7): logs, error details, call events and recorded fixtures
 * all pass through `redact`. Two layers:
 *  1. schema marks — a vendor declares `sensitive(schema, kind)` where it declares a field, and values
 *     walked with that schema are masked by kind;
 *  2. defence in depth, with or without a schema — values under secret-like names become `[REDACTED]`,
 *     and every string is scanned by `redactText` (card numbers, `password=…`, bearer tokens…).
 */

export { maskDigits, maskName, maskValue, passesLuhn, REDACTED } from './masking.js';
export { maskCardNumbers, redactSecrets, redactText } from './redact-text.js';
export { isSecretKeyName, numberKindOfKeyName } from './secret-keys.js';
export type { SensitiveKind, SensitiveMeta } from './sensitive.js';
export { sensitive, sensitiveKindOf, sensitiveRegistry } from './sensitive.js';

/** Placeholder for a reference back to an object being copied. */
export const CIRCULAR = '[Circular]';
/** Placeholder for a value nested deeper than {@link MAX_REDACTION_DEPTH}. */
export const TRUNCATED = '[Truncated]';
/** Placeholder for a value whose properties could not be read (a throwing getter or proxy). */
export const UNREADABLE = '[Unreadable]';
/** Nesting depth after which `redact` stops copying: bounded work and stack for any input. */
export const MAX_REDACTION_DEPTH = 64;

/**
 * Returns a redacted deep copy of `value`; the input is never modified.
 *
 * - With `schema`, fields whose schema is marked with `sensitive()` are masked by kind, looking through
 *   objects, arrays, tuples, records, maps, sets, optional/nullable/default/catch/readonly wrappers, unions,
 *   intersections, pipes and lazy schemas.
 * - Always: values under secret-like names (`password`, `apiKey`, `signature`, `cvv`, `pin`… see
 *   `isSecretKeyName`) become `[REDACTED]`, numbers under card or account number names (`cardNumber`,
 *   `accountNo`, `pan`, `iban`… see `numberKindOfKeyName`) are masked as such, and every string goes
 *   through `redactText`.
 * - Buffers and typed arrays become `[binary N bytes]`; errors become their `toJSON()` (Wirebridge errors)
 *   or `{ name, message, code? }`; `Map`, `Set` and `Date` are copied as such; other objects with `toJSON()` are
 *   copied through it; class instances are copied as plain objects of their own enumerable properties;
 *   cycles become `[Circular]`. Never throws.
 */
export function redact(value: unknown, schema?: AnySchema): unknown {
  try {
    return new Redactor().copy(value, schema === undefined ? [] : [schema], 0);
  } catch {
    return UNREADABLE;
  }
}

class Redactor {
  /** Objects on the path from the root to the value being copied: a repeat is a cycle. */
  readonly #ancestors = new Set<object>();

  copy(value: unknown, schemas: readonly AnySchema[], depth: number): unknown {
    const view = viewOf(schemas);
    if (view.kind !== undefined) return maskValue(value, view.kind);
    if (typeof value === 'string') return redactText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (this.#ancestors.has(value)) return CIRCULAR;
    if (depth >= MAX_REDACTION_DEPTH) return TRUNCATED;
    this.#ancestors.add(value);
    try {
      return this.#copyObject(value, view, depth + 1);
    } catch {
      return UNREADABLE;
    } finally {
      this.#ancestors.delete(value);
    }
  }

  #copyObject(value: object, view: SchemaView, depth: number): unknown {
    if (ArrayBuffer.isView(value)) return binaryPlaceholder(value.byteLength);
    if (value instanceof ArrayBuffer || isSharedArrayBuffer(value))
      return binaryPlaceholder(value.byteLength);
    if (Array.isArray(value)) {
      return value.map((item: unknown, index) => this.copy(item, itemSchemas(view, index), depth));
    }
    if (value instanceof Error) return this.copy(errorAsPlainObject(value), [], depth);
    if (value instanceof Date) return new Date(value.getTime());
    if (value instanceof Map) return this.#copyMap(value, view, depth);
    if (value instanceof Set) {
      const items = itemSchemas(view, 0);
      return new Set([...value].map((item: unknown) => this.copy(item, items, depth)));
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !isPlainObject(value)) {
      // URL, Decimal, Buffer-like wrappers: their JSON form is what a log line would show anyway.
      return this.copy(toJSON.call(value), view.structural, depth);
    }
    return this.#copyProperties(value, view, depth);
  }

  #copyProperties(value: object, view: SchemaView, depth: number): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      let property: unknown;
      try {
        property = (value as Record<string, unknown>)[key];
      } catch {
        property = UNREADABLE;
      }
      defineOwn(copy, redactText(key), this.#copyNamed(key, property, propertySchemas(view, key), depth));
    }
    return copy;
  }

  #copyMap(value: Map<unknown, unknown>, view: SchemaView, depth: number): Map<unknown, unknown> {
    const valueSchemas = mapValueSchemas(view);
    const copy = new Map<unknown, unknown>();
    for (const [key, entry] of value) {
      const redacted =
        typeof key === 'string'
          ? this.#copyNamed(key, entry, valueSchemas, depth)
          : this.copy(entry, valueSchemas, depth);
      copy.set(this.copy(key, [], depth), redacted);
    }
    return copy;
  }

  /**
   * Copies a value stored under a name. The name can make it sensitive whatever the schema says: a secret
   * name hides the value, a card or account number name masks a number (defence in depth, DESIGN §7).
   */
  #copyNamed(name: string, value: unknown, schemas: readonly AnySchema[], depth: number): unknown {
    if (value === undefined || value === null) return value;
    if (isSecretKeyName(name)) return REDACTED;
    const numberKind = numberKindOfKeyName(name);
    if (numberKind !== undefined && (typeof value === 'string' || typeof value === 'number')) {
      // A schema mark, if any, still decides (it may be stricter, e.g. `secret`).
      const marked = viewOf(schemas).kind;
      return maskValue(value, marked ?? numberKind);
    }
    return this.copy(value, schemas, depth);
  }
}

function errorAsPlainObject(error: Error): unknown {
  const toJSON = (error as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toJSON.call(error);
  const code = (error as { code?: unknown }).code;
  // Node system errors carry their useful part (`ECONNRESET`) in `code`.
  return typeof code === 'string'
    ? { name: error.name, message: error.message, code }
    : { name: error.name, message: error.message };
}

function binaryPlaceholder(byteLength: number): string {
  return `[binary ${byteLength} bytes]`;
}

function isSharedArrayBuffer(value: object): value is SharedArrayBuffer {
  return typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer;
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || prototype === Object.prototype;
}

/** Sets an own property, including one named `__proto__` (which plain assignment would treat as the prototype). */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
