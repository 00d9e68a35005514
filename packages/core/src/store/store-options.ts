import { ValidationError } from '../errors/families.js';

/** Options shared by every in-memory store. */
export interface MemoryStoreOptions {
  /** Clock in milliseconds since the epoch; tests inject one to move time. @default Date.now */
  now?: () => number;
}

/** Throws a {@link ValidationError} naming `path` unless `value` is a positive finite number. */
export function requirePositive(value: unknown, path: string, subject: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError({
      message: `${subject}: ${path} must be a positive number of milliseconds`,
      issues: [{ path, message: 'must be a positive finite number', code: 'too_small' }],
    });
  }
}

/** Throws a {@link ValidationError} naming `path` unless `value` is a non-empty string. */
export function requireName(value: unknown, path: string, subject: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError({
      message: `${subject}: ${path} must be a non-empty string`,
      issues: [{ path, message: 'must be a non-empty string', code: 'invalid_type' }],
    });
  }
}
