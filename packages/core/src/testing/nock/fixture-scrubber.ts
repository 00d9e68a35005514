import { isDeepStrictEqual } from 'node:util';
import {
  isSecretKeyName,
  maskValue,
  numberKindOfKeyName,
  REDACTED,
  redactText,
} from '../../observability/index.js';

/** What replaces the value of an ignored field in a fixture; such values are not compared on replay. */
export const IGNORED = '[IGNORED]';

/** How recorded exchanges are scrubbed before they are written, and normalised before they are compared. */
export interface FixtureScrubOptions {
  /**
   * Field, parameter and header names whose values are secrets, besides the ones core recognises on its own
   * (`password`, `apiKey`, `signature`, `authorization`, `cvv`…). Compared case-insensitively. @default []
   */
  secretNames?: readonly string[];
  /**
   * Field, parameter and header names whose values change from run to run (request timestamps, nonces): they
   * are written as `[IGNORED]` and not compared on replay. @default []
   */
  ignoredFields?: readonly string[];
  /**
   * Names kept verbatim although they look secret — e.g. a response `signature` made with a test key, which
   * the client must verify on replay. Applies to JSON fields, form fields, headers and the `name=value` pairs of
   * text bodies that are not strict forms (values holding line breaks). @default []
   */
  preserve?: readonly string[];
}

/** Scrubs and normalises bodies, paths and headers the same way at record time and at replay time. */
export interface FixtureScrubber {
  /** A body as stored in a fixture: JSON values scrubbed field by field, forms pair by pair, text by `redactText`. */
  scrubBody(body: unknown): unknown;
  /** A path with its query scrubbed like a form and card numbers masked. */
  scrubPath(path: string): string;
  /** A header value: `[REDACTED]` under a secret name, `undefined` (dropped) under an ignored one. */
  scrubHeader(name: string, value: string | readonly string[]): string | readonly string[] | undefined;
  /**
   * Whether a request body received on replay is the recorded one: the received body is scrubbed as it would
   * have been at record time, and both are compared as data (JSON and forms) or as text.
   */
  bodyMatches(received: unknown, recorded: unknown): boolean;
}

/** Creates the scrubber for one fixture. */
export function createFixtureScrubber(options: FixtureScrubOptions = {}): FixtureScrubber {
  const lower = (names: readonly string[] | undefined) =>
    new Set((names ?? []).map((name) => name.toLowerCase()));
  const secretNames = lower(options.secretNames);
  const ignoredNames = lower(options.ignoredFields);
  const preservedNames = lower(options.preserve);

  const isPreserved = (name: string) => preservedNames.has(name.toLowerCase());
  const isIgnored = (name: string) => ignoredNames.has(name.toLowerCase());
  const isSecret = (name: string) => secretNames.has(name.toLowerCase()) || isSecretKeyName(name);

  const scrubNamed = (name: string | undefined, value: unknown): unknown => {
    // Items of an array share its name, like repeated form fields (`id=1&id=2`) do.
    if (Array.isArray(value)) return value.map((item: unknown) => scrubNamed(name, item));
    if (name !== undefined && value !== null && value !== undefined) {
      if (isIgnored(name)) return IGNORED;
      if (isPreserved(name)) return value;
      if (isSecret(name)) return REDACTED;
      const numberKind = numberKindOfKeyName(name);
      if (numberKind !== undefined && (typeof value === 'string' || typeof value === 'number')) {
        return maskValue(value, numberKind);
      }
    }
    if (typeof value === 'string') return redactText(value);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubNamed(key, item)]));
    }
    return value;
  };

  const scrubFormPairs = (pairs: Array<[string, string]>): Array<[string, string]> =>
    pairs.map(([name, value]) => [name, String(scrubNamed(name, value))]);

  const scrubText = (text: string): string => {
    let result = text;
    for (const name of ignoredNames) result = replaceXmlElementText(result, name, IGNORED);
    if (preservedNames.size === 0) return redactText(result);
    // `name=value&…` text that is not a strict form — raw values with line breaks, such as a PEM certificate in
    // a signed gateway reply: preserved pairs stay byte for byte (a signature must still verify on replay), the
    // other pairs are redacted as text.
    return result
      .split(/&(?=[A-Za-z_][\w.-]*=)/)
      .map((pair) => {
        const separator = pair.indexOf('=');
        return separator > 0 && isPreserved(pair.slice(0, separator)) ? pair : redactText(pair);
      })
      .join('&');
  };

  const scrubStringBody = (body: string): string => {
    const pairs = parseForm(body);
    return pairs === undefined ? scrubText(body) : serializeForm(scrubFormPairs(pairs));
  };

  return {
    scrubBody(body) {
      return typeof body === 'string' ? scrubStringBody(body) : scrubNamed(undefined, body);
    },

    scrubPath(path) {
      const queryStart = path.indexOf('?');
      if (queryStart === -1) return redactText(path);
      const pairs = parseForm(path.slice(queryStart + 1));
      const query =
        pairs === undefined ? redactText(path.slice(queryStart + 1)) : serializeForm(scrubFormPairs(pairs));
      return `${redactText(path.slice(0, queryStart))}?${query}`;
    },

    scrubHeader(name, value) {
      if (isIgnored(name)) return undefined;
      if (isPreserved(name)) return value;
      if (isSecret(name)) return REDACTED;
      return typeof value === 'string' ? redactText(value) : value.map((item) => redactText(item));
    },

    bodyMatches(received, recorded) {
      // nock hands JSON bodies over parsed, and form bodies parsed into an object when the request says so.
      const receivedData = toData(received);
      const scrubbed =
        typeof receivedData === 'string'
          ? scrubText(receivedData)
          : Array.isArray(receivedData) && isPairList(receivedData)
            ? formObject(scrubFormPairs(receivedData))
            : scrubNamed(undefined, receivedData);
      const recordedData = toData(recorded);
      const expected =
        Array.isArray(recordedData) && isPairList(recordedData) ? formObject(recordedData) : recordedData;
      return isDeepStrictEqual(scrubbed, expected);
    },
  };
}

const formPattern = /^[^=&\s]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$/;
const pairListMarker = Symbol('form pairs');

/** Name/value pairs of an `application/x-www-form-urlencoded` text, or `undefined` when it is not one. */
function parseForm(text: string): Array<[string, string]> | undefined {
  if (!formPattern.test(text)) return undefined;
  try {
    return [...new URLSearchParams(text)];
  } catch {
    return undefined;
  }
}

/** Encodes like a form, but leaves `[REDACTED]`/`[IGNORED]` and masked digits readable in the fixture. */
function serializeForm(pairs: ReadonlyArray<[string, string]>): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/%20/g, '+').replace(/%5B/g, '[').replace(/%5D/g, ']');
  return pairs.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
}

/** A body as comparable data: parsed JSON, form pairs (tagged), or text. */
function toData(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) return parsed;
  } catch {
    // not JSON
  }
  const pairs = parseForm(body);
  if (pairs === undefined) return body;
  return Object.assign(pairs, { [pairListMarker]: true });
}

function isPairList(value: unknown[]): value is Array<[string, string]> {
  return (value as { [pairListMarker]?: boolean })[pairListMarker] === true;
}

/** Form pairs as `querystring.parse` shapes them (nock's parsed form bodies): repeated names become arrays. */
function formObject(pairs: ReadonlyArray<[string, string]>): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const existing = result[name];
    if (existing === undefined) result[name] = value;
    else result[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return result;
}

function replaceXmlElementText(text: string, name: string, replacement: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const element = new RegExp(
    `(<(?:[\\w.-]+:)?${escaped}(?:\\s[^<>]*)?>)[^<]*(</(?:[\\w.-]+:)?${escaped}\\s*>)`,
    'gi',
  );
  return text.replace(element, `$1${replacement}$2`);
}
