/** How byte lengths of free text are counted against KICC's field maxima (spec §3, Modelled). */
export type ByteLengthMode = 'euc-kr' | 'utf-8';

/**
 * Byte length of `text` as KICC is assumed to count it. `euc-kr`: ASCII 1 byte, anything else 2 (Hangul
 * syllables are 2 bytes in EUC-KR/CP949). `utf-8`: the UTF-8 byte count.
 */
export function byteLength(text: string, mode: ByteLengthMode): number {
  if (mode === 'utf-8') return Buffer.byteLength(text, 'utf8');
  let length = 0;
  for (const character of text) length += character.charCodeAt(0) < 0x80 ? 1 : 2;
  return length;
}

/** Characters KICC refuses in free text (spec §3): `' " < > \ ; |` and line breaks. */
export const forbiddenTextCharacters = /['"<>\\;|\r\n]/;
