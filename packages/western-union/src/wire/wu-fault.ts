import type { SoapReply } from '@wirebridge/core/soap';

/** A WU fault read from its XML (spec §6). */
export interface WesternUnionFault {
  vendorCode: string;
  vendorMessage: string;
  details: Record<string, string>;
}

const codePattern = /^[A-Z]\d{4}/;

/**
 * Reads a WU SOAP Fault (spec §6): the `error` text inside `error-reply`, or — the non-standard variant — the text
 * directly inside `error-reply`. `vendorCode` is the first 5 characters when they look like `A1234`, else the whole
 * trimmed text (`Rejected`); other `error-reply` children go to `details`. Works on text, without a DOM, so it
 * also reads a Fault the SOAP parser refused.
 */
export function parseWesternUnionFault(xml: string): WesternUnionFault {
  const text = typeof xml === 'string' ? xml : '';
  const errorReply = /<(?:[\w.-]+:)?error-reply(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?error-reply\s*>/.exec(
    text,
  );
  const inner = errorReply?.[1] ?? '';
  const details: Record<string, string> = {};
  let errorText: string | undefined;
  const child = /<(?:[\w.-]+:)?([\w.-]+)(?:\s[^>]*)?>([^<]*)<\/(?:[\w.-]+:)?\1\s*>/g;
  for (const match of inner.matchAll(child)) {
    const name = match[1] as string;
    const value = unescapeXml(match[2] as string).trim();
    if (name === 'error' && errorText === undefined) errorText = value;
    else if (name !== '__proto__' && name !== 'constructor' && name !== 'prototype') details[name] = value;
  }
  if (errorText === undefined) {
    // The non-standard variant: text directly inside error-reply (spec §6).
    const direct = unescapeXml(inner.replace(/<[^>]*>[^<]*<\/[^>]*>/g, '').replace(/<[^>]*\/>/g, '')).trim();
    errorText = direct !== '' ? direct : faultString(text);
  }
  const code = codePattern.exec(errorText)?.[0];
  if (code !== undefined) {
    return { vendorCode: code, vendorMessage: errorText.slice(5).trim(), details };
  }
  return { vendorCode: errorText, vendorMessage: '', details };
}

function faultString(text: string): string {
  const match = /<(?:[\w.-]+:)?faultstring(?:\s[^>]*)?>([^<]*)</.exec(text);
  return unescapeXml(match?.[1] ?? '').trim();
}

/** The vendor code and message of a SOAP Fault reply, for an operation's decode stage. */
export function decodeFaultReply(reply: Extract<SoapReply, { kind: 'fault' }>): {
  code: string;
  message: string;
} {
  const parsed = parseWesternUnionFault(reply.rawResponse);
  const code =
    parsed.vendorCode !== '' ? parsed.vendorCode : reply.fault.faultString || reply.fault.faultCode;
  return { code, message: parsed.vendorMessage };
}

/** Decodes the five predefined XML entities and numeric references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_match, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const codePoint = entity.startsWith('#x')
      ? Number.parseInt(entity.slice(2), 16)
      : Number(entity.slice(1));
    return Number.isInteger(codePoint) && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '';
  });
}

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
