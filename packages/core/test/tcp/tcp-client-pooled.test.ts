import { afterEach, describe, expect, it } from 'vitest';
import {
  FramingError,
  OutcomeUnknownError,
  TransportError,
  ValidationError,
} from '../../src/errors/index.js';
import {
  binaryLengthFramer,
  createTcpClient,
  type PooledTcpClientOptions,
  type TcpTransport,
  type UnsolicitedFrameInfo,
} from '../../src/tcp/index.js';
import {
  deadPort,
  deferred,
  type RecordingHandler,
  type RecordingServer,
  rawWriteFramer,
  recordingLogger,
  rejectionOf,
  startRecordingServer,
  waitFor,
} from './support/framed-test-server.js';

// A long-lived framing of a fictional vendor: 2-byte binary length; the first 4 payload bytes are the
// correlation key (a serial) that the reply echoes.
const framer = binaryLengthFramer({ bytes: 2, includesPrefix: false });
const correlate = (payload: Buffer) => payload.subarray(0, 4).toString('latin1');
const echoReply: RecordingHandler = (payload) =>
  Buffer.concat([payload.subarray(0, 4), Buffer.from(':OK:'), payload.subarray(4)]);

let server: RecordingServer | undefined;
let client: TcpTransport | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function pooledClient(port: number, extra: Partial<PooledTcpClientOptions> = {}) {
  client = createTcpClient({
    host: '127.0.0.1',
    port,
    framer,
    vendor: 'acme',
    mode: 'pooled',
    correlate,
    reconnect: { random: () => 0 },
    ...extra,
  });
  return client;
}

describe('createTcpClient pooled: correlation', () => {
  it('matches concurrent replies to their requests when the server answers out of order on one connection', async () => {
    const answers = new Map<string, ReturnType<typeof deferred<Buffer>>>();
    server = await startRecordingServer(
      framer,
      (payload) => {
        const answer = deferred<Buffer>();
        answers.set(correlate(payload), answer);
        return answer.promise;
      },
      { concurrentFrames: true },
    );
    const transport = pooledClient(server.port);
    const calls = ['0001alpha', '0002bravo', '0003charlie'].map((request) =>
      transport.send(Buffer.from(request), { timeoutMs: 3_000 }),
    );
    await waitFor(() => answers.size === 3);
    for (const key of ['0003', '0001', '0002']) {
      answers.get(key)?.resolve(Buffer.from(`${key}:reply-for-${key}`));
    }
    const replies = await Promise.all(calls);
    expect(replies.map(String)).toEqual([
      '0001:reply-for-0001',
      '0002:reply-for-0002',
      '0003:reply-for-0003',
    ]);
    expect(new Set(server.frames.map((frame) => frame.connectionId))).toEqual(new Set([1]));
  });

  it('reuses the long-lived connection for later calls', async () => {
    server = await startRecordingServer(framer, echoReply);
    const transport = pooledClient(server.port);
    await transport.send(Buffer.from('0001a'), { timeoutMs: 2_000 });
    await transport.send(Buffer.from('0002b'), { timeoutMs: 2_000 });
    expect(server.connections).toHaveLength(1);
  });

  it('opens up to maxConnections connections under concurrency, never more', async () => {
    const answers: Array<() => void> = [];
    server = await startRecordingServer(
      framer,
      (payload) =>
        new Promise<Buffer>((resolve) => {
          answers.push(() => resolve(Buffer.from(payload)));
        }),
      { concurrentFrames: true },
    );
    const transport = pooledClient(server.port, { maxConnections: 2 });
    const calls = ['0001', '0002', '0003', '0004', '0005'].map((key) =>
      transport.send(Buffer.from(key), { timeoutMs: 3_000 }),
    );
    await waitFor(() => answers.length === 5);
    for (const answer of answers) answer();
    await Promise.all(calls);
    expect(server.connections).toHaveLength(2);
  });

  it('refuses a second call with a key already in flight, before writing it', async () => {
    server = await startRecordingServer(framer, async (_payload, connection) => {
      await connection.closed;
      return undefined;
    });
    const transport = pooledClient(server.port);
    const first = rejectionOf(transport.send(Buffer.from('0001first'), { timeoutMs: 300 }));
    await waitFor(() => server?.frames.length === 1);
    const error = await rejectionOf(transport.send(Buffer.from('0001second'), { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.code).toBe('duplicate_correlation_key');
    await first;
    expect(server.frames.map((frame) => frame.payload.toString())).toEqual(['0001first']);
  });

  it('refuses a request whose key cannot be read, before connecting', async () => {
    server = await startRecordingServer(framer, echoReply);
    const transport = pooledClient(server.port, {
      correlate: () => {
        throw new Error('no serial');
      },
    });
    const error = await rejectionOf(transport.send(Buffer.from('0001a'), { timeoutMs: 1_000 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(server.server.connectionCount).toBe(0);
  });

  it('hands a late reply and a pushed telegram to onUnsolicited, and keeps the connection for other calls', async () => {
    const unsolicited: Array<{ frame: string; info: UnsolicitedFrameInfo }> = [];
    const late = deferred<void>();
    server = await startRecordingServer(
      framer,
      async (payload, connection) => {
        if (correlate(payload) === '0001') {
          await late.promise;
          connection.send(Buffer.from('9999:PUSHED'));
        }
        return echoReply(payload, connection);
      },
      { concurrentFrames: true },
    );
    const transport = pooledClient(server.port, {
      onUnsolicited: (frame, info) => unsolicited.push({ frame: frame.toString(), info }),
    });
    const timedOut = await rejectionOf(transport.send(Buffer.from('0001slow'), { timeoutMs: 100 }));
    expect(timedOut).toBeInstanceOf(OutcomeUnknownError);
    expect(timedOut).toMatchObject({ details: { reason: 'timeout' } });
    late.resolve();
    await waitFor(() => unsolicited.length === 2);
    expect(unsolicited).toEqual([
      { frame: '9999:PUSHED', info: { reason: 'no_pending_request', key: '9999' } },
      { frame: '0001:OK:slow', info: { reason: 'no_pending_request', key: '0001' } },
    ]);
    expect((await transport.send(Buffer.from('0002next'), { timeoutMs: 2_000 })).toString()).toBe(
      '0002:OK:next',
    );
    expect(server.connections).toHaveLength(1);
  });
});

describe('createTcpClient pooled: failures', () => {
  it('fails every call in flight as OutcomeUnknownError when the server resets the shared connection', async () => {
    server = await startRecordingServer(
      framer,
      async (_payload, connection) => {
        if (server?.frames.length === 2) connection.reset();
        await connection.closed;
        return undefined;
      },
      { concurrentFrames: true },
    );
    const transport = pooledClient(server.port);
    const errors = await Promise.all([
      rejectionOf(transport.send(Buffer.from('0001a'), { timeoutMs: 3_000 })),
      rejectionOf(transport.send(Buffer.from('0002b'), { timeoutMs: 3_000 })),
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(OutcomeUnknownError);
      expect(error).toMatchObject({ details: { reason: 'reset' } });
    }
  });

  it('fails the calls in flight with FramingError when the reply stream is garbled', async () => {
    // 0xFFFF declares 65 535 bytes, over the 1 KiB limit of the client's framer.
    server = await startRecordingServer(rawWriteFramer(framer), () => Buffer.from([0xff, 0xff, 0x41]));
    client = pooledClient(server.port, {
      framer: binaryLengthFramer({ bytes: 2, includesPrefix: false, maxFrameBytes: 1_024 }),
    });
    const error = await rejectionOf(client.send(Buffer.from('0001a'), { timeoutMs: 2_000 }));
    expect(error).toBeInstanceOf(FramingError);
    expect(error).toMatchObject({ details: { reason: 'frame_too_large' } });
    await server.connections[0]?.closed;
  });

  it('gives up on an unreachable server after the configured number of connect attempts', async () => {
    const transport = pooledClient(await deadPort(), { reconnect: { maxAttempts: 4, random: () => 0 } });
    const error = await rejectionOf(transport.send(Buffer.from('0001a'), { timeoutMs: 3_000 }));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({
      retryable: true,
      details: { reason: 'connection_refused', connectAttempts: 4 },
    });
  });
});

describe('createTcpClient pooled: connection lifecycle', () => {
  it('writes heartbeats on an idle connection and keeps it while they are answered', async () => {
    server = await startRecordingServer(framer, (payload) =>
      payload.toString() === 'ECHO' ? Buffer.from('ECHO-ACK') : echoReply(payload, undefined as never),
    );
    const transport = pooledClient(server.port, {
      heartbeat: {
        intervalMs: 40,
        payload: () => Buffer.from('ECHO'),
        isReply: (frame) => frame.toString() === 'ECHO-ACK',
      },
    });
    await transport.send(Buffer.from('0001a'), { timeoutMs: 2_000 });
    await waitFor(
      () => (server?.frames.filter((frame) => frame.payload.toString() === 'ECHO').length ?? 0) >= 2,
    );
    // Heartbeat replies never reach correlation, and the line is still the first one.
    expect((await transport.send(Buffer.from('0002b'), { timeoutMs: 2_000 })).toString()).toBe('0002:OK:b');
    expect(new Set(server.frames.map((frame) => frame.connectionId))).toEqual(new Set([1]));
  });

  it('closes a connection whose heartbeat is not answered, and reconnects for the next call', async () => {
    server = await startRecordingServer(framer, (payload) =>
      payload.toString() === 'ECHO' ? undefined : echoReply(payload, undefined as never),
    );
    const transport = pooledClient(server.port, {
      heartbeat: {
        intervalMs: 30,
        replyTimeoutMs: 60,
        payload: () => Buffer.from('ECHO'),
        isReply: (frame) => frame.toString() === 'ECHO-ACK',
      },
    });
    await transport.send(Buffer.from('0001a'), { timeoutMs: 2_000 });
    await server.connections[0]?.closed;
    expect(server.frames.some((frame) => frame.payload.toString() === 'ECHO')).toBe(true);
    await transport.send(Buffer.from('0002b'), { timeoutMs: 2_000 });
    expect(server.frames.at(-1)?.connectionId).toBe(2);
  });

  it('closes a connection left idle for idleTimeoutMs', async () => {
    server = await startRecordingServer(framer, echoReply);
    const transport = pooledClient(server.port, { idleTimeoutMs: 50 });
    await transport.send(Buffer.from('0001a'), { timeoutMs: 2_000 });
    await server.connections[0]?.closed;
    expect(server.server.connectionCount).toBe(0);
  });

  it('reconnects after the server restarts on the same port', async () => {
    server = await startRecordingServer(framer, echoReply);
    const port = server.port;
    const log = recordingLogger();
    const transport = pooledClient(port, { logger: log.logger });
    await transport.send(Buffer.from('0001a'), { timeoutMs: 2_000 });
    await server.close();
    // Wait for the client to see the peer's close: a call racing it would write onto a dying socket, which is
    // an unknown outcome by design (see the reset test above).
    await waitFor(() => log.events().includes('tcp.connection_closed'));

    server = await startRecordingServer(framer, echoReply, { port });
    expect((await transport.send(Buffer.from('0002b'), { timeoutMs: 2_000 })).toString()).toBe('0002:OK:b');
    expect(server.connections).toHaveLength(1);
  });

  it('keeps trying within its bounded attempts while the server is down, and succeeds once it is back', async () => {
    const port = await deadPort();
    let restarting: Promise<RecordingServer> | undefined;
    const transport = pooledClient(port, {
      reconnect: {
        maxAttempts: 10,
        baseDelayMs: 300,
        // Called once per backoff, i.e. only after a refused attempt: bring the server back then.
        random: () => {
          restarting ??= startRecordingServer(framer, echoReply, { port });
          return 0.99;
        },
      },
    });
    const reply = await transport.send(Buffer.from('0001a'), { timeoutMs: 10_000 });
    server = await restarting;
    expect(reply.toString()).toBe('0001:OK:a');
    expect(server?.frames).toHaveLength(1);
  });

  it('closes its connections on close(), and the server sees them go', async () => {
    server = await startRecordingServer(framer, echoReply);
    const transport = pooledClient(server.port, { idleTimeoutMs: 0 });
    await transport.send(Buffer.from('0001a'), { timeoutMs: 2_000 });
    await transport.close();
    await server.connections[0]?.closed;
    const error = await rejectionOf(transport.send(Buffer.from('0002b'), { timeoutMs: 2_000 }));
    expect(error).toMatchObject({ code: 'TRANSPORT', details: { reason: 'closed' } });
  });
});
