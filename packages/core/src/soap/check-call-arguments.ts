import { ValidationError, type ValidationIssue } from '../errors/families.js';
import { MAX_TIMEOUT_MS, type ResolvedFactoryOptions } from './resolve-soap-options.js';
import type { SoapCallOptions } from './soap-types.js';

// soap writes the value of a `$xml` key into the envelope verbatim, bypassing escapeXML: refused so no input
// can ever inject markup (specs/western-union.md §5.4).
const rawXmlKey = '$xml';
// Deep enough for any real message; a deeper (or cyclic) value is refused rather than walked forever.
const maxArgsDepth = 64;

/**
 * Checks a call before any I/O and returns its effective timeout and signal. Every problem is reported at once in
 * one `ValidationError` naming the field, never echoing a value.
 */
export function checkCallArguments(
  operation: unknown,
  args: unknown,
  options: SoapCallOptions | undefined,
  factory: ResolvedFactoryOptions,
): { timeoutMs: number; signal: AbortSignal | undefined } {
  const issues: ValidationIssue[] = [];
  if (typeof operation !== 'string' || operation === '') {
    issues.push({ path: 'operation', code: 'invalid_type', message: 'operation must be a non-empty string' });
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    issues.push({ path: 'args', code: 'invalid_type', message: 'args must be an object ({} for none)' });
  } else {
    findRawXml(args, 'args', 0, issues);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    issues.push({ path: 'options', code: 'invalid_type', message: 'options must be an object' });
  }
  const timeoutMs = options?.timeoutMs ?? factory.defaultTimeoutMs;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > MAX_TIMEOUT_MS
  ) {
    issues.push({
      path: 'options.timeoutMs',
      code: 'invalid_value',
      message: `timeoutMs must be a number of milliseconds in (0, ${MAX_TIMEOUT_MS}]`,
    });
  }
  const signal = options?.signal;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    issues.push({ path: 'options.signal', code: 'invalid_type', message: 'signal must be an AbortSignal' });
  }
  if (issues.length > 0) {
    const fields = [...new Set(issues.map((issue) => issue.path))].join(', ');
    throw new ValidationError({
      message: `Invalid SOAP call: ${fields}`,
      issues,
      ...(factory.vendor === undefined ? {} : { vendor: factory.vendor }),
    });
  }
  return { timeoutMs, signal };
}

function findRawXml(value: object, path: string, depth: number, issues: ValidationIssue[]): void {
  if (depth > maxArgsDepth) {
    issues.push({ path, code: 'too_big', message: `args nest deeper than ${maxArgsDepth} levels` });
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = `${path}.${key}`;
    if (key === rawXmlKey) {
      issues.push({
        path: childPath,
        code: 'invalid_key',
        message: 'raw XML ($xml) is not accepted in args',
      });
    } else if (typeof child === 'object' && child !== null) {
      findRawXml(child, childPath, depth + 1, issues);
    }
  }
}
