import type { Framer } from './framer.js';

/** One inbound connection, as handlers see it. */
export interface TcpServerConnection {
  /** Sequence number of the connection within its server, from 1. */
  readonly id: number;
  /** The peer's address as the socket reports it (never taken from the payload). */
  readonly remoteAddress: string | undefined;
  /** The peer's port. */
  readonly remotePort: number | undefined;
  /** Resolves once the connection is closed, whoever closed it. */
  readonly closed: Promise<void>;
  /**
   * Writes one framed payload on this connection (a telegram pushed without a request).
   * @throws FramingError when the framer refuses the payload; TransportError when the connection is closed.
   */
  send(payload: Uint8Array): void;
  /** Closes gracefully (FIN) after what is already written. */
  close(): void;
  /** Closes with a TCP reset (RST), as a crashed peer would: for simulators injecting faults. */
  reset(): void;
}

/** TLS for a server whose clients wrap the protocol in TLS (vendor simulators of such vendors). */
export interface TcpServerTlsOptions {
  /** Server certificate chain (PEM). */
  cert: string | Buffer;
  /** Server private key (PEM). */
  key: string | Buffer;
  /** CAs trusted for client certificates (PEM). @default Node's bundled roots */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Ask for, and require, a client certificate (mTLS). @default false */
  requestCert?: boolean;
}

/**
 * Answers one inbound frame. The returned bytes are framed and written back on the same connection;
 * `undefined` writes nothing. A throw (or rejection) closes the connection without a reply and reaches `onError`.
 */
export type TcpFrameHandler = (
  payload: Buffer,
  connection: TcpServerConnection,
) => Promise<Uint8Array | undefined> | Uint8Array | undefined;

/** Options of `createTcpServer`. Every invalid value is a `ConfigError` naming the option. */
export interface TcpServerOptions {
  /** How inbound frames are delimited (and replies framed). */
  framer: Framer;
  /** Called for every complete inbound frame. */
  onFrame: TcpFrameHandler;
  /** Address to listen on. Loopback by default: exposing a receiver is a deliberate choice. @default '127.0.0.1' */
  host?: string;
  /** Port to listen on; 0 picks a free port, read back with `address()`. @default 0 */
  port?: number;
  /** A connection that receives nothing for this long is closed (Coocon: 10 s idle read timeout); 0 never. @default 10_000 */
  idleTimeoutMs?: number;
  /** Connections open at once; further ones are closed on arrival and reported to `onError`. @default 64 */
  maxConnections?: number;
  /**
   * Close the connection once its first frame was handled (after writing the reply, if any): one telegram per
   * connection, as Coocon pushes deposits. Off, the connection keeps reading frames. @default false
   */
  closeAfterReply?: boolean;
  /**
   * Handle the frames of one connection concurrently, writing each reply when it is ready (replies may leave in a
   * different order than the requests came). Off, a connection's frames are handled one after the other and
   * answered in order. @default false
   */
  concurrentFrames?: boolean;
  /**
   * Decides on the peer's address before anything is read (Coocon §3: addresses outside the allow-list are
   * destroyed before reading). @default every peer is accepted
   */
  acceptConnection?: (peer: { address: string | undefined; port: number | undefined }) => boolean;
  /**
   * Told about every connection closed on an error: a `FramingError` for bytes that are not frames (only that
   * connection closes), whatever `onFrame` threw, a `TransportError` for a connection over `maxConnections` or
   * refused by `acceptConnection`. @default ignored
   */
  onError?: (error: unknown, connection: TcpServerConnection | undefined) => void;
  /** Serve TLS instead of plain TCP. @default plain TCP */
  tls?: TcpServerTlsOptions;
  /** Vendor name copied onto the errors this server reports. @default none */
  vendor?: string;
}

/** A running framed TCP server. */
export interface TcpServer {
  /** Where it listens (the actual port when started with port 0). */
  address(): { host: string; port: number };
  /** Connections open right now. */
  readonly connectionCount: number;
  /** Stops listening, destroys every connection, and resolves once the listener is closed. */
  close(): Promise<void>;
}

/** Default `idleTimeoutMs` of a server (Coocon's receiver: 10 s, Sourced). */
export const DEFAULT_SERVER_IDLE_TIMEOUT_MS = 10_000;
/** Default `maxConnections` of a server. */
export const DEFAULT_SERVER_MAX_CONNECTIONS = 64;
