import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  OutcomeUnknownError,
  ProtocolError,
  TimeoutError,
  TransportError,
  type WirebridgeError,
} from '../../src/errors/index.js';
import { createHttpTransport, type HttpTransport } from '../../src/http/index.js';
import {
  deadPort,
  type LoopbackServer,
  startHttpServer,
  startSilentServer,
} from './support/loopback-server.js';

let server: LoopbackServer | undefined;
let transport: HttpTransport | undefined;

afterEach(async () => {
  await transport?.close();
  await server?.close();
  transport = undefined;
  server = undefined;
});

function failure(promise: Promise<unknown>): Promise<WirebridgeError> {
  return promise.then(
    () => expect.fail('the call should have failed'),
    (error: WirebridgeError) => error,
  );
}

/** A server that reads the request and never answers. */
async function silentHttpServer() {
  server = await startHttpServer(() => undefined);
  transport = createHttpTransport({ baseUrl: server.url, vendor: 'example-vendor' });
  return { server, transport };
}

describe('createHttpTransport: failures before the connection (nothing sent)', () => {
  it('reports a refused connection as a retryable TransportError', async () => {
    transport = createHttpTransport({
      baseUrl: `http://127.0.0.1:${await deadPort()}`,
      vendor: 'example-vendor',
    });
    const error = await failure(
      transport.send({ method: 'POST', path: '/pay', body: '{}' }, { timeoutMs: 5_000 }),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(true);
    expect(error.vendor).toBe('example-vendor');
    expect(error.details).toMatchObject({ reason: 'connection_refused', errorCode: 'ECONNREFUSED' });
  });

  it('reports a deadline that passed during the TLS handshake as a TimeoutError with timeoutMs', async () => {
    server = await startSilentServer();
    transport = createHttpTransport({ baseUrl: server.url });
    const error = await failure(
      transport.send({ method: 'POST', path: '/pay', body: '{}' }, { timeoutMs: 150 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(150);
    expect(error.retryable).toBe(true);
    await server.socketClosed(0);
  });

  it('reports a caller abort during the TLS handshake as an AbortedError carrying the reason', async () => {
    server = await startSilentServer();
    transport = createHttpTransport({ baseUrl: server.url });
    const controller = new AbortController();
    const connected = server.nextConnection();
    const sending = failure(
      transport.send(
        { method: 'POST', path: '/pay', body: '{}' },
        { timeoutMs: 60_000, signal: controller.signal },
      ),
    );
    await connected; // TCP is up; the TLS handshake never completes against this server.
    const reason = new Error('shutting down');
    controller.abort(reason);
    const error = await sending;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.cause).toBe(reason);
  });

  it('refuses a call whose signal is already aborted without opening a connection', async () => {
    const { server, transport } = await silentHttpServer();
    const error = await failure(
      transport.send({ method: 'GET', path: '/status' }, { timeoutMs: 1_000, signal: AbortSignal.abort() }),
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.sockets).toHaveLength(0);
  });
});

describe('createHttpTransport: failures after the request may have been sent', () => {
  it('reports a timeout after connect as OutcomeUnknownError and closes the socket the server holds', async () => {
    const { server, transport } = await silentHttpServer();
    const error = await failure(
      transport.send({ method: 'POST', path: '/pay', body: '{}' }, { timeoutMs: 200 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'timeout' });
    expect(server.requests).toHaveLength(1);
    await server.socketClosed(0);
  });

  it('reports a timeout on a reused keep-alive socket as OutcomeUnknownError', async () => {
    server = await startHttpServer((request, response) => {
      if (request.url === '/fast') response.end('ok');
    });
    transport = createHttpTransport({ baseUrl: server.url });
    await transport.send({ method: 'GET', path: '/fast' }, { timeoutMs: 5_000 });
    const error = await failure(
      transport.send({ method: 'POST', path: '/slow', body: '{}' }, { timeoutMs: 200 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toEqual({ reason: 'timeout', socketReused: true });
    expect(server.sockets).toHaveLength(1);
    await server.socketClosed(0);
  });

  it('reports a caller abort after the server received the request as OutcomeUnknownError (aborted)', async () => {
    const { server, transport } = await silentHttpServer();
    const controller = new AbortController();
    const sending = failure(
      transport.send(
        { method: 'POST', path: '/pay', body: '{}' },
        { timeoutMs: 60_000, signal: controller.signal },
      ),
    );
    await server.nextRequest();
    controller.abort();
    const error = await sending;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'aborted' });
    await server.socketClosed(0);
  });

  it('reports a connection reset before the response as OutcomeUnknownError (reset)', async () => {
    server = await startHttpServer((request) => request.socket.destroy());
    transport = createHttpTransport({ baseUrl: server.url });
    const error = await failure(
      transport.send({ method: 'POST', path: '/pay', body: '{}' }, { timeoutMs: 5_000 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'reset', socketReused: false });
  });

  it('reports a reply that is not HTTP as a ProtocolError (malformed_response)', async () => {
    server = await startHttpServer((request) => request.socket.end('NOT-HTTP garbage\r\n\r\n'));
    transport = createHttpTransport({ baseUrl: server.url });
    const error = await failure(
      transport.send({ method: 'POST', path: '/pay', body: '{}' }, { timeoutMs: 5_000 }),
    );
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.details).toMatchObject({ reason: 'malformed_response' });
  });

  it('reports a connection cut in the middle of the response body as OutcomeUnknownError (reset)', async () => {
    server = await startHttpServer((_request, response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('partial');
      setImmediate(() => response.socket?.destroy());
    });
    transport = createHttpTransport({ baseUrl: server.url });
    const error = await failure(transport.send({ method: 'GET', path: '/report' }, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'reset' });
  });
});

describe('createHttpTransport: close', () => {
  it('cuts a call in flight on close, reporting an unknown outcome', async () => {
    const { server, transport } = await silentHttpServer();
    const sending = failure(
      transport.send({ method: 'POST', path: '/pay', body: '{}' }, { timeoutMs: 60_000 }),
    );
    await server.nextRequest();
    await transport.close();
    const error = await sending;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.details).toMatchObject({ reason: 'reset' });
    await server.socketClosed(0);
  });

  it('destroys pooled sockets on close and refuses later calls without I/O', async () => {
    server = await startHttpServer((_request, response) => response.end('ok'));
    transport = createHttpTransport({ baseUrl: server.url });
    await transport.send({ method: 'GET', path: '/ping' }, { timeoutMs: 5_000 });
    await transport.close();
    await server.socketClosed(0);
    const error = await failure(transport.send({ method: 'GET', path: '/ping' }, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error.retryable).toBe(false);
    expect(server.sockets).toHaveLength(1);
  });
});
