import { ProtocolError, ValidationError, type ValidationIssue } from '../errors/families.js';
import type { SerializedBody } from './json-body.js';

/** `Content-Type` of {@link formRequestBody}. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=UTF-8';

/**
 * Encodes fields as `application/x-www-form-urlencoded` (WHATWG form encoding, UTF-8: space → `+`), in the
 * order given, so the signed string is the one sent.
 *
 * @throws ValidationError naming each field (`fields.<name>`) whose value is not a string.
 */
export function formRequestBody(fields: Record<string, string>): SerializedBody {
  if (typeof fields !== 'object' || fields === null) {
    throw new ValidationError({
      message: 'form fields must be an object',
      issues: [{ path: 'fields', code: 'invalid_type', message: 'expected an object of string values' }],
    });
  }
  const issues: ValidationIssue[] = [];
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') params.append(name, value);
    else
      issues.push({ path: `fields.${name}`, code: 'invalid_type', message: 'form values must be strings' });
  }
  if (issues.length > 0) {
    throw new ValidationError({ message: 'form fields must all be strings', issues });
  }
  return { body: params.toString(), headers: { 'Content-Type': FORM_CONTENT_TYPE } };
}

/**
 * Decodes `application/x-www-form-urlencoded` text (`+` → space, `%XX` → UTF-8). A name given twice is refused:
 * which copy a vendor meant (and which one its signature covered) would be a guess.
 *
 * @throws ProtocolError (`details: { reason: 'duplicate_field' }`) naming the repeated field; ValidationError
 * (field `text`) when `text` is not a string.
 */
export function parseFormBody(text: string): Record<string, string> {
  if (typeof text !== 'string') {
    throw new ValidationError({
      message: 'form text must be a string (decode the body with its charset first)',
      issues: [{ path: 'text', code: 'invalid_type', message: 'expected a string' }],
    });
  }
  const entries: Array<[string, string]> = [];
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (seen.has(name)) {
      throw new ProtocolError({
        message: `form body repeats the field ${JSON.stringify(name)}`,
        retryable: false,
        details: { reason: 'duplicate_field', field: name },
      });
    }
    seen.add(name);
    entries.push([name, value]);
  }
  // fromEntries defines own properties, so a field named "__proto__" cannot replace the prototype.
  return Object.fromEntries(entries);
}
