import { ConfigError } from '../errors/families.js';
import { buildTlsSettings } from '../http/tls-settings.js';
import { type Logger, silentLogger } from '../observability/logger.js';
import type { BackoffOptions } from '../resilience/backoff.js';
import type { Framer } from './framer.js';
import type { SocketTarget } from './open-socket.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_POOL_IDLE_TIMEOUT_MS,
  DEFAULT_RECONNECT_ATTEMPTS,
  type PooledTcpClientOptions,
  type TcpClientOptions,
  type TcpHeartbeatOptions,
  type UnsolicitedFrameInfo,
} from './tcp-client-options.js';

/** Pool settings after defaults. @internal */
export interface ResolvedPoolOptions {
  correlate: PooledTcpClientOptions['correlate'];
  maxConnections: number;
  idleTimeoutMs: number;
  heartbeat: Required<TcpHeartbeatOptions> | undefined;
  reconnectAttempts: number;
  backoff: BackoffOptions;
  onUnsolicited: ((frame: Buffer, info: UnsolicitedFrameInfo) => void) | undefined;
}

/** Client settings after validation and defaults. @internal */
export interface ResolvedTcpClientOptions {
  target: SocketTarget;
  framer: Framer;
  logger: Logger;
  pool: ResolvedPoolOptions | undefined;
}

// Node fires a timer longer than 2^31−1 ms after 1 ms instead, which would turn a long timeout into none.
const maxTimerMs = 2_147_483_647;

// Retrying more than this within one call only delays the TransportError the caller needs to see.
const maxReconnectAttempts = 20;
const reconnectBackoffDefaults = { baseDelayMs: 100, maxDelayMs: 2_000 };

/**
 * Checks every option before any socket exists, so a typo is a `ConfigError` naming the option at construction
 * rather than a failed payment (DESIGN §3, §8).
 * @internal
 */
export function resolveTcpClientOptions(options: TcpClientOptions): ResolvedTcpClientOptions {
  if (typeof options !== 'object' || options === null) fail('options are required');
  const vendor = options.vendor;
  if (vendor !== undefined && (typeof vendor !== 'string' || vendor === ''))
    fail('vendor must be a non-empty string');
  if (typeof options.host !== 'string' || options.host.trim() === '')
    fail('host must be a non-empty string', vendor);
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65_535) {
    fail('port must be an integer from 1 to 65535', vendor);
  }
  checkFramer(options.framer, vendor);
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  checkPositive(connectTimeoutMs, 'connectTimeoutMs', vendor);
  const mode = options.mode ?? 'per-request';
  if (mode !== 'per-request' && mode !== 'pooled') fail("mode must be 'per-request' or 'pooled'", vendor);
  if (options.logger !== undefined && typeof options.logger?.warn !== 'function') {
    fail('logger must have debug/info/warn/error methods', vendor);
  }
  const tls = options.tls === undefined ? undefined : buildTlsSettings(options.tls, vendor);
  return {
    target: {
      host: options.host,
      port: options.port,
      connectTimeoutMs,
      tls,
      context: {
        subject: `tcp ${options.host}:${options.port}`,
        ...(vendor === undefined ? {} : { vendor }),
      },
    },
    framer: options.framer,
    logger: options.logger ?? silentLogger,
    pool: options.mode === 'pooled' ? resolvePool(options, vendor) : undefined,
  };
}

function resolvePool(options: PooledTcpClientOptions, vendor: string | undefined): ResolvedPoolOptions {
  if (typeof options.correlate !== 'function') fail("correlate is required in 'pooled' mode", vendor);
  const maxConnections = options.maxConnections ?? 1;
  if (!Number.isInteger(maxConnections) || maxConnections < 1)
    fail('maxConnections must be a positive integer', vendor);
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_POOL_IDLE_TIMEOUT_MS;
  if (typeof idleTimeoutMs !== 'number' || !(idleTimeoutMs >= 0) || idleTimeoutMs > maxTimerMs) {
    fail('idleTimeoutMs must be a non-negative number of milliseconds (0 = never)', vendor);
  }
  if (options.onUnsolicited !== undefined && typeof options.onUnsolicited !== 'function') {
    fail('onUnsolicited must be a function', vendor);
  }
  const reconnect = options.reconnect ?? {};
  const reconnectAttempts = reconnect.maxAttempts ?? DEFAULT_RECONNECT_ATTEMPTS;
  if (
    !Number.isInteger(reconnectAttempts) ||
    reconnectAttempts < 1 ||
    reconnectAttempts > maxReconnectAttempts
  ) {
    fail(`reconnect.maxAttempts must be an integer from 1 to ${maxReconnectAttempts}`, vendor);
  }
  const backoff: BackoffOptions = { ...reconnectBackoffDefaults, ...reconnect };
  checkNonNegative(backoff.baseDelayMs, 'reconnect.baseDelayMs', vendor);
  checkNonNegative(backoff.maxDelayMs, 'reconnect.maxDelayMs', vendor);
  if (backoff.random !== undefined && typeof backoff.random !== 'function') {
    fail('reconnect.random must be a function', vendor);
  }
  return {
    correlate: options.correlate,
    maxConnections,
    idleTimeoutMs,
    heartbeat: options.heartbeat === undefined ? undefined : resolveHeartbeat(options.heartbeat, vendor),
    reconnectAttempts,
    backoff,
    onUnsolicited: options.onUnsolicited,
  };
}

function resolveHeartbeat(
  heartbeat: TcpHeartbeatOptions,
  vendor: string | undefined,
): Required<TcpHeartbeatOptions> {
  if (typeof heartbeat !== 'object' || heartbeat === null) fail('heartbeat must be an object', vendor);
  checkPositive(heartbeat.intervalMs, 'heartbeat.intervalMs', vendor);
  if (typeof heartbeat.payload !== 'function') fail('heartbeat.payload must be a function', vendor);
  if (typeof heartbeat.isReply !== 'function') fail('heartbeat.isReply must be a function', vendor);
  const replyTimeoutMs = heartbeat.replyTimeoutMs ?? heartbeat.intervalMs;
  checkPositive(replyTimeoutMs, 'heartbeat.replyTimeoutMs', vendor);
  return {
    intervalMs: heartbeat.intervalMs,
    payload: heartbeat.payload,
    isReply: heartbeat.isReply,
    replyTimeoutMs,
  };
}

function checkFramer(framer: Framer, vendor: string | undefined): void {
  if (
    typeof framer !== 'object' ||
    framer === null ||
    typeof framer.encode !== 'function' ||
    typeof framer.createDecoder !== 'function'
  ) {
    fail('framer must be a Framer (e.g. asciiLengthFramer(...) or binaryLengthFramer(...))', vendor);
  }
}

function checkPositive(value: number, name: string, vendor: string | undefined): void {
  if (typeof value !== 'number' || !(value > 0) || value > maxTimerMs) {
    fail(`${name} must be a positive number of milliseconds`, vendor);
  }
}

function checkNonNegative(value: number | undefined, name: string, vendor: string | undefined): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
    fail(`${name} must be a non-negative number of milliseconds`, vendor);
  }
}

function fail(message: string, vendor?: string): never {
  throw new ConfigError({
    message: `createTcpClient: ${message}`,
    ...(vendor === undefined ? {} : { vendor }),
  });
}
