import type { HttpTlsOptions } from '../http/http-transport-options.js';
import type { Logger } from '../observability/logger.js';
import type { BackoffOptions } from '../resilience/backoff.js';
import type { Framer } from './framer.js';

/**
 * Client-side TLS for vendors that wrap their TCP protocol in TLS: the same settings as the HTTP transport's
 * (`ca`, mTLS `cert`/`key` or `pfx`, `passphrase`, `minVersion` ≥ TLS 1.2, `rejectUnauthorized`, `servername`),
 * checked at construction. `servername` defaults to `host` when `host` is a name.
 */
export type TcpTlsOptions = HttpTlsOptions;

/** Options every TCP client mode shares. Every invalid value is a `ConfigError` naming the option. */
export interface TcpClientCommonOptions {
  /** Host name or address of the vendor endpoint. */
  host: string;
  /** TCP port of the vendor endpoint (1–65535). */
  port: number;
  /** How frames are delimited on the wire, configured by the vendor package (e.g. `asciiLengthFramer`). */
  framer: Framer;
  /** Vendor name copied onto every error this client raises (`error.vendor`). @default none */
  vendor?: string;
  /**
   * Longest wait for the TCP connection (and the TLS handshake) to complete. Billgate and Coocon both use 2 s.
   * The call's own `timeoutMs` still bounds the whole exchange. @default 2_000
   */
  connectTimeoutMs?: number;
  /** Wrap the connection in TLS. @default plain TCP */
  tls?: TcpTlsOptions;
  /** Receives warnings about dropped connections and unmatched frames (sizes only, never bytes). @default silent */
  logger?: Logger;
}

/**
 * One connection per request: connect, write one frame, read one frame, close (Billgate §3, Coocon §3 outbound).
 * The call's `timeoutMs` bounds connect + write + read, as Billgate's own client computes it.
 */
export interface PerRequestTcpClientOptions extends TcpClientCommonOptions {
  /** @default 'per-request' */
  mode?: 'per-request';
}

/** Heartbeat (echo) telegrams written on idle pooled connections, so a dead line is found before a payment uses it. */
export interface TcpHeartbeatOptions {
  /** Idle time before a heartbeat is written, and between heartbeats while the connection stays idle. */
  intervalMs: number;
  /** Builds the heartbeat payload (framed by the client's framer). Called for every heartbeat. */
  payload: () => Uint8Array;
  /** True for the frame that answers a heartbeat; such frames never reach request correlation. */
  isReply: (frame: Buffer) => boolean;
  /** Without a reply this long after a heartbeat, the connection is treated as dead and closed. @default intervalMs */
  replyTimeoutMs?: number;
}

/** Bounded reconnection of the pool: how many connect attempts one call may make, and the backoff between them. */
export interface TcpReconnectOptions extends BackoffOptions {
  /** Connect attempts per call before its `TransportError` is thrown (1 = no reconnect). At most 20. @default 3 */
  maxAttempts?: number;
}

/** Why a received frame matched no request. */
export interface UnsolicitedFrameInfo {
  /** `no_pending_request`: no call waits for its key (a late reply, or a telegram pushed by the vendor); `correlation_failed`: `correlate` threw on it. */
  reason: 'no_pending_request' | 'correlation_failed';
  /** The key `correlate` returned, when it returned one. */
  key?: string;
}

/**
 * Long-lived connections shared by concurrent calls: up to `maxConnections`, each carrying several requests at
 * once, replies matched to requests by the vendor's `correlate` key.
 */
export interface PooledTcpClientOptions extends TcpClientCommonOptions {
  mode: 'pooled';
  /**
   * Reads the key that pairs a reply with its request (a transaction serial, a user work area). Called on every
   * request payload before it is sent and on every reply payload received. Two calls in flight must not share a key.
   */
  correlate: (payload: Buffer, direction: 'request' | 'response') => string;
  /** Most connections open at once. Many vendors allow one session per merchant. @default 1 */
  maxConnections?: number;
  /** A connection with no request in flight for this long is closed; 0 keeps it open until the peer closes it. @default 30_000 */
  idleTimeoutMs?: number;
  /** Echo telegrams on idle connections. @default none */
  heartbeat?: TcpHeartbeatOptions;
  /** Reconnection bounds. @default 3 attempts, full-jitter backoff from 100 ms capped at 2_000 ms */
  reconnect?: TcpReconnectOptions;
  /**
   * Receives frames that match no call in flight: late replies to calls that already timed out (worth keeping for
   * reconciliation) and telegrams the vendor pushes on our connection. Without it they are logged (size only) and dropped.
   */
  onUnsolicited?: (frame: Buffer, info: UnsolicitedFrameInfo) => void;
}

/** Options of `createTcpClient`. */
export type TcpClientOptions = PerRequestTcpClientOptions | PooledTcpClientOptions;

/** Default `connectTimeoutMs` (Billgate and Coocon: 2 s, Sourced). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** Default `idleTimeoutMs` of pooled connections. */
export const DEFAULT_POOL_IDLE_TIMEOUT_MS = 30_000;
/** Default connect attempts per call in pooled mode. */
export const DEFAULT_RECONNECT_ATTEMPTS = 3;
