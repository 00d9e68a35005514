/**
 * Argument checks shared by the crypto helpers. Bad arguments are programming or configuration
 * mistakes, reported as a `ValidationError` naming the parameter before any work is done; the
 * message never echoes the value, because the value is often key material (DESIGN §8).
 * @internal
 */
import { ValidationError } from '../errors/index.js';

/** Builds a `ValidationError` with one issue on `field`. @internal */
export function invalidArgument(field: string, message: string, code = 'invalid_value'): ValidationError {
  return new ValidationError({ message: `${field}: ${message}`, issues: [{ path: field, message, code }] });
}

/** Returns `value` as a `Uint8Array`, or throws a `ValidationError` naming `field`. @internal */
export function requireBytes(value: unknown, field: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw invalidArgument(field, 'must be a Uint8Array or Buffer', 'invalid_type');
}

/**
 * Returns `value` as bytes: a string is taken as UTF-8 text (what every vendor spec in this SDK
 * signs or MACs), a `Uint8Array` as is. Anything else throws a `ValidationError` naming `field`.
 * @internal
 */
export function requireBytesOrText(value: unknown, field: string): Uint8Array {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return value;
  throw invalidArgument(field, 'must be a string, Uint8Array or Buffer', 'invalid_type');
}

/** Views a `Uint8Array` as a `Buffer` without copying. @internal */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
