import { ValidationError } from '@wirebridge/core';

// Core's `requireName`/`requirePositive` are internal to core (not exported), so the same checks are repeated
// here with the same paths and codes: a caller sees identical ValidationErrors from the memory and Redis stores.

/** Throws a {@link ValidationError} naming `path` unless `value` is a non-empty string. */
export function requireName(value: unknown, path: string, subject: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ValidationError({
      message: `${subject}: ${path} must be a non-empty string`,
      issues: [{ path, message: 'must be a non-empty string', code: 'invalid_type' }],
    });
  }
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

/** Throws a {@link ValidationError} naming `path` unless `value` is a finite time in milliseconds. */
export function requireTime(value: unknown, path: string, subject: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError({
      message: `${subject}: ${path} must be a time in milliseconds since the epoch`,
      issues: [{ path, message: 'must be a finite number', code: 'invalid_type' }],
    });
  }
}
