import { validateHeaderName, validateHeaderValue } from 'node:http';

// The transport computes these from the exact body bytes; a caller-supplied value could contradict the bytes that
// were signed and desynchronise the connection.
const managedHeaders = new Set(['content-length', 'transfer-encoding']);

/**
 * Why a header cannot be sent, or `undefined` when it can. Checked before any I/O because axios would otherwise
 * strip invalid characters silently, changing a signed header value without telling anyone. The message names
 * the header but never repeats its value (it may be a credential).
 */
export function headerProblem(name: unknown, value: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'header names must be non-empty strings';
  try {
    validateHeaderName(name);
  } catch {
    return `header name ${JSON.stringify(name)} is not a valid HTTP token`;
  }
  if (managedHeaders.has(name.toLowerCase())) return `header ${name} is computed by the transport`;
  if (typeof value !== 'string') return `header ${name} must be a string`;
  try {
    validateHeaderValue(name, value);
  } catch {
    return `header ${name} contains characters not allowed in a header value`;
  }
  return undefined;
}

/** Merges header sets, later ones overriding earlier ones whatever the letter case of the names. */
export function mergeHeaders(
  ...sets: ReadonlyArray<Record<string, string> | undefined>
): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const set of sets) {
    for (const [name, value] of Object.entries(set ?? {})) merged.set(name.toLowerCase(), [name, value]);
  }
  return Object.fromEntries(merged.values());
}

/** True when `headers` has `name`, compared case-insensitively. */
export function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}
