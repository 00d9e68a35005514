// @wirebridge/store-redis — explicit public API (DESIGN §11): core's store interfaces on Redis.
export type { CreateRedisStoresOptions, RedisStores } from './create-redis-stores.js';
export { createRedisStores, MAX_RECONNECT_DELAY_MS } from './create-redis-stores.js';
export { RedisBreakerStateStore } from './redis-breaker-state-store.js';
export { RedisIdempotencyStore } from './redis-idempotency-store.js';
export { RedisSequenceStore } from './redis-sequence-store.js';
export type {
  FailurePolicy,
  RedisBreakerStateStoreOptions,
  RedisIdempotencyStoreOptions,
  RedisSequenceStoreOptions,
  RedisStoreOptions,
  RedisWindowStoreOptions,
} from './redis-store-options.js';
export {
  DEFAULT_BREAKER_STATE_TTL_MS,
  DEFAULT_BUCKET_MS,
  DEFAULT_COMMAND_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DAILY_SEQUENCE_TTL_MS,
  DEFAULT_KEY_PREFIX,
  DEFAULT_WINDOW_MS,
} from './redis-store-options.js';
export { RedisWindowStore } from './redis-window-store.js';
