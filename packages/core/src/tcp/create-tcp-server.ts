import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { ConfigError, TransportError } from '../errors/families.js';
import type { Framer } from './framer.js';
import { ServerConnection, type ServerConnectionSettings } from './server-connection.js';
import { nodeErrorCode } from './socket-failures.js';
import {
  DEFAULT_SERVER_IDLE_TIMEOUT_MS,
  DEFAULT_SERVER_MAX_CONNECTIONS,
  type TcpServer,
  type TcpServerConnection,
  type TcpServerOptions,
} from './tcp-server-options.js';

/**
 * Starts a framed TCP server: inbound bytes are split into frames by the vendor's framer and handed to
 * `onFrame`, whose reply is framed and written back on the same connection. It is what pushed-telegram receivers
 * (Coocon deposits) and vendor simulators build on. Resolves once listening.
 *
 * @throws ConfigError when an option is invalid; TransportError when the address cannot be bound.
 */
export async function createTcpServer(options: TcpServerOptions): Promise<TcpServer> {
  const settings = resolveServerOptions(options);
  const connections = new Set<ServerConnection>();
  let nextId = 1;
  const report = (error: unknown, connection: TcpServerConnection | undefined) => {
    try {
      options.onError?.(error, connection);
    } catch {
      // A failing error hook must not take the server down.
    }
  };
  const connectionSettings: ServerConnectionSettings = {
    framer: settings.framer,
    onFrame: settings.onFrame,
    closeAfterReply: settings.closeAfterReply,
    concurrentFrames: settings.concurrentFrames,
    idleTimeoutMs: settings.idleTimeoutMs,
    vendor: settings.vendor,
    report,
    onClosed: (connection) => connections.delete(connection),
  };
  const refuse = (socket: Socket, reason: 'too_many_connections' | 'peer_refused') => {
    socket.on('error', () => {});
    socket.destroy();
    report(
      new TransportError({
        message:
          reason === 'too_many_connections'
            ? `tcp server: connection refused, ${settings.maxConnections} connections already open`
            : 'tcp server: connection refused by acceptConnection',
        ...(settings.vendor === undefined ? {} : { vendor: settings.vendor }),
        retryable: reason === 'too_many_connections',
        details: { reason },
      }),
      undefined,
    );
  };
  const accept = (socket: Socket) => {
    if (connections.size >= settings.maxConnections) return refuse(socket, 'too_many_connections');
    if (settings.acceptConnection !== undefined) {
      let accepted = false;
      try {
        accepted =
          settings.acceptConnection({ address: socket.remoteAddress, port: socket.remotePort }) === true;
      } catch {
        accepted = false;
      }
      if (!accepted) return refuse(socket, 'peer_refused');
    }
    socket.setNoDelay(true);
    connections.add(new ServerConnection(socket, nextId++, connectionSettings));
  };

  const server = createListener(settings, accept);
  // Every raw socket, including TLS ones still in their handshake (not yet a connection of ours): close() must
  // destroy those too, or a peer that never finishes its handshake would keep the listener from closing.
  const rawSockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    rawSockets.add(socket);
    socket.once('close', () => rawSockets.delete(socket));
  });
  await listen(server, settings.host, settings.port, settings.vendor);
  server.on('error', (error) => report(error, undefined));
  const bound = server.address();
  const port = typeof bound === 'object' && bound !== null ? bound.port : settings.port;

  return {
    address: () => ({ host: settings.host, port }),
    get connectionCount() {
      return connections.size;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const connection of connections) connection.destroy();
        for (const socket of rawSockets) socket.destroy();
      });
    },
  };
}

function createListener(settings: ResolvedServerOptions, accept: (socket: Socket) => void): Server {
  const { tls } = settings;
  if (tls === undefined) return createNetServer(accept);
  try {
    return createTlsServer(
      {
        cert: tls.cert,
        key: tls.key,
        minVersion: 'TLSv1.2',
        ...(tls.ca === undefined ? {} : { ca: tls.ca as Array<string | Buffer> }),
        requestCert: tls.requestCert === true,
        rejectUnauthorized: tls.requestCert === true,
      },
      accept,
    );
  } catch (cause) {
    throw new ConfigError({
      message: 'createTcpServer: tls.cert or tls.key could not be used (not PEM, or they do not match)',
      ...(settings.vendor === undefined ? {} : { vendor: settings.vendor }),
      cause,
    });
  }
}

function listen(server: Server, host: string, port: number, vendor: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      const errorCode = nodeErrorCode(error);
      reject(
        new TransportError({
          message: `tcp server: cannot listen on ${host}:${port}${errorCode === undefined ? '' : ` (${errorCode})`}`,
          ...(vendor === undefined ? {} : { vendor }),
          retryable: false,
          details: { reason: 'listen_failed', ...(errorCode === undefined ? {} : { errorCode }) },
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

interface ResolvedServerOptions {
  framer: Framer;
  onFrame: TcpServerOptions['onFrame'];
  host: string;
  port: number;
  idleTimeoutMs: number;
  maxConnections: number;
  closeAfterReply: boolean;
  concurrentFrames: boolean;
  acceptConnection: TcpServerOptions['acceptConnection'];
  tls: TcpServerOptions['tls'];
  vendor: string | undefined;
}

function resolveServerOptions(options: TcpServerOptions): ResolvedServerOptions {
  const fail = (message: string): never => {
    throw new ConfigError({ message: `createTcpServer: ${message}` });
  };
  if (typeof options !== 'object' || options === null) fail('options are required');
  const { framer } = options;
  if (typeof framer?.encode !== 'function' || typeof framer?.createDecoder !== 'function') {
    fail('framer must be a Framer (e.g. asciiLengthFramer(...))');
  }
  if (typeof options.onFrame !== 'function') fail('onFrame must be a function');
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') fail('host must be a non-empty string');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail('port must be an integer from 0 to 65535');
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_SERVER_IDLE_TIMEOUT_MS;
  // Node fires a timer longer than 2^31−1 ms after 1 ms instead, which would close every connection at once.
  if (typeof idleTimeoutMs !== 'number' || !(idleTimeoutMs >= 0) || idleTimeoutMs > 2_147_483_647) {
    fail('idleTimeoutMs must be a non-negative number of milliseconds (0 = never)');
  }
  const maxConnections = options.maxConnections ?? DEFAULT_SERVER_MAX_CONNECTIONS;
  if (!Number.isInteger(maxConnections) || maxConnections < 1)
    fail('maxConnections must be a positive integer');
  for (const name of ['closeAfterReply', 'concurrentFrames'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'boolean') fail(`${name} must be a boolean`);
  }
  if (options.acceptConnection !== undefined && typeof options.acceptConnection !== 'function') {
    fail('acceptConnection must be a function');
  }
  if (options.onError !== undefined && typeof options.onError !== 'function')
    fail('onError must be a function');
  if (options.tls !== undefined && (options.tls?.cert === undefined || options.tls?.key === undefined)) {
    fail('tls.cert and tls.key are required for a TLS server');
  }
  if (options.vendor !== undefined && (typeof options.vendor !== 'string' || options.vendor === '')) {
    fail('vendor must be a non-empty string');
  }
  return {
    framer,
    onFrame: options.onFrame,
    host,
    port,
    idleTimeoutMs,
    maxConnections,
    closeAfterReply: options.closeAfterReply ?? false,
    concurrentFrames: options.concurrentFrames ?? false,
    acceptConnection: options.acceptConnection,
    tls: options.tls,
    vendor: options.vendor,
  };
}
