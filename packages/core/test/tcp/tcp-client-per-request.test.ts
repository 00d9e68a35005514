import { afterEach, describe, expect, it } from 'vitest';
import {
  AbortedError,
  ConfigError,
  FramingError,
  OutcomeUnknownError,
  ProtocolError,
  TimeoutError,
  TransportError,
  ValidationError,
} from '../../src/errors/index.js';
import { asciiLengthFramer, createTcpClient, type TcpTransport } from '../../src/tcp/index.js';
import { createTestPki } from '../http/support/test-certificates.js';
import {
  deadPort,
  type RecordingServer,
  rawWriteFramer,
  rejectionOf,
  startRecordingServer,
  startSilentServer,
  waitFor,
} from './support/framed-test-server.js';

// Billgate's framing (§3, §4.1): four ASCII digits counting the bytes after them.
const framer = asciiLengthFramer({ digits: 4, includesPrefix: false });

let server: RecordingServer | undefined;
let silent: Awaited<ReturnType<typeof startSilentServer>> | undefined;
let client: TcpTransport | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  await silent?.close();
  client = undefined;
  server = undefined;
  silent = undefined;
});

function perRequestClient(port: number, extra: { connectTimeoutMs?: number } = {}) {
  client = createTcpClient({ host: '127.0.0.1', port, framer, vendor: 'acme', ...extra });
  return client;
}

describe('createTcpClient per-request: exchanges', () => {
  it('connects, writes one frame, returns the reply payload and closes the connection', async () => {
    server = await startRecordingServer(framer, (payload) => Buffer.concat([Buffer.from('ACK:'), payload]));
    const reply = await perRequestClient(server.port).send(Buffer.from('PAY 1000'), { timeoutMs: 2_000 });
    expect(reply.toString()).toBe('ACK:PAY 1000');
    expect(server.frames.map((frame) => frame.payload.toString())).toEqual(['PAY 1000']);
    await server.connections[0]?.closed; // never reused: the client closed it after the reply
  });

  it('runs 40 calls at once without Node warning about listener leaks', async () => {
    server = await startRecordingServer(framer, (payload) => payload);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const transport = perRequestClient(server.port);
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          transport.send(Buffer.from(`call ${index}`), { timeoutMs: 5_000 }),
        ),
      );
      expect(replies.map((reply) => reply.toString())).toEqual(
        Array.from({ length: 40 }, (_, index) => `call ${index}`),
      );
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('uses a new connection for every request', async () => {
    server = await startRecordingServer(framer, (payload) => payload);
    const transport = perRequestClient(server.port);
    await transport.send(Buffer.from('one'), { timeoutMs: 2_000 });
    await transport.send(Buffer.from('two'), { timeoutMs: 2_000 });
    expect(server.frames.map((frame) => frame.connectionId)).toEqual([1, 2]);
  });
});

describe('createTcpClient per-request: failures before the write (nothing sent)', () => {
  it('reports a refused connection as a retryable TransportError', async () => {
    const error = await rejectionOf(
      perRequestClient(await deadPort()).send(Buffer.from('x'), { timeoutMs: 2_000 }),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({
      retryable: true,
      vendor: 'acme',
      details: { reason: 'connection_refused', errorCode: 'ECONNREFUSED' },
    });
  });

  it('reports a TLS handshake that never completes as a TimeoutError carrying connectTimeoutMs', async () => {
    silent = await startSilentServer();
    client = createTcpClient({
      host: '127.0.0.1',
      port: silent.port,
      framer,
      connectTimeoutMs: 100,
      tls: { rejectUnauthorized: false },
    });
    const error = await rejectionOf(client.send(Buffer.from('x'), { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, retryable: true, details: { reason: 'connect_timeout' } });
  });

  it('reports the call deadline passing during the handshake as a TimeoutError carrying the call timeout', async () => {
    silent = await startSilentServer();
    client = createTcpClient({
      host: '127.0.0.1',
      port: silent.port,
      framer,
      tls: { rejectUnauthorized: false },
    });
    const error = await rejectionOf(client.send(Buffer.from('x'), { timeoutMs: 80 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 80, details: { reason: 'timeout' } });
  });

  it('reports a caller abort before the write as an AbortedError carrying the reason', async () => {
    silent = await startSilentServer();
    client = createTcpClient({
      host: '127.0.0.1',
      port: silent.port,
      framer,
      tls: { rejectUnauthorized: false },
    });
    const controller = new AbortController();
    const sending = rejectionOf(
      client.send(Buffer.from('x'), { timeoutMs: 5_000, signal: controller.signal }),
    );
    await waitFor(() => silent?.accepted === 1);
    controller.abort(new Error('user cancelled'));
    const error = await sending;
    expect(error).toBeInstanceOf(AbortedError);
    expect((error as AbortedError).cause).toEqual(new Error('user cancelled'));
  });

  it('refuses an already aborted signal without connecting', async () => {
    server = await startRecordingServer(framer, (payload) => payload);
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(
      perRequestClient(server.port).send(Buffer.from('x'), { timeoutMs: 1_000, signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.server.connectionCount).toBe(0);
  });

  it('refuses a payload the framer cannot carry with a ValidationError before connecting', async () => {
    let connections = 0;
    server = await startRecordingServer(framer, (payload) => payload, {
      acceptConnection: () => {
        connections += 1;
        return true;
      },
    });
    const transport = perRequestClient(server.port);
    const tooLarge = await rejectionOf(transport.send(Buffer.alloc(10_000), { timeoutMs: 1_000 }));
    expect(tooLarge).toBeInstanceOf(ValidationError);
    expect((tooLarge as ValidationError).issues[0]).toMatchObject({ path: 'payload', code: 'invalid_frame' });
    expect(await rejectionOf(transport.send(new Uint8Array(0), { timeoutMs: 1_000 }))).toBeInstanceOf(
      ValidationError,
    );
    expect(await rejectionOf(transport.send('text' as never, { timeoutMs: 1_000 }))).toBeInstanceOf(
      ValidationError,
    );
    for (const timeoutMs of [-1, Number.NaN, 2 ** 31]) {
      const badTimeout = await rejectionOf(transport.send(Buffer.from('x'), { timeoutMs }));
      expect((badTimeout as ValidationError).issues[0]?.path).toBe('options.timeoutMs');
    }
    expect(connections).toBe(0);
  });

  it('refuses calls once closed, with a non-retryable TransportError', async () => {
    server = await startRecordingServer(framer, (payload) => payload);
    const transport = perRequestClient(server.port);
    await transport.close();
    const error = await rejectionOf(transport.send(Buffer.from('x'), { timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ retryable: false, details: { reason: 'closed' } });
  });
});

describe('createTcpClient per-request: failures after the write (outcome unknown)', () => {
  it('reports a timeout after the write as OutcomeUnknownError and closes the socket the server sees', async () => {
    server = await startRecordingServer(framer, async (_payload, connection) => {
      await connection.closed; // never answers
      return undefined;
    });
    const error = await rejectionOf(
      perRequestClient(server.port).send(Buffer.from('CHARGE'), { timeoutMs: 150 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ retryable: false, vendor: 'acme', details: { reason: 'timeout' } });
    await server.connections[0]?.closed;
    expect(server.frames).toHaveLength(1);
  });

  it('reports a reset after the write as OutcomeUnknownError', async () => {
    server = await startRecordingServer(framer, (_payload, connection) => {
      connection.reset();
      return undefined;
    });
    const error = await rejectionOf(
      perRequestClient(server.port).send(Buffer.from('CHARGE'), { timeoutMs: 2_000 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ details: { reason: 'reset', errorCode: 'ECONNRESET' } });
    expect(server.frames).toHaveLength(1);
  });

  it('reports the peer closing without a reply as OutcomeUnknownError', async () => {
    server = await startRecordingServer(framer, (_payload, connection) => {
      connection.close();
      return undefined;
    });
    const error = await rejectionOf(
      perRequestClient(server.port).send(Buffer.from('CHARGE'), { timeoutMs: 2_000 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ details: { reason: 'closed' } });
  });

  it('reports a reply cut off mid-frame as OutcomeUnknownError', async () => {
    server = await startRecordingServer(rawWriteFramer(framer), (_payload, connection) => {
      setImmediate(() => connection.close());
      return Buffer.from('0010ABC'); // declares 10 bytes, sends 3, closes
    });
    const error = await rejectionOf(
      perRequestClient(server.port).send(Buffer.from('CHARGE'), { timeoutMs: 2_000 }),
    );
    expect(error).toBeInstanceOf(OutcomeUnknownError);
  });

  it('reports a caller abort after the write as OutcomeUnknownError, not AbortedError', async () => {
    server = await startRecordingServer(framer, async (_payload, connection) => {
      await connection.closed;
      return undefined;
    });
    const controller = new AbortController();
    const sending = rejectionOf(
      perRequestClient(server.port).send(Buffer.from('CHARGE'), {
        timeoutMs: 5_000,
        signal: controller.signal,
      }),
    );
    await waitFor(() => server?.frames.length === 1);
    controller.abort();
    const error = await sending;
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ details: { reason: 'aborted' } });
    await server.connections[0]?.closed;
  });

  it('fails a call in flight as OutcomeUnknownError when the client is closed', async () => {
    server = await startRecordingServer(framer, async (_payload, connection) => {
      await connection.closed;
      return undefined;
    });
    const transport = perRequestClient(server.port);
    const sending = rejectionOf(transport.send(Buffer.from('CHARGE'), { timeoutMs: 5_000 }));
    await waitFor(() => server?.frames.length === 1);
    await transport.close();
    expect(await sending).toMatchObject({ code: 'OUTCOME_UNKNOWN', details: { reason: 'client_closed' } });
    await server.connections[0]?.closed;
  });

  it('reports a malformed reply frame as a FramingError, a ProtocolError tagged with the vendor', async () => {
    server = await startRecordingServer(rawWriteFramer(framer), () => Buffer.from('00x5HELLO'));
    const error = await rejectionOf(
      perRequestClient(server.port).send(Buffer.from('CHARGE'), { timeoutMs: 2_000 }),
    );
    expect(error).toBeInstanceOf(FramingError);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({ vendor: 'acme', details: { reason: 'non_digit_length' } });
  });
});

describe('createTcpClient over TLS', () => {
  const pki = createTestPki();

  it('exchanges frames with a TLS server whose certificate chains to the configured CA', async () => {
    server = await startRecordingServer(framer, (payload) => Buffer.concat([Buffer.from('TLS:'), payload]), {
      tls: { cert: pki.server.certificatePem, key: pki.server.privateKeyPem },
    });
    client = createTcpClient({
      host: '127.0.0.1',
      port: server.port,
      framer,
      tls: { ca: pki.ca.certificatePem },
    });
    expect((await client.send(Buffer.from('hello'), { timeoutMs: 3_000 })).toString()).toBe('TLS:hello');
  });

  it('reports an untrusted server certificate as a non-retryable TransportError, before anything is written', async () => {
    server = await startRecordingServer(framer, (payload) => payload, {
      tls: { cert: pki.server.certificatePem, key: pki.server.privateKeyPem },
    });
    client = createTcpClient({
      host: '127.0.0.1',
      port: server.port,
      framer,
      tls: { ca: pki.otherCa.certificatePem },
    });
    const error = await rejectionOf(client.send(Buffer.from('hello'), { timeoutMs: 3_000 }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ retryable: false, details: { reason: 'tls_certificate_rejected' } });
    expect(server.frames).toHaveLength(0);
  });
});

describe('createTcpClient options', () => {
  it.each([
    [{ host: '', port: 1, framer }, /host/],
    [{ host: '127.0.0.1', port: 0, framer }, /port/],
    [{ host: '127.0.0.1', port: 70_000, framer }, /port/],
    [{ host: '127.0.0.1', port: 1 }, /framer/],
    [{ host: '127.0.0.1', port: 1, framer, connectTimeoutMs: 0 }, /connectTimeoutMs/],
    [{ host: '127.0.0.1', port: 1, framer, mode: 'pooled' }, /correlate/],
    [
      { host: '127.0.0.1', port: 1, framer, mode: 'pooled', correlate: (): string => '', maxConnections: 0 },
      /maxConnections/,
    ],
    [
      {
        host: '127.0.0.1',
        port: 1,
        framer,
        mode: 'pooled',
        correlate: (): string => '',
        reconnect: { maxAttempts: 1_000 },
      },
      /reconnect\.maxAttempts/,
    ],
    [
      {
        host: '127.0.0.1',
        port: 1,
        framer,
        mode: 'pooled',
        correlate: (): string => '',
        heartbeat: { intervalMs: 10 },
      },
      /heartbeat\.payload/,
    ],
    [{ host: '127.0.0.1', port: 1, framer, mode: 'sometimes' }, /mode/],
    [{ host: '127.0.0.1', port: 1, framer, tls: { minVersion: 'TLSv1' } }, /tls\.minVersion/],
  ])('refuses %o with a ConfigError naming the option', (options, pattern) => {
    expect(() => createTcpClient(options as never)).toThrow(ConfigError);
    expect(() => createTcpClient(options as never)).toThrow(pattern);
  });
});
