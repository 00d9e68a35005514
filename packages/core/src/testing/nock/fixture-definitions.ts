import type nock from 'nock';
import { ConfigError } from '../../errors/index.js';
import type { FixtureScrubber } from './fixture-scrubber.js';

/** Request headers never written to a fixture: they describe the connection, not the request. */
const connectionHeaders: ReadonlySet<string> = new Set([
  'host',
  'content-length',
  'connection',
  'user-agent',
  'accept-encoding',
  'transfer-encoding',
]);

/** How definitions are rewritten before they are written. */
export interface RecordedDefinitionOptions {
  /** Origin written in place of the loopback origin the requests went to. @default keep the recorded scope */
  fixtureOrigin?: string;
}

/**
 * Turns what nock recorded into what a fixture may hold (DESIGN §7: redaction applies to recorded fixtures):
 * secrets and card numbers scrubbed from paths, bodies and headers, the loopback origin replaced by a stable
 * one, and `Content-Length` recomputed for the scrubbed body nock will replay.
 * @throws ConfigError when `fixtureOrigin` is set and requests went to more than one loopback origin.
 */
export function scrubRecordedDefinitions(
  definitions: readonly nock.Definition[],
  scrubber: FixtureScrubber,
  options: RecordedDefinitionOptions,
): nock.Definition[] {
  const loopbackScopes = new Set(
    definitions.map((definition) => String(definition.scope)).filter((scope) => isLoopbackOrigin(scope)),
  );
  if (options.fixtureOrigin !== undefined && loopbackScopes.size > 1) {
    throw new ConfigError({
      message: `nock fixture: requests went to ${loopbackScopes.size} loopback origins; option fixtureOrigin can stand for one only`,
    });
  }
  return definitions.map((definition) => {
    const scope = String(definition.scope);
    const scrubbed: nock.Definition & { responseIsBinary?: boolean } = {
      ...definition,
      scope: options.fixtureOrigin !== undefined && isLoopbackOrigin(scope) ? options.fixtureOrigin : scope,
      path: scrubber.scrubPath(String(definition.path)),
    };
    if (definition.body !== undefined && definition.body !== '') {
      scrubbed.body = scrubber.scrubBody(definition.body) as nock.RequestBodyMatcher;
    }
    if (definition.reqheaders !== undefined)
      scrubbed.reqheaders = scrubRequestHeaders(definition.reqheaders, scrubber);
    const binary = (definition as { responseIsBinary?: boolean }).responseIsBinary === true;
    if (!binary && definition.response !== undefined) {
      scrubbed.response = scrubber.scrubBody(definition.response) as nock.ReplyBody;
    }
    if (definition.rawHeaders !== undefined) {
      scrubbed.rawHeaders = scrubResponseHeaders(
        definition.rawHeaders,
        scrubber,
        replayedLength(scrubbed.response, binary),
      );
    }
    return scrubbed;
  });
}

/** The recorded request, as the replay reports it when nothing matched. */
export interface RecordedRequest {
  /** `scheme://host[:port]` of the recorded scope. */
  origin: string | undefined;
  method: string;
  /** The scrubbed path as stored in the fixture. */
  path: string;
}

/**
 * Prepares a stored definition for replay: body, path and recorded request headers become matchers that
 * scrub what the client sends exactly as the recording was scrubbed, then compare. A secret in the request
 * therefore never has to be in the fixture for the replay to match it.
 */
export function prepareDefinitionForReplay(
  definition: nock.Definition,
  scrubber: FixtureScrubber,
): RecordedRequest {
  let origin: string | undefined;
  try {
    origin = new URL(String(definition.scope)).origin;
  } catch {
    origin = undefined;
  }
  const recorded: RecordedRequest = {
    origin,
    method: String(definition.method ?? 'GET').toUpperCase(),
    path: String(definition.path),
  };
  const recordedBody = definition.body;
  if (recordedBody !== undefined && recordedBody !== '') {
    definition.body = ((received: unknown) => scrubber.bodyMatches(received, recordedBody)) as never;
  }
  // nock calls a function path with the path and query the client sent.
  definition.path = ((received: string) => scrubber.scrubPath(received) === recorded.path) as never;
  if (definition.reqheaders !== undefined) {
    const matchers: Record<string, nock.RequestHeaderMatcher> = {};
    for (const [name, value] of Object.entries(definition.reqheaders)) {
      matchers[name] = (received: string) =>
        JSON.stringify(scrubber.scrubHeader(name, received)) === JSON.stringify(value);
    }
    definition.reqheaders = matchers;
  }
  return recorded;
}

/** True for `http(s)://127.x.x.x`, `localhost` and `[::1]` origins, with any port. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const { hostname } = new URL(origin);
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
  } catch {
    return false;
  }
}

function scrubRequestHeaders(
  headers: Record<string, nock.RequestHeaderMatcher>,
  scrubber: FixtureScrubber,
): Record<string, nock.RequestHeaderMatcher> {
  const result: Record<string, nock.RequestHeaderMatcher> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (connectionHeaders.has(name.toLowerCase()) || typeof value !== 'string') continue;
    const scrubbed = scrubber.scrubHeader(name, value);
    if (typeof scrubbed === 'string') result[name] = scrubbed;
  }
  return result;
}

/**
 * Scrubs response headers and makes the framing headers describe the body nock will actually send: the
 * scrubbed body, re-serialized (nock replays a JSON body with `JSON.stringify`).
 */
function scrubResponseHeaders(
  headers: Record<string, string | string[]> | readonly string[],
  scrubber: FixtureScrubber,
  contentLength: number | undefined,
): Record<string, string | string[]> {
  const entries: Array<[string, string | string[]]> = Array.isArray(headers)
    ? pairsOf(headers as readonly string[])
    : Object.entries(headers as Record<string, string | string[]>);
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    const scrubbed = scrubber.scrubHeader(name, value);
    if (scrubbed !== undefined) result[name] = typeof scrubbed === 'string' ? scrubbed : [...scrubbed];
  }
  if (contentLength !== undefined) result['content-length'] = String(contentLength);
  return result;
}

function pairsOf(flat: readonly string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let index = 0; index + 1 < flat.length; index += 2) pairs.push([flat[index]!, flat[index + 1]!]);
  return pairs;
}

/** Byte length of the body nock replays for a stored `response`. */
function replayedLength(response: unknown, binary: boolean): number | undefined {
  if (response === undefined || response === '') return 0;
  if (binary && typeof response === 'string') return response.length / 2;
  if (typeof response === 'string') return Buffer.byteLength(response);
  if (typeof response === 'object' && response !== null) return Buffer.byteLength(JSON.stringify(response));
  return undefined;
}
