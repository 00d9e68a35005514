import { ConfigError, type Logger } from '@wirebridge/core';
import type { Redis } from 'ioredis';
import { z } from 'zod';

/**
 * What a store does when Redis cannot answer (down, unreachable, too slow):
 * - `fail-closed`: the operation rejects with core's error (TransportError, TimeoutError, ProtocolError);
 * - `fail-open`: the operation behaves as if the shared state were empty (a read returns "no data", a write
 *   is dropped) and the error is logged at `warn`, so the caller carries on with local knowledge only.
 *
 * Only stores where "no data" is a safe answer offer `fail-open`: the window store (a provider with no data
 * counts as 100%, DESIGN §6) and the breaker state store (each instance keeps its own breaker). The
 * idempotency and sequence stores always fail closed: pretending a claim, or inventing a serial, could
 * process a deposit twice or reuse a serial.
 */
export type FailurePolicy = 'fail-open' | 'fail-closed';

/** Default namespace of every key. */
export const DEFAULT_KEY_PREFIX = 'wirebridge:';
/** Default bound on one connection attempt (ioredis `connectTimeout`). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** Default bound on one command, from sending it to its reply (ioredis `commandTimeout`). */
export const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;
// The router's window defaults are core's, so a Redis window and core's memory window always agree (DESIGN §6).
export { DEFAULT_BUCKET_MS, DEFAULT_WINDOW_MS } from '@wirebridge/core';
/**
 * Default lifetime of a stored breaker state after its last `set`: 7 days, longer than any maintenance
 * window an operator isolates a provider for, short enough that a retired breaker name disappears.
 */
export const DEFAULT_BREAKER_STATE_TTL_MS = 7 * 24 * 60 * 60 * 1_000;
/**
 * Default lifetime of a daily sequence after its last `next`: 48 hours, which always ends after the next
 * local midnight in any zone, so a sequence is only dropped once it would have restarted at 1 anyway.
 */
export const DEFAULT_DAILY_SEQUENCE_TTL_MS = 48 * 60 * 60 * 1_000;

/** Options every Redis store class takes. */
export interface RedisStoreOptions {
  /**
   * The ioredis client to use. The store never closes it. For bounded waits configure it like
   * {@link createRedisStores} does (`enableOfflineQueue: false`, `commandTimeout`, `maxRetriesPerRequest: 0`);
   * the store enforces `commandTimeoutMs` itself either way.
   */
  client: Redis;
  /** Prefix of every key, so several services (or environments) share one Redis. @default 'wirebridge:' */
  keyPrefix?: string;
  /** How long an operation waits for a connection attempt in flight. @default 2_000 */
  connectTimeoutMs?: number;
  /** How long an operation waits for Redis to answer. @default 1_000 */
  commandTimeoutMs?: number;
  /** Receives a `warn` for every error a `fail-open` store swallows. @default silentLogger (core) */
  logger?: Logger;
}

/** Options of {@link RedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions extends RedisStoreOptions {
  /**
   * Clock for lock and TTL decisions, in milliseconds since the epoch. Tests inject one to move time.
   * @default the Redis server's clock (TIME), so instances whose clocks drift still agree on lock expiry
   */
  now?: () => number;
}

/** Options of {@link RedisSequenceStore}. */
export interface RedisSequenceStoreOptions extends RedisStoreOptions {
  /** Clock used to compute the local date of `resetDaily` sequences. @default Date.now */
  now?: () => number;
  /** Lifetime of a daily sequence after its last `next`. @default 172_800_000 (48 h) */
  dailyTtlMs?: number;
}

/** Options of {@link RedisWindowStore}. */
export interface RedisWindowStoreOptions extends RedisStoreOptions {
  /** Length of the sliding window; must be the router's `windowMs`. @default 300_000 */
  windowMs?: number;
  /** Width of one bucket; must divide `windowMs`. @default 10_000 */
  bucketMs?: number;
  /** See {@link FailurePolicy}. @default 'fail-open' (a record is dropped, a rate reads as no data) */
  failurePolicy?: FailurePolicy;
}

/** Options of {@link RedisBreakerStateStore}. */
export interface RedisBreakerStateStoreOptions extends RedisStoreOptions {
  /** Lifetime of a stored state after its last `set`. @default 604_800_000 (7 days) */
  ttlMs?: number;
  /** See {@link FailurePolicy}. @default 'fail-open' (`get` answers undefined, `set` is dropped) */
  failurePolicy?: FailurePolicy;
}

const positiveMs = z.number().int().positive().max(2_147_483_647);
const failurePolicy = z.enum(['fail-open', 'fail-closed']);
const client = z.custom<Redis>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { evalsha?: unknown }).evalsha === 'function' &&
    typeof (value as { status?: unknown }).status === 'string',
  { message: 'must be an ioredis client' },
);
const logger = z.custom<Logger>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['debug', 'info', 'warn', 'error'].every(
      (level) => typeof (value as Record<string, unknown>)[level] === 'function',
    ),
  { message: 'must have debug, info, warn and error methods' },
);
const clock = z.custom<() => number>((value) => typeof value === 'function', {
  message: 'must be a function',
});

const baseShape = {
  keyPrefix: z.string().min(1).optional(),
  connectTimeoutMs: positiveMs.optional(),
  commandTimeoutMs: positiveMs.optional(),
  logger: logger.optional(),
};

/** Schema of {@link RedisStoreOptions} and its per-store extensions (each store reads its own fields). */
export const storeOptionsSchema = z.object({
  ...baseShape,
  client,
  now: clock.optional(),
  dailyTtlMs: positiveMs.optional(),
  windowMs: positiveMs.optional(),
  bucketMs: positiveMs.optional(),
  failurePolicy: failurePolicy.optional(),
  ttlMs: positiveMs.optional(),
});

const redisUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  // The URL may hold a password: the message describes the expected shape and never echoes the value.
  { message: 'must be a redis:// or rediss:// URL with a host' },
);

/** Schema of {@link CreateRedisStoresOptions}. */
export const createStoresOptionsSchema = z
  .object({
    ...baseShape,
    url: redisUrl.optional(),
    client: client.optional(),
    now: clock.optional(),
    windowMs: positiveMs.optional(),
    bucketMs: positiveMs.optional(),
    windowFailurePolicy: failurePolicy.optional(),
    breakerFailurePolicy: failurePolicy.optional(),
    breakerStateTtlMs: positiveMs.optional(),
    dailySequenceTtlMs: positiveMs.optional(),
  })
  .refine((options) => (options.url === undefined) !== (options.client === undefined), {
    message: 'give exactly one of url and client',
    path: ['url'],
  });

/** Shared settings resolved from the options, with defaults applied. */
export interface ResolvedStoreSettings {
  client: Redis;
  keyPrefix: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  logger: Logger | undefined;
}

/**
 * Parses `options` with `schema`, or throws a {@link ConfigError} naming every offending option (the
 * message names the first; `details.issues` lists them all). Values are never echoed.
 */
export function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  options: unknown,
  subject: string,
): z.output<Schema> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
    code: issue.code,
  }));
  const first = issues[0]!;
  throw new ConfigError({
    message: `${subject}: option ${first.path || '(options)'} ${first.message}`,
    details: { issues },
  });
}

/** The shared settings of a parsed store option object, with defaults. */
export function resolveSettings(options: z.output<typeof storeOptionsSchema>): ResolvedStoreSettings {
  return {
    client: options.client,
    keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    commandTimeoutMs: options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    logger: options.logger,
  };
}
