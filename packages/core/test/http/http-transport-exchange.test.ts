import { isAxiosError } from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../src/errors/index.js';
import {
  createHttpTransport,
  type HttpTransport,
  jsonRequestBody,
  parseJsonBody,
} from '../../src/http/index.js';
import { type LoopbackHandler, type LoopbackServer, startHttpServer } from './support/loopback-server.js';

const timeoutMs = 5_000;
let server: LoopbackServer | undefined;
let transport: HttpTransport | undefined;

afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

async function setUp(
  handler: LoopbackHandler,
  options: { basePath?: string; maxResponseBytes?: number } = {},
) {
  server = await startHttpServer(handler);
  transport = createHttpTransport({
    baseUrl: `${server.url}${options.basePath ?? ''}`,
    vendor: 'example-vendor',
    ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
  });
  return { server, transport };
}

const echoJson: LoopbackHandler = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"resCd":"0000","amount":1000}');
};

describe('createHttpTransport: exchanges', () => {
  it('POSTs exactly the signed JSON bytes and returns the raw response bytes', async () => {
    const { server, transport } = await setUp(echoJson, { basePath: '/api/v1' });
    const json = jsonRequestBody({ shopTransactionId: 'TEST-0001', amount: 1000, memo: 'a/b "quoted" 한글' });

    const response = await transport.send(
      {
        method: 'POST',
        path: '/trades/approve',
        headers: { ...json.headers, 'X-Signature': 'c2lnbmF0dXJl' },
        body: json.body,
      },
      { timeoutMs },
    );

    const received = server.requests[0];
    expect(received?.method).toBe('POST');
    expect(received?.url).toBe('/api/v1/trades/approve');
    expect(received?.body.equals(Buffer.from(json.body, 'utf8'))).toBe(true);
    expect(received?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(received?.headers['content-length']).toBe(String(Buffer.byteLength(json.body)));
    expect(received?.headers['x-signature']).toBe('c2lnbmF0dXJl');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(Buffer.isBuffer(response.body)).toBe(true);
    expect(parseJsonBody(response)).toEqual({ resCd: '0000', amount: 1000 });
  });

  it('sends only the bytes of a Uint8Array view, not its whole underlying buffer', async () => {
    const { server, transport } = await setUp(echoJson);
    const backing = Buffer.from('XXXXpayloadYYYY');
    await transport.send({ method: 'PUT', path: '/raw', body: backing.subarray(4, 11) }, { timeoutMs });
    expect(server.requests[0]?.body.toString()).toBe('payload');
    // No Content-Type was given, so none is invented (axios would default to a form type).
    expect(server.requests[0]?.headers['content-type']).toBeUndefined();
    expect(server.requests[0]?.headers['accept-encoding']).toBe('identity');
  });

  it('percent-encodes query parameters after the path and lets request headers override defaults', async () => {
    server = await startHttpServer(echoJson);
    transport = createHttpTransport({
      baseUrl: server.url,
      defaultHeaders: { 'X-Client': 'default', Accept: 'text/plain' },
    });
    await transport.send(
      {
        method: 'GET',
        path: '/search?fixed=1',
        query: { name: 'a b', symbols: '&=+/' },
        headers: { 'x-client': 'mine' },
      },
      { timeoutMs },
    );
    expect(server.requests[0]?.url).toBe('/search?fixed=1&name=a%20b&symbols=%26%3D%2B%2F');
    expect(server.requests[0]?.headers['x-client']).toBe('mine');
    expect(server.requests[0]?.headers.accept).toBe('text/plain');
  });

  it('returns a 302 as a response and does not follow it', async () => {
    const { server, transport } = await setUp((request, response) => {
      if (request.url === '/start') response.writeHead(302, { location: '/elsewhere' }).end();
      else response.writeHead(200).end('followed');
    });
    const response = await transport.send({ method: 'GET', path: '/start' }, { timeoutMs });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/elsewhere');
    expect(server.requests.map((request) => request.url)).toEqual(['/start']);
  });

  it('returns 4xx responses for the vendor codec to decode, with repeated headers as arrays', async () => {
    const { transport } = await setUp((_request, response) => {
      response.setHeader('set-cookie', ['a=1', 'b=2']);
      response.writeHead(400).end('{"resCd":"R101"}');
    });
    const response = await transport.send({ method: 'POST', path: '/x', body: '{}' }, { timeoutMs });
    expect(response.status).toBe(400);
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(response.body.toString()).toBe('{"resCd":"R101"}');
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const { server, transport } = await setUp(echoJson);
    for (let call = 0; call < 3; call++) {
      await transport.send({ method: 'POST', path: '/inquiry', body: '{}' }, { timeoutMs });
    }
    expect(server.requests).toHaveLength(3);
    expect(server.sockets).toHaveLength(1);
  });

  it('closes idle pooled sockets after idleSocketTimeoutMs but never a socket waiting for a slow response', async () => {
    server = await startHttpServer((_request, response) => {
      setTimeout(() => response.end('slow but complete'), 300);
    });
    transport = createHttpTransport({ baseUrl: server.url, idleSocketTimeoutMs: 100 });
    const response = await transport.send({ method: 'GET', path: '/report' }, { timeoutMs });
    expect(response.body.toString()).toBe('slow but complete');
    await server.socketClosed(0); // idle in the pool, closed by the transport without another call
  });

  it('turns a 503 into a non-retryable ProtocolError carrying the status, without secrets in it', async () => {
    const { transport } = await setUp((_request, response) => response.writeHead(503).end('maintenance'));
    const error = await transport
      .send(
        {
          method: 'POST',
          path: '/payments',
          query: { token: 'QUERY-SECRET' },
          headers: { Authorization: 'Bearer HEADER-SECRET' },
          body: '{"pin":"BODY-SECRET"}',
        },
        { timeoutMs },
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    const protocolError = error as ProtocolError;
    expect(protocolError.retryable).toBe(false);
    expect(protocolError.details).toEqual({ status: 503 });
    expect(protocolError.vendor).toBe('example-vendor');
    expect(protocolError.message).toContain('POST /payments');
    const everything = `${protocolError.message} ${JSON.stringify(protocolError.toJSON())}`;
    for (const secret of ['QUERY-SECRET', 'HEADER-SECRET', 'BODY-SECRET'])
      expect(everything).not.toContain(secret);
  });

  it('uses isUnknownOutcomeStatus to decide which statuses are no answer', async () => {
    server = await startHttpServer((request, response) =>
      response.writeHead(request.url === '/a' ? 409 : 503).end(),
    );
    transport = createHttpTransport({
      baseUrl: server.url,
      isUnknownOutcomeStatus: (status) => status === 409,
    });
    await expect(transport.send({ method: 'GET', path: '/a' }, { timeoutMs })).rejects.toMatchObject({
      details: { status: 409 },
    });
    expect((await transport.send({ method: 'GET', path: '/b' }, { timeoutMs })).status).toBe(503);
  });

  it('accepts a body of exactly maxResponseBytes and refuses one byte more as response_too_large', async () => {
    const { transport } = await setUp(
      (request, response) => {
        // Chunked: no Content-Length, so the limit is enforced while reading.
        response.writeHead(200);
        response.write('x'.repeat(1000));
        response.end(request.url === '/over' ? 'xx' : 'x');
      },
      { maxResponseBytes: 1001 },
    );
    expect((await transport.send({ method: 'GET', path: '/exact' }, { timeoutMs })).body).toHaveLength(1001);
    const error = await transport
      .send({ method: 'GET', path: '/over' }, { timeoutMs })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).details).toMatchObject({ reason: 'response_too_large' });
    expect((error as ProtocolError).retryable).toBe(false);
    expect(isAxiosError((error as ProtocolError).cause)).toBe(false);
  });
});
