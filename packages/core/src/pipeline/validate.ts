import type { z } from 'zod';
import { ProtocolError, ValidationError, type ValidationIssue } from '../errors/families.js';

/** Turns a zod issue path into the dotted field name callers see (`payer.accounts.0.number`). */
export function fieldPath(path: readonly PropertyKey[], prefix?: string): string {
  const joined = path.map((segment) => String(segment)).join('.');
  if (!prefix) return joined;
  return joined ? `${prefix}.${joined}` : prefix;
}

/** Converts zod issues to {@link ValidationIssue}s. zod's messages describe the rule, not the value. */
export function toValidationIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: fieldPath(issue.path, prefix),
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * Parses `value` with `schema` or throws a {@link ValidationError} listing every bad field.
 * @param subject what was validated, for the message (`input of kicc.virtualAccounts.issue`).
 */
export function parseOrThrow<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  subject: string,
  context: { vendor?: string; operation?: string; prefix?: string } = {},
): z.output<TSchema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error, context.prefix);
  const fields = [...new Set(issues.map((issue) => issue.path || '(root)'))].join(', ');
  throw new ValidationError({
    message: `Invalid ${subject}: ${fields}`,
    issues,
    ...(context.vendor === undefined ? {} : { vendor: context.vendor }),
    ...(context.operation === undefined ? {} : { operation: context.operation }),
  });
}

/**
 * Parses a vendor result with the operation's output schema; a mismatch is the vendor's (or our
 * codec's) fault, so it is a {@link ProtocolError}, not a ValidationError.
 */
export function parseResultOrThrow<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  context: { vendor: string; operation: string },
): z.output<TSchema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toValidationIssues(result.error);
  throw new ProtocolError({
    message: `${context.operation}: the vendor's reply does not match the expected result`,
    vendor: context.vendor,
    operation: context.operation,
    details: { issues },
  });
}
