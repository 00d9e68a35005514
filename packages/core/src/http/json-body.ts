import { ProtocolError, ValidationError } from '../errors/families.js';
import type { HttpResponse } from './http-types.js';

/** A serialized request body with the headers that describe it; spread both into an `HttpRequest`. */
export interface SerializedBody {
  /** The exact text sent (and signed). */
  body: string;
  /** `Content-Type` of `body`. */
  headers: Record<string, string>;
}

/** `Content-Type` of {@link jsonRequestBody}. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Serializes `value` once, so the string a vendor signs is the string sent (DESIGN §8: never re-serialize).
 *
 * @throws ValidationError (field `body`) when `value` has no JSON form (`undefined`, a function, a BigInt, a cycle).
 */
export function jsonRequestBody(value: unknown): SerializedBody {
  let body: string | undefined;
  try {
    body = JSON.stringify(value);
  } catch (cause) {
    throw notSerializable(cause);
  }
  if (body === undefined) throw notSerializable(undefined);
  return { body, headers: { 'Content-Type': JSON_CONTENT_TYPE } };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses a response body as UTF-8 JSON (a leading BOM is ignored).
 *
 * @throws ProtocolError (`details: { status, reason: 'malformed_json' }`) when the body is empty, not UTF-8 or not
 * JSON. The message never quotes the body.
 */
export function parseJsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(utf8.decode(response.body));
  } catch (cause) {
    throw new ProtocolError({
      message: `response body (HTTP ${response.status}, ${response.body.length} bytes) is not UTF-8 JSON`,
      retryable: false,
      details: { status: response.status, reason: 'malformed_json' },
      cause: cause instanceof SyntaxError ? new SyntaxError('invalid JSON') : cause,
    });
  }
}

function notSerializable(cause: unknown): ValidationError {
  return new ValidationError({
    message: 'request body cannot be serialized as JSON',
    issues: [{ path: 'body', code: 'invalid_type', message: 'value has no JSON representation' }],
    ...(cause === undefined ? {} : { cause }),
  });
}
