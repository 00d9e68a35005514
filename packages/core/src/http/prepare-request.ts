import { ValidationError, type ValidationIssue } from '../errors/families.js';
import { hasHeader, headerProblem, mergeHeaders } from './header-rules.js';
import type { HttpMethod, HttpRequest, HttpSendOptions } from './http-types.js';
import type { ResolvedTransportOptions } from './resolve-transport-options.js';

/** A request checked and turned into what axios sends. */
export interface PreparedRequest {
  method: HttpMethod;
  url: string;
  /** `false` suppresses a header axios would otherwise add on its own. */
  headers: Record<string, string | false>;
  body?: Buffer;
  /** `METHOD /path` without the query: the only request text allowed in error messages. */
  subject: string;
}

const methods: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
// setTimeout cannot wait longer than this; a larger value would fire at once.
const maxTimeoutMs = 2_147_483_647;
// Characters that are never part of a request-target path, or that URL parsers rewrite: a fragment, a backslash
// (read as '/' by WHATWG parsers), whitespace and control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const forbiddenPathCharacters = /[\u0000-\u0020\u007f#\\]/;
const dotSegment = /^(?:\.|%2e){1,2}$/i;

/**
 * Checks a request before any I/O (DESIGN §8: absolute URLs from input refused) and builds the URL. Every
 * problem is reported at once in one `ValidationError`, naming the field but never echoing its value.
 */
export function prepareRequest(
  request: HttpRequest,
  sendOptions: HttpSendOptions,
  options: ResolvedTransportOptions,
): PreparedRequest {
  const issues: ValidationIssue[] = [];
  const issue = (path: string, code: string, message: string) => issues.push({ path, code, message });
  if (typeof request !== 'object' || request === null) {
    throw invalid(
      [{ path: '', code: 'invalid_type', message: 'request must be an object' }],
      'request',
      options,
    );
  }
  if (!methods.has(request.method)) {
    issue('method', 'invalid_value', 'method must be GET, POST, PUT, PATCH or DELETE');
  }
  const pathProblem = checkPath(request.path);
  if (pathProblem !== undefined) issue('path', 'invalid_format', pathProblem);
  checkSendOptions(sendOptions, issue);
  if (!isRecordOrAbsent(request.query)) issue('query', 'invalid_type', 'query must be an object of strings');
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (typeof value !== 'string') {
      issue(`query.${name}`, 'invalid_type', `query parameter ${name} must be a string`);
    }
  }
  if (!isRecordOrAbsent(request.headers))
    issue('headers', 'invalid_type', 'headers must be an object of strings');
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) issue(`headers.${name}`, 'invalid_value', problem);
  }
  const body = toBuffer(request.body);
  if (body === null) issue('body', 'invalid_type', 'body must be a string or a Uint8Array');
  else if (body !== undefined && body.length > options.maxRequestBytes) {
    issue('body', 'too_big', `body is ${body.length} bytes, over the limit of ${options.maxRequestBytes}`);
  }

  const method = methods.has(request.method) ? request.method : '(invalid method)';
  const subject = `${method} ${pathProblem === undefined ? withoutQuery(request.path) : '(invalid path)'}`;
  if (issues.length > 0) throw invalid(issues, subject, options);

  const url = buildUrl(request.path, request.query, options);
  if (url === undefined) {
    throw invalid(
      [{ path: 'path', code: 'invalid_format', message: 'path leaves the baseUrl' }],
      subject,
      options,
    );
  }
  return {
    method: request.method,
    url,
    headers: withTransportDefaults(mergeHeaders(options.defaultHeaders, request.headers)),
    ...(body === undefined || body === null ? {} : { body }),
    subject,
  };
}

function isRecordOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
}

function checkPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'path must be a string';
  if (/^[a-z][a-z\d+.-]*:/i.test(path)) return 'absolute URLs are refused: path must be relative to baseUrl';
  if (!path.startsWith('/')) return "path must start with '/'";
  if (path.startsWith('//')) return "path must not start with '//' (a host reference)";
  if (forbiddenPathCharacters.test(path)) return 'path contains whitespace, a control character, "#" or "\\"';
  if (
    withoutQuery(path)
      .split('/')
      .some((segment) => dotSegment.test(segment))
  ) {
    return "path must not contain '.' or '..' segments";
  }
  return undefined;
}

function checkSendOptions(
  sendOptions: HttpSendOptions,
  issue: (path: string, code: string, message: string) => void,
): void {
  if (typeof sendOptions !== 'object' || sendOptions === null) {
    issue('timeoutMs', 'invalid_type', 'send options with timeoutMs are required');
    return;
  }
  const { timeoutMs, signal } = sendOptions;
  if (
    typeof timeoutMs !== 'number' ||
    !Number.isFinite(timeoutMs) ||
    timeoutMs <= 0 ||
    timeoutMs > maxTimeoutMs
  ) {
    issue('timeoutMs', 'invalid_value', `timeoutMs must be a number of milliseconds in (0, ${maxTimeoutMs}]`);
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    issue('signal', 'invalid_type', 'signal must be an AbortSignal');
  }
}

/** `null` when the body has an unsupported type. A Uint8Array is viewed, not copied: it is sent as is. */
function toBuffer(body: unknown): Buffer | undefined | null {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  // axios would send a view's whole underlying ArrayBuffer; a Buffer over exactly the view's bytes avoids that.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return null;
}

function buildUrl(
  path: string,
  query: Record<string, string> | undefined,
  options: ResolvedTransportOptions,
): string | undefined {
  // RFC 3986 encoding (space as %20): unambiguous for every server, unlike form encoding's '+'.
  const pairs = Object.entries(query ?? {}).map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  const separator = path.includes('?') ? '&' : '?';
  const text = `${options.origin}${options.basePath}${path}${pairs.length > 0 ? separator + pairs.join('&') : ''}`;
  const url = new URL(text);
  // Defence in depth: whatever the path held, the request must stay on the configured origin and under its path.
  if (url.origin !== options.origin) return undefined;
  if (
    options.basePath !== '' &&
    url.pathname !== options.basePath &&
    !url.pathname.startsWith(`${options.basePath}/`)
  ) {
    return undefined;
  }
  return url.href;
}

// axios adds `Accept`, a form `Content-Type` on bodies without one, and gzip `Accept-Encoding`. The wire should
// carry what the caller asked for: decompression is off (a compressed body would defeat maxResponseBytes and the
// caller's signature checks on raw bytes), so ask for identity encoding.
function withTransportDefaults(headers: Record<string, string>): Record<string, string | false> {
  const result: Record<string, string | false> = { ...headers };
  if (!hasHeader(headers, 'accept')) result.Accept = false;
  if (!hasHeader(headers, 'content-type')) result['Content-Type'] = false;
  if (!hasHeader(headers, 'accept-encoding')) result['Accept-Encoding'] = 'identity';
  if (!hasHeader(headers, 'user-agent')) result['User-Agent'] = 'wirebridge';
  return result;
}

function withoutQuery(path: string): string {
  const queryStart = path.indexOf('?');
  return queryStart === -1 ? path : path.slice(0, queryStart);
}

function invalid(
  issues: ValidationIssue[],
  subject: string,
  options: ResolvedTransportOptions,
): ValidationError {
  const fields = [...new Set(issues.map((entry) => entry.path))].join(', ');
  return new ValidationError({
    message: `${subject}: invalid request (${fields})`,
    issues,
    ...(options.vendor === undefined ? {} : { vendor: options.vendor }),
  });
}
