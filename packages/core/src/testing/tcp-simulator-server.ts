import net, { type Socket } from 'node:net';
import { ConfigError } from '../errors/index.js';
import type { FrameBoundary } from './frame-boundary.js';
import { assertTestingFramer, FrameSplitter, type TestingFramer } from './frame-boundary.js';
import type { SimulatorFault } from './simulator-faults.js';
import { resetSocket, writeWithFault } from './socket-faults.js';
import { type ListenOptions, listenTracked } from './tracked-server.js';

/** A frame as the TCP simulator received it. */
export interface TcpSimulatorFrame {
  /** The connection it arrived on (1 for the first connection accepted). */
  connectionId: number;
  /** The whole frame, prefix included (with a core framer, `bytes.subarray(framer.prefixBytes)` is the payload). */
  bytes: Buffer;
  /** Milliseconds since the epoch when its last byte arrived. */
  receivedAt: number;
}

/** A connection of the TCP simulator, as `handle` sees it. */
export interface TcpSimulatorConnection {
  /** 1 for the first connection accepted, then 2, 3… */
  readonly id: number;
  readonly remoteAddress: string | undefined;
  /** Writes bytes outside a reply (a second telegram, a heartbeat); resolves once handed to the kernel. */
  write(bytes: Uint8Array): Promise<void>;
  /** Ends the connection after what was written (FIN). */
  end(): void;
  /** Resets the connection (RST). */
  reset(): void;
}

/** What the vendor simulator answers to one frame; the base writes it, applying `fault` on the way. */
export interface TcpSimulatorReply {
  /** Bytes to write back: one frame or several (written as one stream). @default nothing */
  bytes?: Uint8Array | readonly Uint8Array[];
  /**
   * A fault taken from the simulator's switchboard. Socket faults are applied to `bytes`; vendor-level kinds
   * are ignored here, because the vendor simulator applied them when it built the bytes. @default none
   */
  fault?: SimulatorFault | { kind: string };
  /** End the connection after the reply (one request per connection, as some vendors do). @default false */
  end?: boolean;
}

/** A connection closed because its bytes could not be cut into frames. */
export interface TcpSimulatorFramingFailure {
  connectionId: number;
  /** The framer's error message (framers do not echo frame contents). */
  message: string;
}

/** Options of {@link startTcpSimulatorServer}. */
export interface TcpSimulatorServerOptions extends ListenOptions {
  /**
   * How frames are cut: the vendor's core framer (`asciiLengthFramer({ digits: 4, includesPrefix: false })`)
   * or a {@link FrameBoundary}.
   */
  framer: TestingFramer;
  /**
   * Answers one frame. Frames of one connection are handled one at a time, in order. Returning nothing
   * writes nothing. Whatever it throws resets the connection and is kept in `handlerErrors`.
   */
  handle(
    frame: Buffer,
    connection: TcpSimulatorConnection,
  ): TcpSimulatorReply | undefined | Promise<TcpSimulatorReply | undefined>;
}

/** A running TCP simulator base. */
export interface TcpSimulatorServer {
  readonly host: string;
  readonly port: number;
  /** `{ host, port }`, ready to hand to a client's options. */
  readonly address: { host: string; port: number };
  /** Every frame received, oldest first. */
  readonly frames: readonly TcpSimulatorFrame[];
  /** Connections dropped because their bytes were not valid frames. */
  readonly framingFailures: readonly TcpSimulatorFramingFailure[];
  /** Errors thrown by `handle`, oldest first. */
  readonly handlerErrors: readonly unknown[];
  /** Connections accepted since start. */
  readonly connectionCount: number;
  /** Stops listening, destroys every connection and cancels pending delays. */
  close(): Promise<void>;
}

/**
 * Starts the TCP base a vendor simulator builds on (DESIGN §9): a loopback server that cuts each connection's
 * bytes into frames, logs them, hands them to `handle` one at a time, and writes each reply with the fault the
 * simulator took from its switchboard.
 *
 * @throws ConfigError for an invalid option or an address that cannot be listened on.
 */
export async function startTcpSimulatorServer(
  options: TcpSimulatorServerOptions,
): Promise<TcpSimulatorServer> {
  if (typeof options?.handle !== 'function') {
    throw new ConfigError({ message: 'TCP simulator: option handle must be a function' });
  }
  assertTestingFramer(options.framer, 'TCP simulator');
  const frames: TcpSimulatorFrame[] = [];
  const framingFailures: TcpSimulatorFramingFailure[] = [];
  const handlerErrors: unknown[] = [];
  let nextConnectionId = 1;
  const controller = new AbortController();

  // Half-open: a client that sends its request and then ends its side still gets the reply.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const connection = createConnection(nextConnectionId++, socket);
    const splitter = new FrameSplitter(options.framer);
    // One frame at a time per connection, in arrival order, as a vendor host processes a telegram stream.
    let queue = Promise.resolve();
    let framingFailed = false;

    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (framingFailed) return;
      const { frames: complete, error } = splitter.push(chunk);
      for (const frame of complete) {
        frames.push({ connectionId: connection.id, bytes: frame, receivedAt: Date.now() });
        queue = queue.then(() => answer(frame, connection, socket));
      }
      if (error !== undefined) {
        framingFailed = true;
        // The frames before the bad header are answered first, then the connection is dropped.
        framingFailures.push({ connectionId: connection.id, message: messageOf(error) });
        splitter.takeRemainder();
        queue = queue.then(() => resetSocket(socket));
      }
    });
    socket.on('end', () => {
      queue = queue.then(() => connection.end());
    });
  });

  const answer = async (frame: Buffer, connection: TcpSimulatorConnection, socket: Socket): Promise<void> => {
    if (socket.destroyed || controller.signal.aborted) return;
    try {
      const reply = await options.handle(frame, connection);
      if (reply === undefined || socket.destroyed || controller.signal.aborted) return;
      const bytes =
        reply.bytes === undefined ? [] : reply.bytes instanceof Uint8Array ? [reply.bytes] : reply.bytes;
      await writeWithFault(socket, Buffer.concat(bytes), reply.fault, {
        signal: controller.signal,
        end: reply.end === true,
      });
    } catch (error) {
      // A throwing handler or an unwritable reply breaks this connection only, never the test process.
      handlerErrors.push(error);
      resetSocket(socket);
    }
  };

  const tracked = await listenTracked(server, options, 'TCP simulator');
  return {
    host: tracked.host,
    port: tracked.port,
    address: { host: tracked.host, port: tracked.port },
    frames,
    framingFailures,
    handlerErrors,
    get connectionCount() {
      return tracked.connectionCount;
    },
    close: () => {
      controller.abort();
      return tracked.close();
    },
  };
}

function createConnection(id: number, socket: Socket): TcpSimulatorConnection {
  return {
    id,
    remoteAddress: socket.remoteAddress,
    write: (bytes) =>
      new Promise<void>((resolve) => {
        if (socket.destroyed || !socket.writable) {
          resolve();
          return;
        }
        socket.write(bytes, () => resolve());
      }),
    end: () => {
      if (!socket.destroyed) socket.end();
    },
    reset: () => resetSocket(socket),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
