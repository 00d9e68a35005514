import { decodeLayout, defineLayout, encodeLayout, type TextCharset } from '@wirebridge/core/codec';

// TODO(core): core's codec has encodeText/decodeText internally but does not export them. A one-field AN layout
// sized to the text gives the same strict rules (UNENCODABLE/OVERFLOW as ValidationError, never `?`).

/** Encodes text in a Korean wire charset; unencodable characters throw a `ValidationError` naming `field`. */
export function encodeWireText(text: string, charset: TextCharset, field: string): Buffer {
  if (text.length === 0) return Buffer.alloc(0);
  if (isAscii(text)) return Buffer.from(text, 'latin1');
  // Worst case is 2 bytes per UTF-16 unit in EUC-KR/CP949; the layout then pads, so trailing spaces are cut.
  const width = text.length * 2;
  const layout = defineLayout(field, [{ name: 'value', length: width, type: 'AN' }], { length: width });
  const bytes = encodeLayout(layout, { value: text }, charset);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0x20) end -= 1;
  // Trailing spaces of the text itself were cut with the padding: put them back.
  const trailingSpaces = text.length - text.trimEnd().length;
  return Buffer.concat([bytes.subarray(0, end), Buffer.alloc(trailingSpaces, 0x20)]);
}

/** Decodes bytes of a Korean wire charset (trailing spaces are dropped, as the layout codec does). */
export function decodeWireText(bytes: Uint8Array, charset: TextCharset, field: string): string {
  if (bytes.length === 0) return '';
  let ascii = true;
  for (const byte of bytes) if (byte > 0x7e || byte < 0x20) ascii = false;
  if (ascii) return Buffer.from(bytes).toString('latin1');
  const layout = defineLayout(field, [{ name: 'value', length: bytes.length, type: 'AN' }], {
    length: bytes.length,
  });
  return String(decodeLayout(layout, bytes, charset).value ?? '');
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code > 0x7e) return false;
  }
  return true;
}
