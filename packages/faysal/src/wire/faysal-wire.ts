import { randomUUID } from 'node:crypto';
import type { CodesTable, HttpTransport } from '@wirebridge/core';
import { type HttpResponse, ProtocolError, SignatureError } from '@wirebridge/core';
import {
  createJsonRpcClient,
  type EncodedJsonRpcRequest,
  encodeJsonRpcRequest,
  type JsonRpcClient,
  type JsonRpcResponse,
} from '@wirebridge/core/json-rpc';
import { karachiDate, karachiTime } from '../domain/karachi-time.js';
import { rrnFor, type StanSource } from '../domain/rrn.js';
import type { FaysalInfo, FaysalOperation } from '../faysal-types.js';
import type { FaysalCodec, FaysalDecodedResult } from './faysal-codec.js';
import type { FaysalPayloadCipher } from './payload-ciphers.js';
import type { FaysalRequestSigner } from './rsa-signer.js';

/** One request as built and signed for the wire; kept whole so a §2.1 re-send is byte-identical. */
export interface FaysalWireRequest {
  operation: FaysalOperation;
  method: string;
  id: string;
  info: FaysalInfo | undefined;
  encoded: EncodedJsonRpcRequest;
}

/** What the transport stage hands to decode. */
export interface FaysalWireResponse {
  request: FaysalWireRequest;
  response: JsonRpcResponse;
}

/** A decoded reply with the code the pipeline maps (`0000`, `0151`, `rpc:-32603`…). */
export interface FaysalReply extends FaysalDecodedResult {
  /** 4-digit response code, or `rpc:<code>` for a JSON-RPC error without `data.responseCode`. */
  code: string;
}

/** The live security strategies of a client (swapped atomically by `rotateSigner` / `rotateCipher`). */
export interface FaysalSecurity {
  signer: FaysalRequestSigner;
  cipher: FaysalPayloadCipher;
}

/** Options of {@link createFaysalWire}. */
export interface FaysalWireOptions {
  codec: FaysalCodec;
  security: FaysalSecurity;
  partnerId: string;
  http: HttpTransport;
  stanSource: StanSource;
  clock: () => Date;
  requestId: () => string;
  /** Reads a code for errors the bank raised before it could read the request id (spec §3: 401/403, `-32001`…). */
  codes: CodesTable;
}

// JSON-RPC errors a bank raises before it has read the request (signature, key, parse, envelope, decryption):
// it may answer them with `id: null` (JSON-RPC 2.0 §5), and nothing was executed.
const preDispatchErrors: ReadonlySet<number> = new Set([-32700, -32600, -32001, -32002, -32003]);

/** The client's JSON-RPC wire: build → encrypt → serialize (jayson) → sign → send → verify → decrypt → decode. */
export interface FaysalWire {
  build(operation: FaysalOperation, input: unknown): Promise<FaysalWireRequest>;
  send(
    request: FaysalWireRequest,
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<FaysalWireResponse>;
  read(exchange: FaysalWireResponse): FaysalReply;
}

// Operations whose result echoes our info block: a different rrn means the reply is not ours (spec §3).
const financialOperations: ReadonlySet<FaysalOperation> = new Set([
  'titleFetch',
  'credit',
  'return',
  'inquiry',
]);

/** Creates the wire of one client. */
export function createFaysalWire(options: FaysalWireOptions): FaysalWire {
  const { codec, security } = options;
  const jsonRpc: JsonRpcClient = createJsonRpcClient({
    http: options.http,
    path: codec.endpointPath,
    vendor: 'faysal',
    // spec §5 step 1–3: sign exactly the string jayson produced, after payload encryption (encrypt-then-sign).
    sign: (body) => ({
      'X-Partner-Id': options.partnerId,
      ...(security.cipher.passthrough || security.cipher.keyId === undefined
        ? {}
        : { 'X-Enc-Key-Id': security.cipher.keyId }),
      ...security.signer.sign(Buffer.from(body, 'utf8')),
    }),
    // spec §5 step 4: verify the raw response bytes before jayson or zod see them.
    verify: (response: HttpResponse) => {
      if (!security.signer.verify(response.body, response.headers)) {
        throw new SignatureError({
          message: 'faysal: response signature missing or invalid',
          vendor: 'faysal',
          details: { status: response.status },
        });
      }
      rejectBeforeDispatch(response.body);
    },
  });

  // Core's decodeJsonRpcResponse accepts `id: null` only for the standard -32700/-32600 (JSON-RPC 2.0 §5.1); the
  // bank also answers its own pre-dispatch codes (-32001..-32003) that way, so this verify hook reads them first.
  // A verified error with `id: null` for a pre-dispatch code is the bank's answer to this request (it could not
  // read the id): report the code instead of an id mismatch, which would wrongly mean "maybe executed".
  function rejectBeforeDispatch(body: Buffer): void {
    let envelope: { id?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
    try {
      envelope = JSON.parse(body.toString('utf8'));
    } catch {
      return;
    }
    const error = envelope?.error;
    if (envelope?.id !== null || typeof error?.code !== 'number' || !preDispatchErrors.has(error.code))
      return;
    const decoded = codec.decodeError({
      code: error.code,
      message: typeof error.message === 'string' ? error.message : '',
      data: error.data,
    });
    const code = decoded.responseCode ?? `rpc:${decoded.rpcErrorCode}`;
    const meaning = options.codes.lookup(code);
    throw options.codes.createError({
      vendor: 'faysal',
      category: meaning.outcome === 'error' ? meaning.category : 'authentication',
      retryable: meaning.outcome === 'error' ? meaning.retryable : false,
      vendorCode: code,
      vendorMessage: decoded.message,
    });
  }

  return {
    async build(operation, input) {
      const id = options.requestId();
      let info: FaysalInfo | undefined;
      if (operation !== 'bankList' && operation !== 'ping') {
        const at = options.clock();
        const stan = await options.stanSource.next();
        info = { rrn: rrnFor(at, stan), stan, txnDate: karachiDate(at), txnTime: karachiTime(at) };
      }
      const encoded = codec.encode(operation, input, {
        info: info ?? { rrn: '', stan: '', txnDate: '', txnTime: '' },
      });
      const params = security.cipher.passthrough
        ? encoded.params
        : {
            encryptedData: security.cipher.encrypt(
              Buffer.from(JSON.stringify(encoded.params), 'utf8'),
              Buffer.from(id, 'utf8'),
            ),
          };
      return {
        operation,
        method: encoded.method,
        id,
        info,
        encoded: encodeJsonRpcRequest({ method: encoded.method, params, id }),
      };
    },
    async send(request, sendOptions) {
      const [response] = await jsonRpc.send(request.encoded, sendOptions);
      return { request, response: response! };
    },
    read({ request, response }) {
      if ('error' in response) {
        // TODO(core): `data.retryAfterMs` of -32004 cannot reach the retry policy (DecodedReply has no field for it,
        // and CodesTable.createError only sees VendorErrorOptions); rate-limited calls use the normal backoff.
        const error = codec.decodeError(response.error);
        return {
          code: error.responseCode ?? `rpc:${error.rpcErrorCode}`,
          responseCode: error.responseCode ?? `rpc:${error.rpcErrorCode}`,
          responseDesc: error.message,
          value: undefined,
        };
      }
      let result = response.result;
      if (!security.cipher.passthrough) result = decryptResult(result, request.id, security.cipher);
      const echoed = (result as { info?: { rrn?: unknown } } | null)?.info?.rrn;
      if (
        financialOperations.has(request.operation) &&
        echoed !== undefined &&
        echoed !== request.info?.rrn
      ) {
        // A reply for another rrn is not ours: treated like a bad signature (spec §3).
        throw new SignatureError({
          message: 'faysal: response rrn does not echo the request',
          vendor: 'faysal',
          details: { reason: 'rrn_mismatch' },
        });
      }
      const decoded = codec.decode(request.operation, result);
      return { ...decoded, code: decoded.responseCode };
    },
  };
}

function decryptResult(result: unknown, id: string, cipher: FaysalPayloadCipher): unknown {
  const encryptedData = (result as { encryptedData?: unknown } | null)?.encryptedData;
  if (typeof encryptedData !== 'string') {
    throw new ProtocolError({ message: 'faysal: result is not encrypted', vendor: 'faysal' });
  }
  let plaintext: Buffer;
  try {
    plaintext = cipher.decrypt(encryptedData, Buffer.from(id, 'utf8'));
  } catch (cause) {
    throw new ProtocolError({ message: 'faysal: result does not decrypt', vendor: 'faysal', cause });
  }
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } catch (cause) {
    throw new ProtocolError({ message: 'faysal: decrypted result is not JSON', vendor: 'faysal', cause });
  }
}

/** Default request ids: UUID v4 (spec §3). */
export const randomRequestId = (): string => randomUUID();
