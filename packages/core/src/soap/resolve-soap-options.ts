import path from 'node:path';
import { ConfigError } from '../errors/families.js';
import { headerProblem } from '../http/header-rules.js';
import {
  DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SOCKETS,
} from '../http/http-transport-options.js';
import { buildTlsSettings, type TlsSettings } from '../http/tls-settings.js';
import { DEFAULT_TIMEOUT_MS } from '../resilience/deadline.js';
import type { SoapClientFactoryOptions, SoapClientOptions } from './soap-types.js';

/** Default `maxResponseBytes` of a SOAP factory: 5 MiB. */
export const DEFAULT_SOAP_MAX_RESPONSE_BYTES = 5_242_880;

// setTimeout cannot wait longer than this; a larger value would fire at once.
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** {@link SoapClientFactoryOptions} checked, with every default applied. */
export interface ResolvedFactoryOptions {
  vendor?: string;
  /** Built once: the secure context of the factory's https agent. */
  tls: TlsSettings;
  /** Whether the caller configured TLS (then every endpoint must be https). */
  tlsConfigured: boolean;
  maxResponseBytes: number;
  maxRequestBytes: number;
  keepAlive: boolean;
  maxSockets: number;
  idleSocketTimeoutMs: number;
  defaultTimeoutMs: number;
}

/** {@link SoapClientOptions} checked. */
export interface ResolvedClientOptions {
  /** Absolute path of the WSDL. */
  wsdlPath: string;
  endpoint?: string;
  /** Headers added to every request, the `SOAPAction` override included. */
  headers: Record<string, string>;
}

/** Checks the factory options before anything is built (DESIGN §8: explicit config errors, no secret echoed). */
export function resolveFactoryOptions(options: SoapClientFactoryOptions | undefined): ResolvedFactoryOptions {
  const given = options ?? {};
  if (typeof given !== 'object' || given === null)
    throw new ConfigError({ message: 'options must be an object' });
  const vendor = typeof given.vendor === 'string' ? given.vendor : undefined;
  const fail = (message: string): never => {
    throw new ConfigError({ message, ...(vendor === undefined ? {} : { vendor }) });
  };
  if (given.vendor !== undefined && (vendor === undefined || vendor === ''))
    fail('vendor must be a non-empty string');
  if (given.keepAlive !== undefined && typeof given.keepAlive !== 'boolean')
    fail('keepAlive must be a boolean');
  if (given.tls !== undefined && (typeof given.tls !== 'object' || given.tls === null))
    fail('tls must be an object');
  const defaultTimeoutMs = positiveInteger(
    given.defaultTimeoutMs,
    DEFAULT_TIMEOUT_MS,
    'defaultTimeoutMs',
    fail,
  );
  if (defaultTimeoutMs > MAX_TIMEOUT_MS) fail(`defaultTimeoutMs must be at most ${MAX_TIMEOUT_MS}`);
  return {
    ...(vendor === undefined ? {} : { vendor }),
    // Built (and checked) once, even without options: the https agent always enforces TLS ≥ 1.2.
    tls: buildTlsSettings(given.tls ?? {}, vendor),
    tlsConfigured: given.tls !== undefined,
    maxResponseBytes: positiveInteger(
      given.maxResponseBytes,
      DEFAULT_SOAP_MAX_RESPONSE_BYTES,
      'maxResponseBytes',
      fail,
    ),
    maxRequestBytes: positiveInteger(given.maxRequestBytes, DEFAULT_MAX_BODY_BYTES, 'maxRequestBytes', fail),
    keepAlive: given.keepAlive ?? true,
    maxSockets: positiveInteger(given.maxSockets, DEFAULT_MAX_SOCKETS, 'maxSockets', fail),
    idleSocketTimeoutMs: positiveInteger(
      given.idleSocketTimeoutMs,
      DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
      'idleSocketTimeoutMs',
      fail,
    ),
    defaultTimeoutMs,
  };
}

/** Checks one client's options before any I/O. */
export function resolveClientOptions(
  options: SoapClientOptions,
  factory: ResolvedFactoryOptions,
): ResolvedClientOptions {
  const fail = (message: string): never => {
    throw new ConfigError({ message, ...(factory.vendor === undefined ? {} : { vendor: factory.vendor }) });
  };
  if (typeof options !== 'object' || options === null) return fail('client options must be an object');
  const { wsdlPath, endpoint, soapAction } = options;
  if (typeof wsdlPath !== 'string' || wsdlPath.trim() === '') fail('wsdlPath must be a non-empty file path');
  // Local files only (specs/western-union.md §3: "from local files, no remote imports").
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(wsdlPath)) fail('wsdlPath must be a local file path, not a URL');
  if (endpoint !== undefined) {
    const problem = endpointProblem(endpoint, factory);
    if (problem !== undefined) fail(`endpoint ${problem}`);
  }
  if (options.headers !== undefined && (typeof options.headers !== 'object' || options.headers === null)) {
    fail('headers must be an object of strings');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) fail(`headers: ${problem}`);
    if (name.toLowerCase() === 'soapaction') fail('headers: set the SOAPAction with the soapAction option');
    headers[name] = value;
  }
  if (soapAction !== undefined) {
    // Sent quoted (SOAP 1.1 §6.1.1); a quote or a control character would break out of the header value.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
    if (typeof soapAction !== 'string' || /["\\\u0000-\u001f\u007f]/.test(soapAction)) {
      fail('soapAction must be a string without quotes, backslashes or control characters');
    }
    headers.SOAPAction = `"${soapAction}"`;
  }
  return {
    wsdlPath: path.resolve(wsdlPath),
    ...(endpoint === undefined ? {} : { endpoint }),
    headers,
  };
}

/**
 * Why `endpoint` cannot be used, or `undefined`. Also applied to the `soap:address` of a WSDL when no endpoint is
 * given, and to every URL the factory is asked to send to.
 */
export function endpointProblem(endpoint: unknown, factory: ResolvedFactoryOptions): string | undefined {
  if (typeof endpoint !== 'string') return 'must be an absolute http or https URL';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  // Credentials in a URL end up in logs and error reports; they belong in headers or TLS options.
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (url.hash !== '') return 'must not contain a fragment';
  if (factory.tlsConfigured && url.protocol !== 'https:') return 'must be https when tls options are given';
  return undefined;
}

function positiveInteger(
  value: number | undefined,
  fallback: number,
  name: string,
  fail: (message: string) => never,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) fail(`${name} must be a positive integer`);
  return value;
}
