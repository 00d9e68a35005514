// The shared store contracts against the Redis stores, on a real redis-server started for this file.
import {
  RedisBreakerStateStore,
  RedisIdempotencyStore,
  RedisSequenceStore,
  RedisWindowStore,
} from '../src/index.js';
import { breakerStateStoreContract } from './contract/breaker-state-store-contract.js';
import { idempotencyStoreContract } from './contract/idempotency-store-contract.js';
import { sequenceStoreContract } from './contract/sequence-store-contract.js';
import { windowStoreContract } from './contract/window-store-contract.js';
import { useRedisServer } from './support/redis-fixture.js';

const redis = useRedisServer();

idempotencyStoreContract(
  'RedisIdempotencyStore',
  (now) => new RedisIdempotencyStore({ client: redis.client, keyPrefix: redis.uniquePrefix(), now }),
);
sequenceStoreContract(
  'RedisSequenceStore',
  (now) => new RedisSequenceStore({ client: redis.client, keyPrefix: redis.uniquePrefix(), now }),
);
windowStoreContract(
  'RedisWindowStore',
  (options) =>
    new RedisWindowStore({
      client: redis.client,
      keyPrefix: redis.uniquePrefix(),
      ...options,
      // Under test the store must report every Redis error rather than hide it.
      failurePolicy: 'fail-closed',
    }),
);
breakerStateStoreContract(
  'RedisBreakerStateStore',
  () =>
    new RedisBreakerStateStore({
      client: redis.client,
      keyPrefix: redis.uniquePrefix(),
      failurePolicy: 'fail-closed',
    }),
);
