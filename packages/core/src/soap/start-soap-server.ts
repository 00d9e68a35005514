import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type IServerOptions, listen } from 'soap';
import { ConfigError } from '../errors/families.js';
import { DEFAULT_MAX_BODY_BYTES } from '../http/http-transport-options.js';
import { guardSoapRequest, type RouteHandler, routeKey } from './soap-server-guard.js';
import { checkImport, createRefusingHttpClient } from './wsdl-loader.js';
import { findUnsafeXml, unsafeXmlText } from './xml-safety.js';

/**
 * One operation of a served WSDL. Called as `soap` calls it: with the parsed input element, a callback, the SOAP
 * headers, and the real request and response (so a simulator can delay, reset the socket, …). Return the output
 * element (or a promise of it); throw or reject with {@link soapServiceFault} to answer with a Fault.
 */
export type SoapServiceHandler = (
  args: Record<string, unknown>,
  callback: (error: unknown, result?: unknown) => void,
  headers: unknown,
  request: IncomingMessage,
  response: ServerResponse,
) => unknown;

/** Handlers by service name, port name and operation name, as in the WSDL. */
export type SoapServices = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, SoapServiceHandler>>>>>
>;

/** One WSDL served at one path. */
export interface SoapServerEndpoint {
  /** Path the WSDL's services answer on, e.g. `/Store_Service`. @default '/' */
  path?: string;
  /** The WSDL as XML text. Give exactly one of `wsdl` and `wsdlPath`. */
  wsdl?: string;
  /** Path of the WSDL on local disk (its imports must be local files). Give exactly one of `wsdl` and `wsdlPath`. */
  wsdlPath?: string;
  /** The operations' handlers. */
  services: SoapServices;
}

/** What {@link SoapServerOptions.intercept} sees of a request that passed the XML checks. */
export interface SoapServerExchange {
  request: IncomingMessage;
  response: ServerResponse;
  /** The request path, without query. */
  path: string;
  /** The request envelope as text. */
  body: string;
}

/** Server-side TLS of {@link startSoapServer}. */
export interface SoapServerTlsOptions {
  /** Server private key (PEM). */
  key: string | Buffer;
  /** Server certificate chain (PEM). */
  cert: string | Buffer;
  /** CAs trusted for client certificates (PEM). @default Node's bundled roots */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Require a client certificate signed by `ca` (mTLS); connections without one are refused. @default false */
  requestClientCertificate?: boolean;
}

/** Options of {@link startSoapServer}: the first endpoint, plus what the whole server shares. */
export interface SoapServerOptions extends SoapServerEndpoint {
  /** Serve over TLS (and mTLS with `requestClientCertificate`), TLS ≥ 1.2. @default plain HTTP */
  tls?: SoapServerTlsOptions;
  /** Largest request body read, in bytes; a larger one gets HTTP 413 and is never parsed. @default 1_048_576 */
  maxRequestBytes?: number;
  /** Port on 127.0.0.1. @default 0 (an ephemeral port) */
  port?: number;
  /**
   * Called for every request that passed the XML checks, before `soap` sees it: a simulator's fault injection
   * (a delay, a reset, a malformed reply). Return `true` when it answered (or destroyed the socket) itself.
   * @default none
   */
  intercept?: (exchange: SoapServerExchange) => boolean | Promise<boolean>;
}

/** A running loopback SOAP server. */
export interface SoapServer {
  /** URL of the first endpoint, e.g. `http://127.0.0.1:51234/Store_Service`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` (or `https://`). */
  readonly origin: string;
  readonly port: number;
  /** Serves another WSDL at another path on the same server; resolves with its URL. */
  mount(endpoint: SoapServerEndpoint): Promise<string>;
  /**
   * Connections accepted and, over TLS, handshakes completed since the server started: what a simulator needs to
   * prove a client keeps one TLS session alive across calls instead of shaking hands per call.
   */
  connectionStats(): { connections: number; tlsHandshakes: number };
  /** Stops listening and destroys every open connection; nothing stays open. */
  close(): Promise<void>;
}

/**
 * Starts a SOAP server on 127.0.0.1 with `soap.listen`, for simulators and tests (DESIGN §9). Every POST body is
 * read with a size cap and checked BEFORE `soap` parses it: a DOCTYPE/ENTITY declaration or a reserved object key
 * gets a 400 SOAP Fault (`soapenv:Client`) and is never parsed (DESIGN §8).
 *
 * @throws ConfigError when an option is invalid or the WSDL cannot be loaded; the server is then closed.
 */
export async function startSoapServer(options: SoapServerOptions): Promise<SoapServer> {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError({ message: 'options must be an object' });
  }
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxRequestBytes) || maxRequestBytes <= 0) {
    throw new ConfigError({ message: 'maxRequestBytes must be a positive integer' });
  }
  const requestedPort = options.port ?? 0;
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65_535) {
    throw new ConfigError({ message: 'port must be 0–65535' });
  }
  if (options.intercept !== undefined && typeof options.intercept !== 'function') {
    throw new ConfigError({ message: 'intercept must be a function' });
  }
  // soap registers each endpoint on this Express-style router (its documented integration: the body is handed
  // over as `request.body`), so every request passes our checks first.
  const routes = new Map<string, RouteHandler>();
  const server = createServer(options.tls);
  const stats = { connections: 0, tlsHandshakes: 0 };
  server.on('connection', () => {
    stats.connections += 1;
  });
  server.on('secureConnection', () => {
    stats.tlsHandshakes += 1;
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    guardSoapRequest(request, response, { routes, maxRequestBytes, intercept: options.intercept }).catch(
      () => {
        // A failing interceptor must not take the server down; the client sees the connection end.
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (cause: unknown) =>
      reject(new ConfigError({ message: `cannot listen on 127.0.0.1:${requestedPort}`, cause }));
    server.once('error', onError);
    server.listen(requestedPort, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const router = {
    route: (routePath: string) => ({ all: (handler: RouteHandler) => routes.set(routePath, handler) }),
    use: () => undefined,
    address: () => ({ address: '127.0.0.1', port, family: 'IPv4' }),
  };
  const mount = async (endpoint: SoapServerEndpoint): Promise<string> => {
    const routePath = await mountEndpoint(endpoint, router, routes);
    return `${origin}${routePath}`;
  };
  let url: string;
  try {
    url = await mount(options);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, origin, port, mount, close, connectionStats: () => ({ ...stats }) };
}

function createServer(tls: SoapServerTlsOptions | undefined): http.Server {
  if (tls === undefined) return http.createServer();
  if (typeof tls !== 'object' || tls === null || tls.key === undefined || tls.cert === undefined) {
    throw new ConfigError({ message: 'tls needs key and cert' });
  }
  const requireClient = tls.requestClientCertificate === true;
  try {
    return https.createServer({
      key: tls.key,
      cert: tls.cert,
      ...(tls.ca === undefined ? {} : { ca: tls.ca as string[] }),
      minVersion: 'TLSv1.2',
      requestCert: requireClient,
      rejectUnauthorized: requireClient,
    });
  } catch (cause) {
    throw new ConfigError({ message: 'tls.key/tls.cert could not be used', cause });
  }
}

async function mountEndpoint(
  endpoint: SoapServerEndpoint,
  router: object,
  routes: Map<string, RouteHandler>,
): Promise<string> {
  if (typeof endpoint !== 'object' || endpoint === null) {
    throw new ConfigError({ message: 'endpoint must be an object' });
  }
  const routePath = endpoint.path ?? '/';
  if (typeof routePath !== 'string' || !routePath.startsWith('/') || /[\s?#]/.test(routePath)) {
    throw new ConfigError({ message: "path must start with '/' and hold no whitespace, '?' or '#'" });
  }
  if (routes.has(routeKey(routePath)))
    throw new ConfigError({ message: `path ${routePath} is already served` });
  if (typeof endpoint.services !== 'object' || endpoint.services === null) {
    throw new ConfigError({ message: 'services must be an object of handlers' });
  }
  const { xml, uri } = await wsdlText(endpoint);
  const listenOptions: IServerOptions & { httpClient: unknown } = {
    path: routePath,
    services: endpoint.services as IServerOptions['services'],
    xml,
    ...(uri === undefined ? {} : { uri }),
    escapeXML: true,
    // Internal error text (stack traces) never goes back over the wire.
    suppressStack: true,
    httpClient: createRefusingHttpClient({}),
    wsdl_options: { overrideImportLocation: (location: string) => checkImport(location, {}) },
  };
  await new Promise<void>((resolve, reject) => {
    listenOptions.callback = (error: unknown) => {
      if (error) {
        routes.delete(routeKey(routePath));
        reject(
          error instanceof ConfigError
            ? error
            : new ConfigError({ message: `the WSDL for ${routePath} could not be parsed`, cause: error }),
        );
      } else {
        resolve();
      }
    };
    try {
      listen(router as Parameters<typeof listen>[0], listenOptions);
    } catch (cause) {
      reject(new ConfigError({ message: `the WSDL for ${routePath} could not be parsed`, cause }));
    }
  });
  return routePath;
}

async function wsdlText(endpoint: SoapServerEndpoint): Promise<{ xml: string; uri?: string }> {
  if ((endpoint.wsdl === undefined) === (endpoint.wsdlPath === undefined)) {
    throw new ConfigError({ message: 'give exactly one of wsdl and wsdlPath' });
  }
  let xml: string;
  let uri: string | undefined;
  if (endpoint.wsdlPath !== undefined) {
    if (typeof endpoint.wsdlPath !== 'string')
      throw new ConfigError({ message: 'wsdlPath must be a file path' });
    uri = path.resolve(endpoint.wsdlPath);
    try {
      xml = await readFile(uri, 'utf8');
    } catch (cause) {
      throw new ConfigError({ message: `wsdlPath ${uri} could not be read`, cause });
    }
  } else {
    if (typeof endpoint.wsdl !== 'string') throw new ConfigError({ message: 'wsdl must be XML text' });
    xml = endpoint.wsdl;
  }
  const unsafe = findUnsafeXml(xml);
  if (unsafe !== undefined)
    throw new ConfigError({ message: `the WSDL is refused: ${unsafeXmlText[unsafe]}` });
  return uri === undefined ? { xml } : { xml, uri };
}
