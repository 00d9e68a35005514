import type { Socket } from 'node:net';
import { Client, type IHttpClient, type IOptions, type WSDL } from 'soap';
import { AbortedError, ConfigError, SoapFaultError, TransportError } from '../errors/families.js';
import { createHardenedAgent, createHardenedAxios } from '../http/hardened-client.js';
import { checkCallArguments } from './check-call-arguments.js';
import { indexOperations, type LoadedClient } from './index-wsdl-operations.js';
import {
  endpointProblem,
  type ResolvedClientOptions,
  resolveClientOptions,
  resolveFactoryOptions,
} from './resolve-soap-options.js';
import { sendSoapCall } from './send-soap-call.js';
import { HardenedSoapHttpClient } from './soap-http-client.js';
import type {
  SoapArgs,
  SoapCallOptions,
  SoapCallResult,
  SoapClient,
  SoapClientFactory,
  SoapClientFactoryOptions,
  SoapClientOptions,
  SoapReply,
} from './soap-types.js';
import { loadLocalWsdl } from './wsdl-loader.js';

/**
 * Creates a factory of SOAP clients built on the `soap` package (DESIGN §1 `soap/`, §8), for document/literal
 * services such as the ones described in specs/western-union.md §3:
 * - WSDLs come from local files only, are parsed once per path and cached; no remote import is ever fetched;
 * - every client of the factory sends through ONE long-lived keep-alive agent (mTLS included) and the HTTP
 *   transport's hardened axios settings: no redirects, no proxy from the environment, size limits, TLS ≥ 1.2
 *   (never `soap`'s `ClientSSLSecurity`, which builds a new agent, hence a new handshake, per call);
 * - `escapeXML` is on; an empty `SOAPAction` is supported; DTDs in replies are refused before `soap` parses them;
 * - every failure is a Wirebridge error classified by whether the request can have been written (DESIGN §3,
 *   docs/decisions/0005), and a SOAP Fault is a definitive answer ({@link SoapReply}, `SoapFaultError`).
 *
 * @throws ConfigError when an option is invalid (bad `tls` material, a non-positive limit, …).
 */
export function createSoapClientFactory(options?: SoapClientFactoryOptions): SoapClientFactory {
  const resolved = resolveFactoryOptions(options);
  const vendor = resolved.vendor === undefined ? {} : { vendor: resolved.vendor };
  const pool = {
    keepAlive: resolved.keepAlive,
    maxSockets: resolved.maxSockets,
    idleSocketTimeoutMs: resolved.idleSocketTimeoutMs,
  };
  // One agent per scheme; the https one carries the factory's (m)TLS settings. No socket exists until a call.
  const httpAgent = createHardenedAgent({ ...pool, secure: false });
  const httpsAgent = createHardenedAgent({ ...pool, secure: true, tls: resolved.tls });
  const axios = createHardenedAxios({
    proxy: false,
    maxResponseBytes: resolved.maxResponseBytes,
    maxRequestBytes: resolved.maxRequestBytes,
    httpAgent,
    httpsAgent,
  });
  const openSockets = new Set<Socket>();
  let closed = false;
  const httpClient = new HardenedSoapHttpClient({
    axios,
    ...vendor,
    maxRequestBytes: resolved.maxRequestBytes,
    maxResponseBytes: resolved.maxResponseBytes,
    trackSocket(socket) {
      if (openSockets.has(socket)) return;
      openSockets.add(socket);
      socket.once('close', () => openSockets.delete(socket));
    },
    urlProblem: (url) => endpointProblem(url, resolved),
    isClosed: () => closed,
  });
  // soap types its extension point with an axios promise return that it never reads.
  const soapHttpClient = httpClient as unknown as IHttpClient;
  const wsdls = new Map<string, Promise<WSDL>>();
  const clients = new Map<string, Promise<LoadedClient>>();

  const loadWsdl = (wsdlPath: string): Promise<WSDL> => {
    let loading = wsdls.get(wsdlPath);
    if (loading === undefined) {
      loading = loadLocalWsdl(wsdlPath, { ...vendor, httpClient: soapHttpClient });
      wsdls.set(wsdlPath, loading);
      // A failed load is not cached: the file may be fixed (or deployed) and the next call retries.
      loading.catch(() => wsdls.delete(wsdlPath));
    }
    return loading;
  };

  const loadClient = (client: ResolvedClientOptions): Promise<LoadedClient> => {
    const key = `${client.wsdlPath}\n${client.endpoint ?? ''}`;
    let loading = clients.get(key);
    if (loading === undefined) {
      loading = loadWsdl(client.wsdlPath).then((wsdl) => {
        try {
          const soapClient = new Client(wsdl, client.endpoint, {
            httpClient: soapHttpClient,
            // Unused while httpClient is set; a fallback so that any soap code path building its own HttpClient
            // still sends through the hardened instance. (soap resolves axios's CJS typings, we the ESM ones.)
            request: axios as unknown as IOptions['request'],
          });
          return indexOperations(soapClient, client, resolved);
        } catch (cause) {
          if (cause instanceof ConfigError) throw cause;
          throw new ConfigError({
            message: `${client.wsdlPath} describes no usable service`,
            ...vendor,
            cause,
          });
        }
      });
      clients.set(key, loading);
      loading.catch(() => clients.delete(key));
    }
    return loading;
  };

  const invoke = async (
    client: ResolvedClientOptions,
    operation: string,
    args: SoapArgs,
    callOptions: SoapCallOptions | undefined,
  ): Promise<SoapReply> => {
    const { timeoutMs, signal } = checkCallArguments(operation, args, callOptions, resolved);
    if (closed) throw closedError(operation, vendor);
    if (signal?.aborted) throw abortedError(operation, signal, vendor);
    const loaded = await loadClient(client);
    const entry = loaded.methods.get(operation);
    if (entry === undefined) {
      throw new ConfigError({ message: `operation ${operation} is not in ${client.wsdlPath}`, ...vendor });
    }
    // The WSDL load may have taken a while: re-check before anything is sent.
    if (signal?.aborted) throw abortedError(operation, signal, vendor);
    return sendSoapCall(loaded, entry, {
      operation,
      args,
      timeoutMs,
      signal,
      headers: client.headers,
      httpClient,
      vendor,
    });
  };

  return {
    client(clientOptions: SoapClientOptions): SoapClient {
      const client = resolveClientOptions(clientOptions, resolved);
      const soapClient: SoapClient = {
        wsdlPath: client.wsdlPath,
        async ready() {
          await loadClient(client);
        },
        invoke: (operation, args, callOptions) => invoke(client, operation, args, callOptions),
        async call(operation, args, callOptions) {
          const reply = await invoke(client, operation, args, callOptions);
          if (reply.kind === 'fault') {
            throw new SoapFaultError({
              message: `${operation}: the service answered with a SOAP Fault (${reply.fault.faultCode})`,
              ...vendor,
              operation,
              retryable: false,
              faultCode: reply.fault.faultCode,
              faultString: reply.fault.faultString,
              details: { status: reply.status },
            });
          }
          const result: SoapCallResult = {
            result: reply.result,
            rawRequest: reply.rawRequest,
            rawResponse: reply.rawResponse,
            status: reply.status,
          };
          return result;
        },
      };
      return soapClient;
    },

    async close(): Promise<void> {
      closed = true;
      httpAgent.destroy();
      httpsAgent.destroy();
      for (const socket of openSockets) socket.destroy();
      openSockets.clear();
    },
  };
}

function closedError(subject: string, vendor: { vendor?: string }): TransportError {
  return new TransportError({
    message: `${subject}: the SOAP client factory is closed; nothing was sent`,
    ...vendor,
    retryable: false,
    details: { reason: 'closed' },
  });
}

function abortedError(subject: string, signal: AbortSignal, vendor: { vendor?: string }): AbortedError {
  return new AbortedError({
    message: `${subject}: aborted by the caller before sending; nothing was sent`,
    ...vendor,
    cause: signal.reason,
  });
}
