import { ConfigError } from '../errors/families.js';
import { headerProblem, mergeHeaders } from './header-rules.js';
import {
  DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_SOCKETS,
  defaultIsUnknownOutcomeStatus,
  type HttpProxyOptions,
  type HttpTransportOptions,
} from './http-transport-options.js';
import { buildTlsSettings, type TlsSettings } from './tls-settings.js';

/** {@link HttpTransportOptions} checked and with every default applied. */
export interface ResolvedTransportOptions {
  /** `https://host:port` of `baseUrl`. */
  origin: string;
  /** `baseUrl`'s path without a trailing `/` (`''` for the root). */
  basePath: string;
  secure: boolean;
  vendor?: string;
  defaultHeaders: Record<string, string>;
  tls?: TlsSettings;
  proxy: HttpProxyOptions | false;
  maxResponseBytes: number;
  maxRequestBytes: number;
  keepAlive: boolean;
  maxSockets: number;
  idleSocketTimeoutMs: number;
  isUnknownOutcomeStatus: (status: number) => boolean;
}

/** Checks every option at construction (DESIGN §8: config errors are explicit and never echo secrets). */
export function resolveTransportOptions(options: HttpTransportOptions): ResolvedTransportOptions {
  if (typeof options !== 'object' || options === null)
    throw configError('options must be an object', undefined);
  const vendor = typeof options.vendor === 'string' ? options.vendor : undefined;
  const fail = (message: string): never => {
    throw configError(message, vendor);
  };
  if (options.vendor !== undefined && vendor === undefined) fail('vendor must be a string');

  const base = parseBaseUrl(options.baseUrl, fail);
  const secure = base.protocol === 'https:';
  if (options.tls !== undefined && !secure) fail('tls options need an https baseUrl');

  for (const [name, value] of Object.entries(options.defaultHeaders ?? {})) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) fail(`defaultHeaders: ${problem}`);
  }
  if (options.isUnknownOutcomeStatus !== undefined && typeof options.isUnknownOutcomeStatus !== 'function') {
    fail('isUnknownOutcomeStatus must be a function');
  }
  if (options.keepAlive !== undefined && typeof options.keepAlive !== 'boolean')
    fail('keepAlive must be a boolean');

  const tls = secure ? buildTlsSettings(options.tls ?? {}, vendor) : undefined;
  return {
    origin: base.origin,
    basePath: base.pathname.replace(/\/+$/, ''),
    secure,
    ...(vendor === undefined ? {} : { vendor }),
    defaultHeaders: mergeHeaders(options.defaultHeaders),
    ...(tls === undefined ? {} : { tls }),
    proxy: resolveProxy(options.proxy, fail),
    maxResponseBytes: positiveInteger(
      options.maxResponseBytes,
      DEFAULT_MAX_BODY_BYTES,
      'maxResponseBytes',
      fail,
    ),
    maxRequestBytes: positiveInteger(
      options.maxRequestBytes,
      DEFAULT_MAX_BODY_BYTES,
      'maxRequestBytes',
      fail,
    ),
    keepAlive: options.keepAlive ?? true,
    maxSockets: positiveInteger(options.maxSockets, DEFAULT_MAX_SOCKETS, 'maxSockets', fail),
    idleSocketTimeoutMs: positiveInteger(
      options.idleSocketTimeoutMs,
      DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
      'idleSocketTimeoutMs',
      fail,
    ),
    isUnknownOutcomeStatus: options.isUnknownOutcomeStatus ?? defaultIsUnknownOutcomeStatus,
  };
}

function parseBaseUrl(baseUrl: unknown, fail: (message: string) => never): URL {
  if (typeof baseUrl !== 'string') return fail('baseUrl must be an absolute http or https URL');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail('baseUrl must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('baseUrl must use http or https');
  // Credentials in a URL end up in logs and error reports; vendors' secrets belong in headers or TLS options.
  if (url.username !== '' || url.password !== '') fail('baseUrl must not contain credentials');
  if (url.search !== '' || url.hash !== '') fail('baseUrl must not contain a query or a fragment');
  return url;
}

function resolveProxy(proxy: HttpTransportOptions['proxy'], fail: (message: string) => never) {
  if (proxy === undefined || proxy === false) return false;
  if (typeof proxy !== 'object' || proxy === null) return fail('proxy must be false or a proxy object');
  if (proxy.protocol !== 'http') fail("proxy.protocol must be 'http'");
  if (typeof proxy.host !== 'string' || proxy.host === '') fail('proxy.host must be a non-empty string');
  if (!Number.isInteger(proxy.port) || proxy.port < 1 || proxy.port > 65_535)
    fail('proxy.port must be 1–65535');
  if (
    proxy.auth !== undefined &&
    (typeof proxy.auth?.username !== 'string' || typeof proxy.auth?.password !== 'string')
  ) {
    fail('proxy.auth needs a string username and password');
  }
  return proxy;
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

function configError(message: string, vendor: string | undefined): ConfigError {
  return new ConfigError({ message, ...(vendor === undefined ? {} : { vendor }) });
}
