import type { AddressInfo, Server, Socket } from 'node:net';
import { ConfigError } from '../errors/index.js';

/** Default listening address of every testing server: loopback only, never reachable from the network. */
export const DEFAULT_TESTING_HOST = '127.0.0.1';

/** Where a testing server listens. */
export interface ListenOptions {
  /** Address to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free ephemeral port, read it back from `port`. @default 0 */
  port?: number;
}

/** A listening server whose sockets and pending timers all end with `close()`. */
export interface TrackedServer {
  readonly host: string;
  readonly port: number;
  /** Aborted by `close()`: every pause and delay of the server listens to it, so no timer outlives the server. */
  readonly signal: AbortSignal;
  /** Accepted connections that are still open. */
  readonly sockets: ReadonlySet<Socket>;
  /** Connections accepted since start. */
  readonly connectionCount: number;
  /** Stops listening, destroys every open connection, aborts pending pauses; resolves once the server closed. */
  close(): Promise<void>;
}

/**
 * Checks listen options before any I/O.
 * @throws ConfigError naming `host` or `port`.
 */
export function resolveListenOptions(
  options: ListenOptions,
  subject: string,
): { host: string; port: number } {
  const host = options.host ?? DEFAULT_TESTING_HOST;
  const port = options.port ?? 0;
  if (typeof host !== 'string' || host.length === 0) {
    throw new ConfigError({ message: `${subject}: option host must be a non-empty address` });
  }
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError({ message: `${subject}: option port must be an integer from 0 to 65535` });
  }
  return { host, port };
}

/**
 * Starts `server` listening and tracks every connection it accepts, so `close()` can leave nothing behind
 * (DESIGN §9: simulators are started and stopped by every test).
 * @throws ConfigError when the address cannot be listened on (port in use, unknown address).
 */
export async function listenTracked(
  server: Server,
  options: ListenOptions,
  subject: string,
): Promise<TrackedServer> {
  const { host, port } = resolveListenOptions(options, subject);
  const sockets = new Set<Socket>();
  const controller = new AbortController();
  let connectionCount = 0;
  server.on('connection', (socket: Socket) => {
    connectionCount++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => {
      reject(
        new ConfigError({
          message: `${subject}: cannot listen on ${host}:${port} (${(error as { code?: string }).code ?? error.message})`,
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
  // A socket error after start (a client reset) must never crash the test process.
  server.on('error', () => undefined);

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host,
    port: address.port,
    signal: controller.signal,
    sockets,
    get connectionCount() {
      return connectionCount;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        controller.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** `host:port` as a URL authority (IPv6 addresses in brackets). */
export function formatAuthority(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
