import { randomUUID } from 'node:crypto';
import ClientBrowser from 'jayson/lib/client/browser/index.js';
import { z } from 'zod';
import { JsonRpcError, ProtocolError } from '../errors/families.js';

/** Named parameters (an object) or positional ones (an array), as JSON-RPC 2.0 allows. */
export type JsonRpcParams = Record<string, unknown> | unknown[];

/** One call to encode. */
export interface JsonRpcCall {
  method: string;
  params: JsonRpcParams;
  /** Request id. @default a fresh UUID v4 */
  id?: string;
}

/** A request as it goes on the wire: sign and send exactly `body`. */
export interface EncodedJsonRpcRequest {
  /** The id(s) the response must echo, in request order. */
  ids: string[];
  /** Whether the body is a batch (an array), so the response must be one too. */
  batch: boolean;
  /** The exact serialized bytes (UTF-8 text). Re-serializing would change what a signature covers. */
  body: string;
}

/** The error object of a JSON-RPC response. */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** One validated JSON-RPC 2.0 response: exactly one of `result` / `error`. */
export type JsonRpcResponse = { id: string; result: unknown } | { id: string; error: JsonRpcErrorObject };

const ResponseEnvelope = z
  .object({
    jsonrpc: z.literal('2.0'),
    id: z.union([z.string(), z.number()]).nullable(),
    result: z.unknown().optional(),
    error: z
      .object({ code: z.number().int(), message: z.string(), data: z.unknown().optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((envelope) => 'result' in envelope !== 'error' in envelope, {
    message: 'exactly one of result and error must be present',
  });

/**
 * Serializes one call or a batch with jayson's browser client, which hands its exact message to a
 * `callServer` function: that string is what gets signed and sent (DESIGN §2 step 4).
 */
export function encodeJsonRpcRequest(calls: JsonRpcCall | readonly JsonRpcCall[]): EncodedJsonRpcRequest {
  const list = Array.isArray(calls) ? calls : [calls as JsonRpcCall];
  if (list.length === 0) throw new ProtocolError({ message: 'a JSON-RPC batch needs at least one call' });
  let body: string | undefined;
  // jayson calls callServer synchronously inside request(); we keep the message instead of sending it.
  const client = new ClientBrowser(
    (message: string) => {
      body = message;
    },
    { version: 2 },
  );
  const requests = list.map((call) => client.request(call.method, call.params, call.id ?? randomUUID()));
  const payload = Array.isArray(calls) ? requests : requests[0];
  client.request(payload as never, () => undefined);
  if (body === undefined) throw new ProtocolError({ message: 'jayson produced no request message' });
  return { ids: requests.map((request) => String(request.id)), batch: Array.isArray(calls), body };
}

/**
 * Parses and validates a response body against the ids that were sent. jayson does not check the
 * response id or version, so this does: a mismatch means the reply may not be ours.
 */
export function decodeJsonRpcResponse(
  body: string | Uint8Array,
  request: Pick<EncodedJsonRpcRequest, 'ids' | 'batch'>,
): JsonRpcResponse[] {
  const expectedIds = request.ids;
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ProtocolError({
      message: 'JSON-RPC response is not JSON',
      details: { reason: 'not_json' },
      cause,
    });
  }
  const unidentified = unidentifiedError(parsed);
  if (unidentified !== undefined) {
    // JSON-RPC 2.0 §5, §6: a server that could not read the request (parse error, invalid request, a whole batch
    // refused) answers one error with `id: null`. It answers every call sent, and nothing was executed. Any other
    // error under `id: null` breaks the spec and falls through to the id check: it may not be ours.
    return expectedIds.map((id) => ({ id, error: unidentified }));
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (request.batch !== Array.isArray(parsed)) {
    throw new ProtocolError({
      message: 'JSON-RPC response shape does not match the request (batch vs single)',
    });
  }
  const responses = items.map((item, index) => {
    const result = ResponseEnvelope.safeParse(item);
    if (!result.success) {
      throw new ProtocolError({
        message: 'JSON-RPC response envelope is invalid',
        details: {
          reason: 'bad_envelope',
          index,
          paths: result.error.issues.map((issue) => issue.path.join('.')),
        },
      });
    }
    const envelope = result.data;
    const id = envelope.id === null ? '' : String(envelope.id);
    return envelope.error ? { id, error: envelope.error } : { id, result: envelope.result };
  });
  const received = new Set(responses.map((response) => response.id));
  const unexpected = responses.filter((response) => !expectedIds.includes(response.id));
  if (
    unexpected.length > 0 ||
    received.size !== responses.length ||
    responses.length !== expectedIds.length
  ) {
    throw new ProtocolError({
      message: 'JSON-RPC response ids do not match the request',
      details: { reason: 'id_mismatch', expected: expectedIds.length, received: responses.length },
    });
  }
  // Answer in request order, whatever order the server used.
  return expectedIds.map((id) => responses.find((response) => response.id === id)!);
}

/** JSON-RPC 2.0 §5.1: the codes of a request the server could not read, the only errors answered with `id: null`. */
const unreadableRequestCodes: ReadonlySet<number> = new Set([-32700, -32600]);

/** The error object of a single `id: null` error response (the server could not tell which request it answers). */
function unidentifiedError(parsed: unknown): JsonRpcErrorObject | undefined {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const result = ResponseEnvelope.safeParse(parsed);
  if (!result.success || result.data.id !== null || !result.data.error) return undefined;
  return unreadableRequestCodes.has(result.data.error.code) ? result.data.error : undefined;
}

/** The result of a response, or its error object as a {@link JsonRpcError}. */
export function resultOrThrow(
  response: JsonRpcResponse,
  context: { vendor?: string; operation?: string } = {},
) {
  if ('result' in response) return response.result;
  throw new JsonRpcError({
    message: `JSON-RPC error ${response.error.code}`,
    rpcCode: response.error.code,
    details: { rpcMessage: response.error.message },
    ...context,
  });
}
