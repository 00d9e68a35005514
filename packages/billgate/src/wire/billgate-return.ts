import { ProtocolError } from '@wirebridge/core';
import { decodeWireText } from './billgate-text.js';

/**
 * Parses an `application/x-www-form-urlencoded` body in EUC-KR (or UTF-8), as the payment window posts it to
 * RETURN_URL (spec §5.3 step 1): percent-escapes are decoded to bytes first, then the bytes to text.
 */
export function parseReturnForm(
  rawBody: Uint8Array | string,
  charset: 'euc-kr' | 'utf-8',
): Map<string, string> {
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('latin1');
  const fields = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair.length === 0) continue;
    const separator = pair.indexOf('=');
    const name = decodeComponent(separator === -1 ? pair : pair.slice(0, separator), charset);
    const value = separator === -1 ? '' : decodeComponent(pair.slice(separator + 1), charset);
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}

function decodeComponent(text: string, charset: 'euc-kr' | 'utf-8'): string {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    if (character === '+') bytes.push(0x20);
    else if (character === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else bytes.push(text.charCodeAt(index) & 0xff);
  }
  const buffer = Buffer.from(bytes);
  if (charset === 'utf-8') return buffer.toString('utf8');
  try {
    return decodeWireText(buffer, 'cp949', 'returnField');
  } catch (error) {
    throw new ProtocolError({
      message: 'Billgate return field is not valid EUC-KR',
      vendor: 'billgate',
      cause: error,
    });
  }
}

/**
 * A form decoder turns an unescaped `+` of the MESSAGE's base64 into a space. The clear header legitimately holds
 * spaces, so only the base64 part (after `LLLL` + 34 bytes) is repaired (spec §5.3 step 1).
 */
export function repairMessageBase64(message: string): string {
  const headerEnd = 4 + 34;
  if (message.length <= headerEnd) return message;
  return message.slice(0, headerEnd) + message.slice(headerEnd).replaceAll(' ', '+');
}

/** Encodes form fields as `application/x-www-form-urlencoded` over already-encoded value bytes. */
export function encodeFormBody(fields: ReadonlyArray<readonly [string, Uint8Array]>): Uint8Array {
  const parts: string[] = [];
  for (const [name, value] of fields)
    parts.push(`${escapeBytes(Buffer.from(name, 'latin1'))}=${escapeBytes(value)}`);
  return Buffer.from(parts.join('&'), 'latin1');
}

function escapeBytes(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    const character = String.fromCharCode(byte);
    if (/[A-Za-z0-9*\-._]/.test(character)) text += character;
    else if (byte === 0x20) text += '+';
    else text += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return text;
}
