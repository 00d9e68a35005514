import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, FramingError, TransportError } from '../../src/errors/index.js';
import {
  asciiLengthFramer,
  createTcpClient,
  createTcpServer,
  type TcpServer,
  type TcpServerConnection,
} from '../../src/tcp/index.js';
import { rejectionOf, waitFor } from './support/framed-test-server.js';

// Coocon's push framing (§4.2): four ASCII digits that count themselves.
const framer = asciiLengthFramer({ digits: 4, includesPrefix: true });

let server: TcpServer | undefined;
const sockets: Socket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await server?.close();
  server = undefined;
});

/** A raw loopback socket that records what it receives and when it is closed. */
async function rawPeer(port: number) {
  const socket = connect({ host: '127.0.0.1', port });
  sockets.push(socket);
  const received: Buffer[] = [];
  let closed = false;
  let ended = false;
  socket.on('data', (chunk) => received.push(chunk));
  socket.on('end', () => {
    ended = true;
  });
  socket.on('close', () => {
    closed = true;
  });
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    socket,
    received: () => Buffer.concat(received),
    isClosed: () => closed,
    sawEnd: () => ended,
  };
}

describe('createTcpServer', () => {
  it('listens on 127.0.0.1 with an ephemeral port by default and answers frames with framed replies', async () => {
    server = await createTcpServer({
      framer,
      onFrame: (payload) => Buffer.concat([Buffer.from('ACK '), payload]),
    });
    expect(server.address().host).toBe('127.0.0.1');
    expect(server.address().port).toBeGreaterThan(0);
    const peer = await rawPeer(server.address().port);
    peer.socket.write(framer.encode(Buffer.from('DEPOSIT')));
    await waitFor(() => peer.received().length === 15);
    expect(peer.received().toString('latin1')).toBe('0015ACK DEPOSIT');
  });

  it('reads frames split across writes and several frames in one write', async () => {
    const frames: string[] = [];
    server = await createTcpServer({
      framer,
      onFrame: (payload) => {
        frames.push(payload.toString());
        return undefined;
      },
    });
    const peer = await rawPeer(server.address().port);
    const stream = Buffer.concat([framer.encode(Buffer.from('one')), framer.encode(Buffer.from('two'))]);
    peer.socket.write(stream.subarray(0, 2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    peer.socket.write(stream.subarray(2));
    await waitFor(() => frames.length === 2);
    expect(frames).toEqual(['one', 'two']);
  });

  it('answers the frames of one connection in arrival order unless concurrentFrames is set', async () => {
    server = await createTcpServer({
      framer,
      onFrame: async (payload) => {
        // The first frame takes longest: answered in order anyway.
        await new Promise((resolve) => setTimeout(resolve, payload.toString() === 'slow' ? 40 : 0));
        return payload;
      },
    });
    const peer = await rawPeer(server.address().port);
    peer.socket.write(
      Buffer.concat([framer.encode(Buffer.from('slow')), framer.encode(Buffer.from('fast'))]),
    );
    await waitFor(() => peer.received().length === 16);
    expect(peer.received().toString('latin1')).toBe('0008slow0008fast');
  });

  it('closes only the connection that sent a bad length prefix and reports a FramingError', async () => {
    const errors: unknown[] = [];
    server = await createTcpServer({
      framer,
      onFrame: (payload) => payload,
      onError: (error) => errors.push(error),
    });
    const port = server.address().port;
    const good = createTcpClient({ host: '127.0.0.1', port, framer, mode: 'pooled', correlate: String });
    try {
      expect((await good.send(Buffer.from('before'), { timeoutMs: 2_000 })).toString()).toBe('before');
      const probe = await rawPeer(port);
      probe.socket.write('GET / HTTP/1.1\r\n\r\n'); // the HTTP probes seen on public telegram ports
      await waitFor(() => probe.isClosed());
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(FramingError);
      expect((await good.send(Buffer.from('after'), { timeoutMs: 2_000 })).toString()).toBe('after');
      expect(server.connectionCount).toBe(1);
    } finally {
      await good.close();
    }
  });

  it('closes a connection once a frame is answered when closeAfterReply is set', async () => {
    server = await createTcpServer({ framer, closeAfterReply: true, onFrame: () => Buffer.from('ACK') });
    const peer = await rawPeer(server.address().port);
    peer.socket.write(framer.encode(Buffer.from('DEPOSIT')));
    await waitFor(() => peer.sawEnd());
    expect(peer.received().toString('latin1')).toBe('0007ACK');
  });

  it('closes a connection that stays silent for idleTimeoutMs', async () => {
    server = await createTcpServer({ framer, idleTimeoutMs: 50, onFrame: () => undefined });
    const peer = await rawPeer(server.address().port);
    await waitFor(() => peer.isClosed());
    expect(server.connectionCount).toBe(0);
  });

  it('refuses connections over maxConnections and reports them', async () => {
    const errors: unknown[] = [];
    server = await createTcpServer({
      framer,
      maxConnections: 1,
      onFrame: (payload) => payload,
      onError: (error) => errors.push(error),
    });
    const first = await rawPeer(server.address().port);
    await waitFor(() => server?.connectionCount === 1);
    const second = await rawPeer(server.address().port);
    await waitFor(() => second.isClosed());
    expect(errors[0]).toBeInstanceOf(TransportError);
    expect(errors[0]).toMatchObject({ details: { reason: 'too_many_connections' } });
    first.socket.write(framer.encode(Buffer.from('still here')));
    await waitFor(() => first.received().length > 0);
  });

  it('destroys a connection refused by acceptConnection before reading anything', async () => {
    let frames = 0;
    const peers: Array<{ address: string | undefined }> = [];
    server = await createTcpServer({
      framer,
      acceptConnection: (peer) => {
        peers.push(peer);
        return false;
      },
      onFrame: () => {
        frames += 1;
        return undefined;
      },
    });
    const peer = await rawPeer(server.address().port);
    peer.socket.write(framer.encode(Buffer.from('DEPOSIT')));
    await waitFor(() => peer.isClosed());
    expect(frames).toBe(0);
    expect(peers[0]?.address).toMatch(/127\.0\.0\.1/);
  });

  it('closes the connection without a reply when onFrame throws, and reports what it threw', async () => {
    const errors: unknown[] = [];
    server = await createTcpServer({
      framer,
      onFrame: () => {
        throw new Error('handler failed');
      },
      onError: (error) => errors.push(error),
    });
    const peer = await rawPeer(server.address().port);
    peer.socket.write(framer.encode(Buffer.from('DEPOSIT')));
    await waitFor(() => peer.isClosed());
    expect(peer.received()).toHaveLength(0);
    expect(errors).toEqual([new Error('handler failed')]);
  });

  it('pushes telegrams on a connection with connection.send, and refuses once it is closed', async () => {
    const connections: TcpServerConnection[] = [];
    server = await createTcpServer({
      framer,
      onFrame: (_payload, connection) => {
        connections.push(connection);
        return undefined;
      },
    });
    const peer = await rawPeer(server.address().port);
    peer.socket.write(framer.encode(Buffer.from('HELLO')));
    await waitFor(() => connections.length === 1);
    connections[0]?.send(Buffer.from('PUSH'));
    await waitFor(() => peer.received().length === 8);
    expect(peer.received().toString('latin1')).toBe('0008PUSH');
    peer.socket.destroy();
    await connections[0]?.closed;
    expect(() => connections[0]?.send(Buffer.from('late'))).toThrow(TransportError);
  });

  it('reports a port already in use as a TransportError', async () => {
    server = await createTcpServer({ framer, onFrame: () => undefined });
    const error = await rejectionOf(
      createTcpServer({ framer, port: server.address().port, onFrame: () => undefined }),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ details: { reason: 'listen_failed', errorCode: 'EADDRINUSE' } });
  });

  it('refuses invalid options with a ConfigError naming the option', async () => {
    for (const [options, pattern] of [
      [{ onFrame: () => undefined }, /framer/],
      [{ framer }, /onFrame/],
      [{ framer, onFrame: () => undefined, port: -1 }, /port/],
      [{ framer, onFrame: () => undefined, maxConnections: 0 }, /maxConnections/],
      [{ framer, onFrame: () => undefined, idleTimeoutMs: -5 }, /idleTimeoutMs/],
      [{ framer, onFrame: () => undefined, tls: { cert: 'x' } }, /tls/],
      [{ framer, onFrame: () => undefined, tls: { cert: 'not pem', key: 'not pem' } }, /tls/],
    ] as const) {
      const error = await rejectionOf(createTcpServer(options as never));
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(pattern);
    }
  });

  it('destroys every connection on close()', async () => {
    server = await createTcpServer({ framer, onFrame: () => undefined });
    const peer = await rawPeer(server.address().port);
    await waitFor(() => server?.connectionCount === 1);
    await server.close();
    server = undefined;
    await waitFor(() => peer.isClosed());
  });
});

describe('createTcpServer over TLS', () => {
  it('closes even while a peer is stuck in its TLS handshake', async () => {
    const { createTestPki } = await import('../http/support/test-certificates.js');
    const pki = createTestPki();
    server = await createTcpServer({
      framer,
      onFrame: (payload) => payload,
      tls: { cert: pki.server.certificatePem, key: pki.server.privateKeyPem },
    });
    const peer = await rawPeer(server.address().port); // plain TCP: never sends a ClientHello
    await server.close();
    server = undefined;
    await waitFor(() => peer.isClosed());
  });
});
