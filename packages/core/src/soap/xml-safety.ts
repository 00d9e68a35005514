import { TextDecoder } from 'node:util';

/**
 * Text checks run on every XML document BEFORE it reaches `soap`'s parser (DESIGN §8: XML parsing must reject
 * DTDs and entities). They look at the raw text, so nothing the parser would do with the document — expand an
 * entity, follow a reference, build an object — can happen for a refused one.
 */

/** Why a document was refused before parsing. */
export type UnsafeXmlReason =
  /** A `<!DOCTYPE` or `<!ENTITY` declaration: the entry point of entity expansion and external fetches. */
  | 'doctype'
  /**
   * A name that reaches `Object.prototype` inside `soap`'s parser. `soap` 1.13 keeps SOAP-encoding `id`/`href`
   * references in a plain object, so a reply holding `<a id="__proto__">` or `<a id="constructor">` writes into
   * `Object.prototype` or `Object` (global prototype pollution); `<__proto__>` elements swap the prototype of
   * parsed objects. Such names have no place in a payment message.
   */
  | 'prototype_key';

// Anywhere in the text, CDATA included: `soap` re-parses CDATA that holds an `<?xml …?>` document.
const declarationPattern = /<!\s*(?:DOCTYPE|ENTITY)/i;
const prototypeNamePattern = /__proto__/;
// `id="…"` / `href="#…"` attributes (optionally prefixed): the keys of soap's reference table.
const referenceAttributePattern = /[\s"'](?:[\w.-]+:)?(?:id|href)\s*=\s*(["'])([^"'<>]*)\1/g;
const prototypeMembers: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The reason `text` must not be parsed, or `undefined` when it may be. Never throws. */
export function findUnsafeXml(text: string): UnsafeXmlReason | undefined {
  if (declarationPattern.test(text)) return 'doctype';
  if (prototypeNamePattern.test(text)) return 'prototype_key';
  // Cheap pre-check: most replies carry no reference attributes at all.
  if (!/(?:id|href)\s*=/.test(text)) return undefined;
  referenceAttributePattern.lastIndex = 0;
  for (let match = referenceAttributePattern.exec(text); match !== null; ) {
    // soap reads `id` as is and `href` without its first character (the `#`); check both readings.
    const reference = match[2] ?? '';
    if (prototypeMembers.has(reference) || prototypeMembers.has(reference.slice(1))) return 'prototype_key';
    match = referenceAttributePattern.exec(text);
  }
  return undefined;
}

/** A human-readable sentence for each reason, used in error messages (never the offending text itself). */
export const unsafeXmlText: Readonly<Record<UnsafeXmlReason, string>> = {
  doctype: 'it carries a DOCTYPE or ENTITY declaration',
  prototype_key: 'it uses a reserved object key (__proto__, constructor, …) as a name or reference',
};

// An optional XML declaration, comments and whitespace, then an element whose local name is `Envelope`.
const envelopeStartPattern =
  /^\s*(?:<\?xml\s[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[A-Za-z_][\w.-]*:)?Envelope[\s/>]/;

/**
 * True when `text` starts (after an XML declaration and comments) with a SOAP `Envelope` element. Used to tell a
 * SOAP reply from an HTML error page or an empty body before `soap` parses it: `soap` 1.13 accepts any XML root
 * and would hand back an arbitrary document as a "result".
 */
export function looksLikeSoapEnvelope(text: string): boolean {
  return envelopeStartPattern.test(text);
}

/** Why bytes could not be turned into text. */
export type DecodeFailure = 'unsupported_charset' | 'invalid_encoding';

/**
 * Decodes an XML body with the charset of its `Content-Type` (UTF-8 when none), strictly: invalid byte sequences
 * are a failure rather than U+FFFD, so a mangled reply is refused instead of read with altered text. A byte order
 * mark is dropped.
 */
export function decodeXmlBody(
  body: Uint8Array,
  contentType: string | undefined,
): { text: string } | { failure: DecodeFailure } {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return { failure: 'unsupported_charset' };
  }
  try {
    return { text: decoder.decode(body) };
  } catch {
    return { failure: 'invalid_encoding' };
  }
}
