import type { HttpResponse, HttpTransport } from '../http/http-types.js';
import { DEFAULT_TIMEOUT_MS } from '../resilience/deadline.js';
import {
  decodeJsonRpcResponse,
  type EncodedJsonRpcRequest,
  encodeJsonRpcRequest,
  type JsonRpcCall,
  type JsonRpcParams,
  type JsonRpcResponse,
  resultOrThrow,
} from './json-rpc-codec.js';

/** Options of {@link createJsonRpcClient}. */
export interface JsonRpcClientOptions {
  /** Core's HTTP transport (hardened, one keep-alive agent). The client never opens its own sockets. */
  http: Pick<HttpTransport, 'send'>;
  /** Endpoint path, relative to the transport's base URL. @default '/' */
  path?: string;
  /** Headers on every request. @default `content-type: application/json; charset=utf-8`, `accept: application/json` */
  headers?: Record<string, string>;
  /**
   * Signs the exact request bytes and returns headers to add (a signature, a key id). It sees what is sent,
   * byte for byte, because the body is never re-serialized afterwards.
   */
  sign?: (body: string) => Record<string, string> | Promise<Record<string, string>>;
  /** Verifies the raw response before it is parsed; throw a `SignatureError` to reject it. */
  verify?: (response: HttpResponse) => void | Promise<void>;
  /** Vendor name copied onto errors. */
  vendor?: string;
}

/** Per-call options of the JSON-RPC client. */
export interface JsonRpcCallOptions {
  signal?: AbortSignal;
  /** @default 3_000 */
  timeoutMs?: number;
  /** Request id to use instead of a fresh UUID (e.g. to resend identical bytes). */
  id?: string;
}

/** A JSON-RPC 2.0 client over core's HTTP transport. */
export interface JsonRpcClient {
  /** Calls one method with named or positional params; an error object rejects with `JsonRpcError`. */
  request(method: string, params: JsonRpcParams, options?: JsonRpcCallOptions): Promise<unknown>;
  /** Sends several calls in one request; answers in call order, each a result or an error object. */
  batch(calls: readonly JsonRpcCall[], options?: Omit<JsonRpcCallOptions, 'id'>): Promise<JsonRpcResponse[]>;
  /** Sends an already encoded request (what a pipeline stage signed) and returns the validated responses. */
  send(request: EncodedJsonRpcRequest, options?: Omit<JsonRpcCallOptions, 'id'>): Promise<JsonRpcResponse[]>;
}

const defaultHeaders = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };

/**
 * Creates a JSON-RPC client. Transport failures keep the HTTP transport's classification (DESIGN §3), so
 * a lost reply stays an `OutcomeUnknownError` that the pipeline resolves.
 */
export function createJsonRpcClient(options: JsonRpcClientOptions): JsonRpcClient {
  const context = options.vendor === undefined ? {} : { vendor: options.vendor };

  const send: JsonRpcClient['send'] = async (request, callOptions = {}) => {
    const signatureHeaders = (await options.sign?.(request.body)) ?? {};
    const response = await options.http.send(
      {
        method: 'POST',
        path: options.path ?? '/',
        headers: { ...defaultHeaders, ...options.headers, ...signatureHeaders },
        body: request.body,
      },
      {
        timeoutMs: callOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
      },
    );
    await options.verify?.(response);
    return decodeJsonRpcResponse(response.body, request);
  };

  return {
    send,
    async request(method, params, callOptions = {}) {
      const encoded = encodeJsonRpcRequest({
        method,
        params,
        ...(callOptions.id ? { id: callOptions.id } : {}),
      });
      const [response] = await send(encoded, callOptions);
      return resultOrThrow(response!, context);
    },
    batch: (calls, callOptions) => send(encodeJsonRpcRequest(calls), callOptions),
  };
}
