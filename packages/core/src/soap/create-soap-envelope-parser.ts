import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { WSDL } from 'soap';
import { ConfigError, ProtocolError } from '../errors/families.js';
import { parserCause } from './soap-http-client.js';
import { createRefusingHttpClient, parseWsdl } from './wsdl-loader.js';
import { decodeXmlBody, findUnsafeXml, looksLikeSoapEnvelope, unsafeXmlText } from './xml-safety.js';

/** Default `maxBytes` of an envelope parser: 256 KiB, plenty for a notification. */
export const DEFAULT_INBOUND_ENVELOPE_MAX_BYTES = 262_144;

/** Options of {@link createSoapEnvelopeParser}. Give exactly one of `wsdl` and `wsdlPath`. */
export interface SoapEnvelopeParserOptions {
  /** The WSDL declaring the inbound message elements, as XML text. */
  wsdl?: string;
  /** Path of that WSDL on local disk (its imports must be local files). */
  wsdlPath?: string;
  /** Largest envelope accepted, in bytes; a larger one is refused before decoding. @default 262_144 (256 KiB) */
  maxBytes?: number;
  /** Vendor name copied onto every error. @default none */
  vendor?: string;
}

/** An inbound envelope as `soap` parsed it. Object keys keep the order the elements arrived in. */
export interface ParsedSoapEnvelope {
  /** The SOAP Header's children, when there is a Header. */
  header: Readonly<Record<string, unknown>> | undefined;
  /** Local name of the Body's first element, e.g. `nis-notification-request`. */
  element: string;
  /** That element's content (an object of its children, text, or `null` when empty). */
  value: unknown;
}

/** Parses inbound SOAP envelopes (notifications pushed by a vendor) safely; see {@link createSoapEnvelopeParser}. */
export interface SoapEnvelopeParser {
  /**
   * Parses one envelope. Checks run on the raw bytes first, in this order: the size cap, the charset, then any
   * DOCTYPE/ENTITY declaration or reserved object key (refused before parsing, DESIGN §8), then the Envelope root.
   * @param contentType the request's `Content-Type`, for its charset. @default UTF-8
   * @throws ProtocolError with `details.reason` (`too_large`, `invalid_encoding`, `doctype`, `prototype_key`,
   * `not_soap`, `unparseable`, `fault`, `empty_body`) — never a raw parser error.
   */
  parse(body: string | Uint8Array, contentType?: string): ParsedSoapEnvelope;
}

/**
 * Creates a parser for inbound SOAP envelopes, for notification handlers (specs/western-union.md §7): `soap`'s strict
 * sax-based `WSDL#xmlToObject`, loaded with the WSDL that declares the inbound elements, behind the text checks.
 * Verify the sender (IP allow-list, credentials) before calling `parse`.
 *
 * @throws ConfigError when the options are invalid or the WSDL cannot be loaded.
 */
export async function createSoapEnvelopeParser(
  options: SoapEnvelopeParserOptions,
): Promise<SoapEnvelopeParser> {
  if (typeof options !== 'object' || options === null)
    throw new ConfigError({ message: 'options must be an object' });
  const vendor = typeof options.vendor === 'string' ? { vendor: options.vendor } : {};
  const maxBytes = options.maxBytes ?? DEFAULT_INBOUND_ENVELOPE_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new ConfigError({ message: 'maxBytes must be a positive integer', ...vendor });
  }
  const wsdl = await loadParserWsdl(options, vendor);
  // A client or server sets this on its WSDL; a bare one would file attributes under the key "undefined".
  wsdl.options.attributesKey = 'attributes';
  return { parse: (body, contentType) => parseEnvelope(wsdl, body, contentType, maxBytes, vendor) };
}

async function loadParserWsdl(
  options: SoapEnvelopeParserOptions,
  vendor: { vendor?: string },
): Promise<WSDL> {
  if ((options.wsdl === undefined) === (options.wsdlPath === undefined)) {
    throw new ConfigError({ message: 'give exactly one of wsdl and wsdlPath', ...vendor });
  }
  const httpClient = createRefusingHttpClient(vendor);
  if (options.wsdl !== undefined) {
    if (typeof options.wsdl !== 'string')
      throw new ConfigError({ message: 'wsdl must be XML text', ...vendor });
    return parseWsdl(options.wsdl, '', { ...vendor, httpClient });
  }
  if (typeof options.wsdlPath !== 'string' || options.wsdlPath === '') {
    throw new ConfigError({ message: 'wsdlPath must be a file path', ...vendor });
  }
  const absolutePath = path.resolve(options.wsdlPath);
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (cause) {
    throw new ConfigError({ message: `wsdlPath ${absolutePath} could not be read`, ...vendor, cause });
  }
  return parseWsdl(text, absolutePath, { ...vendor, httpClient });
}

function parseEnvelope(
  wsdl: WSDL,
  body: string | Uint8Array,
  contentType: string | undefined,
  maxBytes: number,
  vendor: { vendor?: string },
): ParsedSoapEnvelope {
  const refuse = (reason: string, explanation: string, cause?: unknown) =>
    new ProtocolError({
      message: `inbound SOAP envelope refused: ${explanation}`,
      ...vendor,
      retryable: false,
      details: { reason },
      ...(cause === undefined ? {} : { cause: parserCause(cause) }),
    });
  let text: string;
  if (typeof body === 'string') {
    if (Buffer.byteLength(body, 'utf8') > maxBytes) throw refuse('too_large', `over ${maxBytes} bytes`);
    text = body;
  } else if (body instanceof Uint8Array) {
    if (body.byteLength > maxBytes) throw refuse('too_large', `over ${maxBytes} bytes`);
    const decoded = decodeXmlBody(body, contentType);
    if ('failure' in decoded) throw refuse('invalid_encoding', 'not text in the declared charset');
    text = decoded.text;
  } else {
    throw refuse('not_soap', 'the body must be a string or bytes');
  }
  const unsafe = findUnsafeXml(text);
  if (unsafe !== undefined) throw refuse(unsafe, `${unsafeXmlText[unsafe]}; it was not parsed`);
  if (!looksLikeSoapEnvelope(text)) throw refuse('not_soap', 'not a SOAP envelope');
  let envelope: unknown;
  try {
    envelope = wsdl.xmlToObject(text);
  } catch (error) {
    // soap throws an Error with the parsed envelope as `root` for a Fault, anything else for broken XML.
    const isFault = typeof error === 'object' && error !== null && 'root' in error;
    throw isFault
      ? refuse('fault', 'it holds a SOAP Fault')
      : refuse('unparseable', 'the XML could not be parsed', error);
  }
  const header = ownField(envelope, 'Header');
  const envelopeBody = ownField(envelope, 'Body');
  const element =
    typeof envelopeBody === 'object' && envelopeBody !== null
      ? Object.keys(envelopeBody).find((key) => key !== wsdl.options.attributesKey)
      : undefined;
  if (element === undefined) throw refuse('empty_body', 'the Body holds no element');
  return {
    header: typeof header === 'object' && header !== null ? (header as Record<string, unknown>) : undefined,
    element,
    value: (envelopeBody as Record<string, unknown>)[element],
  };
}

function ownField(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return undefined;
  return (value as Record<string, unknown>)[name];
}
