/**
 * Request, response and notification bodies of the ACP gateway (spec §4).
 */
import { ProtocolError } from '@wirebridge/core';
import { decodeText, encodeText, parseEncoding, type UnionPayEncoding } from './charset.js';

const unreservedByte = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) ||
  (byte >= 0x41 && byte <= 0x5a) ||
  (byte >= 0x61 && byte <= 0x7a) ||
  byte === 0x2d || // -
  byte === 0x5f || // _
  byte === 0x2e || // .
  byte === 0x2a; // *

/** Percent-encodes like Java's `URLEncoder` in `encoding` (spec §4): space → `+`, uppercase `%XX`. */
export function urlEncodeValue(value: string, encoding: UnionPayEncoding, field = 'value'): string {
  let text = '';
  for (const byte of encodeText(value, encoding, field)) {
    if (unreservedByte(byte)) text += String.fromCharCode(byte);
    else if (byte === 0x20) text += '+';
    else text += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}

/**
 * Serializes a signed field map as the request body: empty values dropped, keys in sorted order (the
 * order of the signing string), values encoded as Java's `URLEncoder` does (spec §4).
 */
export function encodeFormBody(fields: Readonly<Record<string, string>>, encoding: UnionPayEncoding): Buffer {
  const pairs: string[] = [];
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    if (value === undefined || value === '') continue;
    pairs.push(`${urlEncodeValue(key, encoding, key)}=${urlEncodeValue(value, encoding, key)}`);
  }
  return Buffer.from(pairs.join('&'), 'latin1');
}

function malformed(reason: string): ProtocolError {
  return new ProtocolError({
    message: `UnionPay response body is malformed: ${reason}`,
    vendor: 'unionpay',
    retryable: false,
    details: { reason },
  });
}

/**
 * Parses a gateway response body (not URL-encoded): strips one pair of enclosing braces, then splits with
 * a depth-aware scanner so `&` inside `{}`/`[]` stays in the value (spec §4). The first `=` ends the key;
 * a repeated key keeps the last value; values are kept raw (PEM line breaks included).
 *
 * @throws ProtocolError for an empty key, a pair without `=`, or unbalanced braces/brackets.
 */
export function parseResponseBody(body: Uint8Array, encoding: UnionPayEncoding): Record<string, string> {
  let text = decodeText(body, encoding);
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1);
  const fields: Record<string, string> = Object.create(null);
  if (text.length === 0) return { ...fields };
  let key: string | undefined;
  let start = 0;
  let depth = 0;
  const finish = (end: number) => {
    if (key === undefined) throw malformed('a pair has no "="');
    if (key.length === 0) throw malformed('a pair has an empty key');
    fields[key] = text.slice(start, end);
    key = undefined;
    start = end + 1;
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (key === undefined) {
      if (character === '=') {
        key = text.slice(start, index);
        start = index + 1;
      } else if (character === '&') {
        throw malformed('a pair has no "="');
      }
      continue;
    }
    if (character === '{' || character === '[') depth++;
    else if (character === '}' || character === ']') depth = Math.max(0, depth - 1);
    else if (character === '&' && depth === 0) finish(index);
  }
  if (depth !== 0) throw malformed('unbalanced braces or brackets');
  finish(text.length);
  return { ...fields };
}

function percentDecode(text: string): number[] {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (character === 0x2b) bytes.push(0x20);
    else if (character === 0x25) {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw malformed('a bad percent escape');
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else if (character > 0x7f) {
      throw malformed('a raw non-ASCII byte in a form body');
    } else bytes.push(character);
  }
  return bytes;
}

/**
 * Decodes a notification form body (spec §4): `+` → space, `%XX` → bytes in the charset named by the body's
 * own `encoding` field (default UTF-8), empty values dropped. Only the body is read.
 *
 * @throws ProtocolError for bad escapes, duplicate keys or an unknown `encoding`.
 */
export function parseNotificationBody(rawBody: Uint8Array | string): Record<string, string> {
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('latin1');
  const pairs: Array<[number[], number[]]> = [];
  for (const part of text.split('&')) {
    if (part.length === 0) continue;
    const equals = part.indexOf('=');
    if (equals <= 0) throw malformed('a pair has no key');
    pairs.push([percentDecode(part.slice(0, equals)), percentDecode(part.slice(equals + 1))]);
  }
  const encodingPair = pairs.find(([key]) => Buffer.from(key).toString('latin1') === 'encoding');
  const encoding = parseEncoding(encodingPair ? Buffer.from(encodingPair[1]).toString('latin1') : undefined);
  if (encoding === undefined) throw malformed('unknown encoding');
  const fields: Record<string, string> = {};
  for (const [keyBytes, valueBytes] of pairs) {
    const key = decodeText(Uint8Array.from(keyBytes), encoding);
    if (Object.hasOwn(fields, key)) throw malformed('a repeated key');
    const value = decodeText(Uint8Array.from(valueBytes), encoding);
    if (value !== '') fields[key] = value;
  }
  return fields;
}
