/**
 * Message charsets of the ACP gateway (spec §4): UTF-8 or GBK. Node decodes GBK natively (WHATWG `gbk`
 * decoder) but has no GBK encoder, so the encoder table is built once, lazily, by decoding every two-byte
 * GBK code. Characters outside two-byte GBK are refused rather than replaced by `?`: a replaced character
 * would change the signed string.
 */
import { ValidationError } from '@wirebridge/core';

/** The charset named by the `encoding` field. */
export type UnionPayEncoding = 'UTF-8' | 'GBK';

let gbkEncodeTable: Map<number, number> | undefined;

function gbkTable(): Map<number, number> {
  if (gbkEncodeTable !== undefined) return gbkEncodeTable;
  const table = new Map<number, number>();
  const decoder = new TextDecoder('gbk');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const text = decoder.decode(pair);
      const codePoint = text.codePointAt(0);
      // Unmapped pairs decode to U+FFFD; the first mapping of a character wins (GBK is one-to-one in practice).
      if (text.length === 1 && codePoint !== undefined && codePoint !== 0xfffd && !table.has(codePoint)) {
        table.set(codePoint, (lead << 8) | trail);
      }
    }
  }
  gbkEncodeTable = table;
  return table;
}

/**
 * Encodes text in the message charset.
 * @throws ValidationError naming `field` when a character has no GBK encoding.
 */
export function encodeText(text: string, encoding: UnionPayEncoding, field = 'text'): Buffer {
  if (encoding === 'UTF-8') return Buffer.from(text, 'utf8');
  const bytes: number[] = [];
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint < 0x80) {
      bytes.push(codePoint);
      continue;
    }
    const code = gbkTable().get(codePoint);
    if (code === undefined) {
      throw new ValidationError({
        message: `${field}: contains a character that GBK cannot encode`,
        issues: [{ path: field, code: 'invalid_string', message: 'character not representable in GBK' }],
      });
    }
    bytes.push(code >> 8, code & 0xff);
  }
  return Buffer.from(bytes);
}

/** Decodes bytes in the message charset (invalid sequences become U+FFFD; signatures then fail, as they should). */
export function decodeText(bytes: Uint8Array, encoding: UnionPayEncoding): string {
  return encoding === 'UTF-8' ? Buffer.from(bytes).toString('utf8') : new TextDecoder('gbk').decode(bytes);
}

/** Reads an inbound `encoding` field case-insensitively (5.0.0 messages carry `utf-8`); unknown → undefined. */
export function parseEncoding(value: string | undefined): UnionPayEncoding | undefined {
  if (value === undefined) return 'UTF-8';
  const upper = value.toUpperCase();
  if (upper === 'UTF-8' || upper === 'UTF8') return 'UTF-8';
  if (upper === 'GBK') return 'GBK';
  return undefined;
}
