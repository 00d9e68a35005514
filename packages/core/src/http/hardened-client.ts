import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import type { HttpProxyOptions } from './http-transport-options.js';
import type { TlsSettings } from './tls-settings.js';

/** What the connection pool of a transport needs (a subset of the resolved transport options). */
export interface AgentSettings {
  /** `https` agent (with `tls`) when true, plain `http` otherwise. */
  secure: boolean;
  keepAlive: boolean;
  maxSockets: number;
  /** Idle pooled sockets are closed after this many milliseconds. */
  idleSocketTimeoutMs: number;
  /** The secure context built once by `buildTlsSettings`; only read when `secure`. */
  tls?: TlsSettings;
}

/** What the hardened axios instance needs besides its agents. */
export interface AxiosClientSettings {
  proxy: HttpProxyOptions | false;
  /** Largest response body read, in bytes (`maxContentLength`). */
  maxResponseBytes: number;
  /** Largest request body sent, in bytes (`maxBodyLength`). */
  maxRequestBytes: number;
  /** Agent for `http:` URLs. @default none (axios would fall back to Node's global agent) */
  httpAgent?: http.Agent;
  /** Agent for `https:` URLs. @default none (axios would fall back to Node's global agent) */
  httpsAgent?: http.Agent;
}

/**
 * The one long-lived connection pool of a transport (DESIGN §8): keep-alive, bounded, and for `https` one secure
 * context (PEM/PKCS#12 parsed once, TLS ≥ 1.2) shared by every connection. Shared by the HTTP and SOAP transports.
 */
export function createHardenedAgent(settings: AgentSettings): http.Agent {
  const poolOptions = {
    keepAlive: settings.keepAlive,
    maxSockets: settings.maxSockets,
    // Agent `timeout` closes sockets idle in the pool; in-flight requests are bounded by the attempt deadline.
    timeout: settings.idleSocketTimeoutMs,
  };
  if (!settings.secure) return new http.Agent(poolOptions);
  const tls = settings.tls;
  return new https.Agent({
    ...poolOptions,
    // One secure context for every connection: PEM/PKCS#12 parsed once, not per handshake.
    ...(tls === undefined
      ? {}
      : { secureContext: tls.secureContext, rejectUnauthorized: tls.rejectUnauthorized }),
    ...(tls?.servername === undefined ? {} : { servername: tls.servername }),
  });
}

/**
 * An axios instance with the hardening of DESIGN §8: no redirects, no proxy from the environment, size limits both
 * ways, raw bytes in and out (no JSON transforms, no decompression), every status returned as a response. Callers
 * bound each request with an `AbortSignal` and classify failures themselves. Shared by the HTTP and SOAP transports.
 */
export function createHardenedAxios(settings: AxiosClientSettings): AxiosInstance {
  const proxy = settings.proxy;
  return axios.create({
    adapter: 'http',
    // Never pick a proxy up from HTTP_PROXY/HTTPS_PROXY implicitly (DESIGN §8).
    proxy:
      proxy === false
        ? false
        : {
            protocol: proxy.protocol,
            host: proxy.host,
            port: proxy.port,
            ...(proxy.auth === undefined ? {} : { auth: { ...proxy.auth } }),
          },
    ...(settings.httpAgent === undefined ? {} : { httpAgent: settings.httpAgent }),
    ...(settings.httpsAgent === undefined ? {} : { httpsAgent: settings.httpsAgent }),
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: 'arraybuffer',
    // Off: raw bytes are what callers verify signatures on, and maxResponseBytes must bound wire bytes
    // (a compressed body could expand past any limit).
    decompress: false,
    maxContentLength: settings.maxResponseBytes,
    maxBodyLength: settings.maxRequestBytes,
    // The attempt deadline (an AbortSignal) bounds the whole exchange, connect included.
    timeout: 0,
    // Exact bytes both ways: no JSON serialisation of requests, no parsing of responses.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    insecureHTTPParser: false,
  });
}
