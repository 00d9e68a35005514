import { createServer } from 'node:net';
import {
  createTcpServer,
  type Framer,
  type TcpServer,
  type TcpServerConnection,
  type TcpServerOptions,
} from '../../../src/tcp/index.js';

/** A loopback framed server that records what it received, for client tests. */
export interface RecordingServer {
  server: TcpServer;
  port: number;
  /** Every frame payload received, in order, with the id of its connection. */
  frames: Array<{ payload: Buffer; connectionId: number }>;
  /** Every connection accepted, in order. */
  connections: TcpServerConnection[];
  /** Everything reported to `onError`. */
  errors: unknown[];
  close(): Promise<void>;
}

export type RecordingHandler = (
  payload: Buffer,
  connection: TcpServerConnection,
) => Promise<Uint8Array | undefined> | Uint8Array | undefined;

/** Starts {@link createTcpServer} on 127.0.0.1 with `framer`, recording frames, connections and errors. */
export async function startRecordingServer(
  framer: Framer,
  handler: RecordingHandler,
  options: Partial<Omit<TcpServerOptions, 'framer' | 'onFrame' | 'onError'>> = {},
): Promise<RecordingServer> {
  const frames: RecordingServer['frames'] = [];
  const connections: TcpServerConnection[] = [];
  const errors: unknown[] = [];
  const seen = new Set<number>();
  const note = (connection: TcpServerConnection) => {
    if (seen.has(connection.id)) return;
    seen.add(connection.id);
    connections.push(connection);
  };
  const server = await createTcpServer({
    ...options,
    framer,
    onFrame: (payload, connection) => {
      note(connection);
      frames.push({ payload: Buffer.from(payload), connectionId: connection.id });
      return handler(payload, connection);
    },
    onError: (error, connection) => {
      if (connection !== undefined) note(connection);
      errors.push(error);
    },
  });
  return {
    server,
    port: server.address().port,
    frames,
    connections,
    errors,
    close: () => server.close(),
  };
}

/** A port nothing listens on (bound then released), for connection-refused tests. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A plain TCP server that accepts and never writes: a TLS client's handshake against it never completes.
 * Resolves `accepted` for each connection and closes everything on `close()`.
 */
export async function startSilentServer(): Promise<{
  port: number;
  accepted: number;
  close(): Promise<void>;
}> {
  const sockets = new Set<import('node:net').Socket>();
  const state = { accepted: 0 };
  const server = createServer((socket) => {
    state.accepted += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : 0,
    get accepted() {
      return state.accepted;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Polls `condition` every 5 ms until it holds; fails after `timeoutMs` (a wait, never a timing assertion). */
export async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A framer that decodes like `base` but writes payload bytes as they are: lets a test server send garbage. */
export function rawWriteFramer(base: Framer): Framer {
  return {
    prefixBytes: base.prefixBytes,
    maxFrameBytes: Number.MAX_SAFE_INTEGER,
    encode: (payload) => Buffer.from(payload),
    createDecoder: () => base.createDecoder(),
  };
}

/** Resolves with the rejection of `promise`; fails the test if it resolves. */
export function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

/** A promise with its resolver exposed. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A logger that keeps every entry, so tests can wait for the client to report an event. */
export function recordingLogger(): {
  logger: import('../../../src/observability/index.js').Logger;
  events(): string[];
  entries: Array<{ level: string; object: Record<string, unknown>; message: string | undefined }>;
} {
  const entries: Array<{ level: string; object: Record<string, unknown>; message: string | undefined }> = [];
  const write = (level: string) => (object: object, message?: string) => {
    entries.push({ level, object: object as Record<string, unknown>, message });
  };
  return {
    logger: { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') },
    events: () => entries.map((entry) => String(entry.object.event)),
    entries,
  };
}
