import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jayson from 'jayson';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createHttpTransport,
  createOperationRunner,
  defineCodes,
  defineOperation,
  type HttpTransport,
  JsonRpcError,
  OutcomeUnknownError,
  ProtocolError,
  SignatureError,
} from '../../src/index.js';
import {
  createJsonRpcClient,
  decodeJsonRpcResponse,
  encodeJsonRpcRequest,
  resultOrThrow,
} from '../../src/json-rpc/index.js';

// A real JSON-RPC 2.0 server (jayson) behind a node:http front that can verify a signature over the raw
// body and misbehave on command.
const signingKey = 'test-signing-key';
type Mode = 'normal' | 'hang' | 'reset' | 'garbage' | 'wrong-id' | 'unreadable';

let httpServer: Server;
let http: HttpTransport;
let mode: Mode = 'normal';
const receivedBodies: string[] = [];

const rpc = new jayson.Server({
  add: (args: { a: number; b: number }, callback: (error: unknown, result?: unknown) => void) =>
    callback(null, args.a + args.b),
  fail: (_args: unknown, callback: (error: unknown) => void) =>
    callback({ code: -32001, message: 'Invalid signature', data: { responseCode: '0222' } }),
});

async function start() {
  mode = 'normal';
  receivedBodies.length = 0;
  httpServer = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    receivedBodies.push(body);
    if (mode === 'hang') return;
    if (mode === 'reset') return void request.socket.destroy();
    if (mode === 'garbage') return void response.writeHead(200).end('<html>gateway</html>');
    const expected = createHmac('sha256', signingKey).update(body).digest('hex');
    if (request.headers['x-signature'] !== expected) return void response.writeHead(401).end();
    // `unreadable`: the server cannot make out a request (a proxy mangled it) and jayson answers `id: null`.
    const call = mode === 'unreadable' ? { jsonrpc: '2.0' } : JSON.parse(body);
    rpc.call(call, (error: unknown, success: unknown) => {
      const reply = (error ?? success) as { id?: string };
      if (mode === 'wrong-id' && reply && !Array.isArray(reply)) reply.id = 'someone-else';
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  httpServer.listen(0, '127.0.0.1');
  await once(httpServer, 'listening');
  http = createHttpTransport({ baseUrl: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}` });
}

const sign = (body: string) => ({
  'x-signature': createHmac('sha256', signingKey).update(body).digest('hex'),
});

afterEach(async () => {
  await http?.close();
  httpServer?.closeAllConnections();
  httpServer?.close();
});

describe('JSON-RPC 2.0 client over the HTTP transport', () => {
  it('calls a method with named params; the signature covers exactly the bytes sent', async () => {
    await start();
    const client = createJsonRpcClient({ http, path: '/jsonrpc', sign });
    await expect(client.request('add', { a: 2, b: 40 })).resolves.toBe(42);
    const sent = JSON.parse(receivedBodies[0]!);
    expect(sent).toMatchObject({ jsonrpc: '2.0', method: 'add', params: { a: 2, b: 40 } });
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns an error object into a JsonRpcError with its code', async () => {
    await start();
    const client = createJsonRpcClient({ http, sign });
    const error = await client.request('fail', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JsonRpcError);
    expect((error as JsonRpcError).rpcCode).toBe(-32001);
  });

  it('reads an id:null error (the server could not read the request) as that error, for every call sent', async () => {
    await start();
    mode = 'unreadable';
    const client = createJsonRpcClient({ http, sign });
    const single = await client.request('add', { a: 1, b: 1 }).catch((caught: unknown) => caught);
    expect(single).toBeInstanceOf(JsonRpcError);
    expect((single as JsonRpcError).rpcCode).toBe(-32600);
    expect(receivedBodies).toHaveLength(1);
  });

  it('rejects a response whose id is not the one sent', async () => {
    await start();
    mode = 'wrong-id';
    const client = createJsonRpcClient({ http, sign });
    await expect(client.request('add', { a: 1, b: 1 })).rejects.toMatchObject({
      code: 'PROTOCOL',
      details: { reason: 'id_mismatch' },
    });
  });

  it('sends a batch and answers in call order, errors in place', async () => {
    await start();
    const client = createJsonRpcClient({ http, sign });
    const responses = await client.batch([
      { method: 'add', params: { a: 1, b: 2 }, id: 'first' },
      { method: 'fail', params: {}, id: 'second' },
      { method: 'add', params: { a: 5, b: 5 }, id: 'third' },
    ]);
    expect(responses.map((response) => response.id)).toEqual(['first', 'second', 'third']);
    expect(resultOrThrow(responses[0]!)).toBe(3);
    expect(() => resultOrThrow(responses[1]!)).toThrow(JsonRpcError);
    expect(resultOrThrow(responses[2]!)).toBe(10);
  });

  it('verifies the raw response before parsing it', async () => {
    await start();
    const client = createJsonRpcClient({
      http,
      sign,
      verify: () => {
        throw new SignatureError({ message: 'response signature does not verify' });
      },
    });
    await expect(client.request('add', { a: 1, b: 1 })).rejects.toBeInstanceOf(SignatureError);
  });

  it('a malformed (non-JSON) reply is a ProtocolError', async () => {
    await start();
    mode = 'garbage';
    const client = createJsonRpcClient({ http, sign });
    await expect(client.request('add', { a: 1, b: 1 })).rejects.toBeInstanceOf(ProtocolError);
  });

  it('a timeout after the request was written is an unknown outcome', async () => {
    await start();
    mode = 'hang';
    const client = createJsonRpcClient({ http, sign });
    await expect(client.request('add', { a: 1, b: 1 }, { timeoutMs: 100 })).rejects.toBeInstanceOf(
      OutcomeUnknownError,
    );
  });
});

describe('decodeJsonRpcResponse: id null', () => {
  const body = (code: number) => JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message: 'x' } });

  it('answers every call of a refused batch with the parse or invalid-request error', () => {
    const responses = decodeJsonRpcResponse(body(-32700), { ids: ['1', '2'], batch: true });
    expect(responses).toEqual([
      { id: '1', error: { code: -32700, message: 'x' } },
      { id: '2', error: { code: -32700, message: 'x' } },
    ]);
  });

  it('does not take any other id:null error as the answer: it may not be ours', () => {
    expect(() => decodeJsonRpcResponse(body(-32603), { ids: ['1'], batch: false })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: 'id_mismatch' }) }),
    );
  });
});

describe('JSON-RPC through the call pipeline', () => {
  const codes = defineCodes({ vendor: 'acme', codes: { ok: 'success' } });
  // An unsafe credit, encoded as JSON-RPC; no resolver, so a lost reply must surface as unknown.
  const credit = defineOperation({
    name: 'acme.remittance.credit',
    input: z.object({ a: z.number(), b: z.number() }),
    output: z.number(),
    idempotency: 'unsafe',
    timeoutMs: 200,
    codes,
    encode: (input, context) => {
      const encoded = encodeJsonRpcRequest({ method: 'add', params: input });
      context.state.set('json-rpc', encoded);
      return { method: 'POST' as const, path: '/', headers: sign(encoded.body), body: encoded.body };
    },
    decode: (response: { body: Buffer }, context) => {
      const [reply] = decodeJsonRpcResponse(response.body, context.state.get('json-rpc') as never);
      return { code: 'ok', value: resultOrThrow(reply!) };
    },
  });

  it('returns the result of a well-formed exchange', async () => {
    await start();
    const runner = createOperationRunner({ vendor: 'acme', transport: http });
    await expect(runner.run(credit, { a: 20, b: 22 })).resolves.toBe(42);
  });

  it('a reset after the request was written ends in OutcomeUnknownError, sent once', async () => {
    await start();
    mode = 'reset';
    const runner = createOperationRunner({ vendor: 'acme', transport: http });
    await expect(runner.run(credit, { a: 1, b: 2 })).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(receivedBodies).toHaveLength(1);
  });

  it('a malformed reply to the unsafe call is not trusted: unknown outcome, sent once', async () => {
    await start();
    mode = 'garbage';
    const runner = createOperationRunner({ vendor: 'acme', transport: http });
    await expect(runner.run(credit, { a: 1, b: 2 })).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(receivedBodies).toHaveLength(1);
  });
});
