import type { Logger } from '@wirebridge/core';
import { Redis } from 'ioredis';
import { RedisBreakerStateStore } from './redis-breaker-state-store.js';
import { RedisIdempotencyStore } from './redis-idempotency-store.js';
import { RedisSequenceStore } from './redis-sequence-store.js';
import {
  createStoresOptionsSchema,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_KEY_PREFIX,
  type FailurePolicy,
  parseOptions,
} from './redis-store-options.js';
import { RedisWindowStore } from './redis-window-store.js';

/** Longest pause between two reconnect attempts of a client created from a URL. */
export const MAX_RECONNECT_DELAY_MS = 1_000;

/** Options of {@link createRedisStores}. Give exactly one of `url` and `client`. */
export interface CreateRedisStoresOptions {
  /**
   * `redis://[[username]:password@]host[:port][/db]`, or `rediss://…` for TLS. The stores create, own and
   * `close()` a client configured for bounded waits (no offline queue, `commandTimeoutMs`, no automatic
   * resend of unanswered commands, reconnect every ≤ 1 s). Never echoed in errors.
   */
  url?: string;
  /** An ioredis client you own and close yourself; see {@link RedisStoreOptions.client}. */
  client?: Redis;
  /** Prefix of every key. @default 'wirebridge:' */
  keyPrefix?: string;
  /** Bound on one connection attempt (ioredis `connectTimeout`), and on an operation waiting for it. @default 2_000 */
  connectTimeoutMs?: number;
  /** Bound on one command, from sending to reply. @default 1_000 */
  commandTimeoutMs?: number;
  /** Receives a `warn` for each error a fail-open store swallows, and connection errors at `debug`. @default silent */
  logger?: Logger;
  /** Clock for idempotency locks and daily sequence dates; for tests. @default Redis TIME / Date.now */
  now?: () => number;
  /** Window of the success-rate router; must match the router's. @default 300_000 */
  windowMs?: number;
  /** Bucket width of the window store; must divide `windowMs`. @default 10_000 */
  bucketMs?: number;
  /** Failure policy of the window store. @default 'fail-open' */
  windowFailurePolicy?: FailurePolicy;
  /** Failure policy of the breaker state store. @default 'fail-open' */
  breakerFailurePolicy?: FailurePolicy;
  /** Lifetime of a breaker state after its last `set`. @default 604_800_000 (7 days) */
  breakerStateTtlMs?: number;
  /** Lifetime of a daily sequence after its last `next`. @default 172_800_000 (48 h) */
  dailySequenceTtlMs?: number;
}

/** The four stores of {@link createRedisStores}, sharing one client. */
export interface RedisStores {
  /** Claims for inbound notifications and keyed calls; always fails closed. */
  readonly idempotency: RedisIdempotencyStore;
  /** Telegram serials and STANs; always fails closed. */
  readonly sequences: RedisSequenceStore;
  /** Success-rate windows of the router; fails open by default. */
  readonly windows: RedisWindowStore;
  /** Shared circuit-breaker states; fails open by default. */
  readonly breakerStates: RedisBreakerStateStore;
  /** The client the stores use. */
  readonly client: Redis;
  /** Closes the client when it was created from `url` (a client passed in is left open). Idempotent. */
  close(): Promise<void>;
}

/**
 * Creates the four Redis stores on one connection.
 *
 * ```ts
 * const stores = createRedisStores({ url: process.env.REDIS_URL });
 * const router = createSuccessRateRouter({ providers, store: stores.windows });
 * ```
 *
 * @throws {ConfigError} naming the offending option (an invalid `url`, a non-positive timeout, …), before
 *   any connection is attempted.
 */
export function createRedisStores(options: CreateRedisStoresOptions): RedisStores {
  const parsed = parseOptions(createStoresOptionsSchema, options, 'createRedisStores');
  const connectTimeoutMs = parsed.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const commandTimeoutMs = parsed.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const owned = parsed.client === undefined;
  const client =
    parsed.client ?? createClient(parsed.url!, connectTimeoutMs, commandTimeoutMs, parsed.logger);
  const shared = {
    client,
    keyPrefix: parsed.keyPrefix ?? DEFAULT_KEY_PREFIX,
    connectTimeoutMs,
    commandTimeoutMs,
    ...(parsed.logger === undefined ? {} : { logger: parsed.logger }),
  };
  const clock = parsed.now === undefined ? {} : { now: parsed.now };
  let closing: Promise<void> | undefined;
  return {
    idempotency: new RedisIdempotencyStore({ ...shared, ...clock }),
    sequences: new RedisSequenceStore({
      ...shared,
      ...clock,
      ...(parsed.dailySequenceTtlMs === undefined ? {} : { dailyTtlMs: parsed.dailySequenceTtlMs }),
    }),
    windows: new RedisWindowStore({
      ...shared,
      ...(parsed.windowMs === undefined ? {} : { windowMs: parsed.windowMs }),
      ...(parsed.bucketMs === undefined ? {} : { bucketMs: parsed.bucketMs }),
      ...(parsed.windowFailurePolicy === undefined ? {} : { failurePolicy: parsed.windowFailurePolicy }),
    }),
    breakerStates: new RedisBreakerStateStore({
      ...shared,
      ...(parsed.breakerStateTtlMs === undefined ? {} : { ttlMs: parsed.breakerStateTtlMs }),
      ...(parsed.breakerFailurePolicy === undefined ? {} : { failurePolicy: parsed.breakerFailurePolicy }),
    }),
    client,
    close() {
      if (!owned) return Promise.resolve();
      closing ??= closeClient(client, commandTimeoutMs);
      return closing;
    },
  };
}

function createClient(
  url: string,
  connectTimeoutMs: number,
  commandTimeoutMs: number,
  logger: Logger | undefined,
): Redis {
  const client = new Redis(url, {
    connectTimeout: connectTimeoutMs,
    commandTimeout: commandTimeoutMs,
    // Fail fast instead of queueing while disconnected: a queued claim or breaker write sent minutes later
    // is worse than an error now. Commands in flight when the connection drops fail at once, not resent.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  // Without a listener ioredis prints every failed reconnect to stderr; operations report errors themselves.
  client.on('error', (error: Error) => {
    logger?.debug({ error: { message: error.message } }, 'Redis connection error');
  });
  return client;
}

async function closeClient(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'reconnecting') {
    // Between attempts there is no socket: cancelling the next attempt is all there is to do (no 'end' follows).
    client.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  // QUIT lets in-flight replies arrive; without a ready connection there is nothing to wait for.
  if (client.status === 'ready') await Promise.race([client.quit().catch(() => undefined), deadline]);
  client.disconnect();
  await Promise.race([ended, deadline]);
  clearTimeout(timer);
}
