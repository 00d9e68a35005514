// What the Redis stores add to the shared contracts: key layout, TTLs, bounded memory, the Redis clock,
// clock skew around midnight, script reloading and configuration errors.
import { type ClaimResult, ConfigError, ProtocolError } from '@wirebridge/core';
import { describe, expect, it } from 'vitest';
import {
  createRedisStores,
  DEFAULT_BREAKER_STATE_TTL_MS,
  DEFAULT_DAILY_SEQUENCE_TTL_MS,
  MAX_RECONNECT_DELAY_MS,
  RedisBreakerStateStore,
  RedisIdempotencyStore,
  RedisSequenceStore,
  RedisWindowStore,
} from '../src/index.js';
import { manualClock } from './support/manual-clock.js';
import { useRedisServer } from './support/redis-fixture.js';

const redis = useRedisServer();

function tokenOf(result: ClaimResult): string {
  if (result.state !== 'claimed') throw new Error(`expected a claim, got ${result.state}`);
  return result.token;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe('key layout and TTLs', () => {
  it('keeps an idempotency record under <prefix>idempotency:<key>, expiring after max(ttl, lock) then ttl', async () => {
    const keyPrefix = redis.uniquePrefix();
    const store = new RedisIdempotencyStore({ client: redis.client, keyPrefix });
    const token = tokenOf(await store.claim('deposit:1', { ttlMs: 60_000, lockMs: 90_000 }));
    expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}idempotency:deposit:1`]);
    const claimedTtl = await redis.client.pttl(`${keyPrefix}idempotency:deposit:1`);
    expect(claimedTtl).toBeGreaterThan(80_000);
    expect(claimedTtl).toBeLessThanOrEqual(90_000);
    await store.complete('deposit:1', token, { ttlMs: 20_000, result: 'ack' });
    const doneTtl = await redis.client.pttl(`${keyPrefix}idempotency:deposit:1`);
    expect(doneTtl).toBeGreaterThan(10_000);
    expect(doneTtl).toBeLessThanOrEqual(20_000);
  });

  it('deletes the record on release, leaving nothing behind', async () => {
    const keyPrefix = redis.uniquePrefix();
    const store = new RedisIdempotencyStore({ client: redis.client, keyPrefix });
    const token = tokenOf(await store.claim('deposit:1', { ttlMs: 60_000, lockMs: 5_000 }));
    await store.release('deposit:1', token);
    expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([]);
  });

  it('gives a daily sequence a 48 h TTL and a plain sequence none (dropping it would reuse serials)', async () => {
    const keyPrefix = redis.uniquePrefix();
    const store = new RedisSequenceStore({ client: redis.client, keyPrefix });
    await store.next('coocon:serial', { resetDaily: { timeZone: 'Asia/Seoul' } });
    await store.next('faysal:stan');
    expect((await redis.client.keys(`${keyPrefix}*`)).sort()).toEqual([
      `${keyPrefix}sequence:coocon:serial`,
      `${keyPrefix}sequence:faysal:stan`,
    ]);
    const dailyTtl = await redis.client.pttl(`${keyPrefix}sequence:coocon:serial`);
    expect(dailyTtl).toBeGreaterThan(DEFAULT_DAILY_SEQUENCE_TTL_MS - 60_000);
    expect(dailyTtl).toBeLessThanOrEqual(DEFAULT_DAILY_SEQUENCE_TTL_MS);
    expect(await redis.client.pttl(`${keyPrefix}sequence:faysal:stan`)).toBe(-1);
  });

  it('keeps one hash per window key with at most windowMs / bucketMs fields, expiring after the window', async () => {
    const keyPrefix = redis.uniquePrefix();
    const store = new RedisWindowStore({
      client: redis.client,
      keyPrefix,
      windowMs: 60_000,
      bucketMs: 10_000,
    });
    const start = Date.now();
    for (let second = 0; second < 600; second += 3)
      await store.record('billgate', second % 2 === 0, start + second * 1_000);
    expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}window:billgate`]);
    expect(await redis.client.hlen(`${keyPrefix}window:billgate`)).toBe(store.bucketCount);
    expect(store.bucketCount).toBe(6);
    const ttl = await redis.client.pttl(`${keyPrefix}window:billgate`);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(70_000);
  });

  it('stores a breaker state as JSON under <prefix>breaker:<name>, expiring after 7 days by default', async () => {
    const keyPrefix = redis.uniquePrefix();
    const store = new RedisBreakerStateStore({ client: redis.client, keyPrefix });
    await store.set('kicc', { state: 'isolated', since: 1_700_000_000_000 });
    expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}breaker:kicc`]);
    const ttl = await redis.client.pttl(`${keyPrefix}breaker:kicc`);
    expect(ttl).toBeGreaterThan(DEFAULT_BREAKER_STATE_TTL_MS - 60_000);
    expect(ttl).toBeLessThanOrEqual(DEFAULT_BREAKER_STATE_TTL_MS);
    const short = new RedisBreakerStateStore({ client: redis.client, keyPrefix, ttlMs: 5_000 });
    await short.set('kicc', { state: 'open', since: 1 });
    expect(await redis.client.pttl(`${keyPrefix}breaker:kicc`)).toBeLessThanOrEqual(5_000);
  });

  it('namespaces every store of createRedisStores under the default prefix wirebridge:', async () => {
    const stores = createRedisStores({ client: redis.client });
    const name = redis.uniquePrefix();
    await stores.idempotency.claim(name, { ttlMs: 1_000, lockMs: 1_000 });
    await stores.sequences.next(name, { resetDaily: { timeZone: 'UTC' } });
    await stores.windows.record(name, true, Date.now());
    await stores.breakerStates.set(name, { state: 'open', since: Date.now() });
    const keys = (await redis.client.keys(`wirebridge:*${name}`)).sort();
    expect(keys).toEqual(
      ['breaker', 'idempotency', 'sequence', 'window'].map((kind) => `wirebridge:${kind}:${name}`),
    );
    for (const key of keys) expect(await redis.client.pttl(key)).toBeGreaterThan(0);
    await stores.close(); // a client passed in is left open
    expect(redis.client.status).toBe('ready');
  });
});

describe('RedisIdempotencyStore on the Redis server clock', () => {
  it('expires a lock after lockMs of real time, so a crashed holder does not block the key', async () => {
    const store = new RedisIdempotencyStore({ client: redis.client, keyPrefix: redis.uniquePrefix() });
    const options = { ttlMs: 60_000, lockMs: 1_000 };
    const first = tokenOf(await store.claim('deposit:1', options));
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
    await sleep(1_100);
    const second = tokenOf(await store.claim('deposit:1', options));
    expect(second).not.toBe(first);
    await store.complete('deposit:1', first, { ttlMs: 60_000, result: 'stale' });
    expect(await store.claim('deposit:1', options)).toEqual({ state: 'in_progress' });
  });

  it('answers done from a second store instance sharing the same Redis (another service instance)', async () => {
    const keyPrefix = redis.uniquePrefix();
    const instanceA = new RedisIdempotencyStore({ client: redis.client, keyPrefix });
    const instanceB = new RedisIdempotencyStore({ client: redis.client, keyPrefix });
    const token = tokenOf(await instanceA.claim('deposit:1', { ttlMs: 60_000, lockMs: 5_000 }));
    expect(await instanceB.claim('deposit:1', { ttlMs: 60_000, lockMs: 5_000 })).toEqual({
      state: 'in_progress',
    });
    await instanceA.complete('deposit:1', token, { ttlMs: 60_000, result: '0000' });
    expect(await instanceB.claim('deposit:1', { ttlMs: 60_000, lockMs: 5_000 })).toEqual({
      state: 'done',
      result: '0000',
    });
  });

  it('reloads its scripts when Redis forgot them (restart, SCRIPT FLUSH)', async () => {
    const store = new RedisIdempotencyStore({ client: redis.client, keyPrefix: redis.uniquePrefix() });
    expect((await store.claim('deposit:1', { ttlMs: 1_000, lockMs: 1_000 })).state).toBe('claimed');
    await redis.client.script('FLUSH');
    expect(await store.claim('deposit:1', { ttlMs: 1_000, lockMs: 1_000 })).toEqual({ state: 'in_progress' });
  });

  it('reports a foreign value under its key as a ProtocolError, not as a claim', async () => {
    const keyPrefix = redis.uniquePrefix();
    const store = new RedisIdempotencyStore({ client: redis.client, keyPrefix });
    await redis.client.set(`${keyPrefix}idempotency:deposit:1`, 'not a hash', 'PX', 10_000);
    await expect(store.claim('deposit:1', { ttlMs: 1_000, lockMs: 1_000 })).rejects.toBeInstanceOf(
      ProtocolError,
    );
  });
});

describe('start-up', () => {
  it('lets a burst of operations issued before the connection is up wait for it, with one winner', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const stores = createRedisStores({ url: redis.server.url, keyPrefix: redis.uniquePrefix() });
    try {
      expect(stores.client.status).not.toBe('ready');
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          stores.idempotency.claim('deposit:1', { ttlMs: 60_000, lockMs: 5_000 }),
        ),
      );
      expect(results.filter((result) => result.state === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.state === 'in_progress')).toHaveLength(99);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await stores.close();
    }
  });
});

describe('RedisSequenceStore across instances with skewed clocks', () => {
  it('never restarts a day twice: an instance still before midnight keeps counting after another reset', async () => {
    const keyPrefix = redis.uniquePrefix();
    const seoul = { resetDaily: { timeZone: 'Asia/Seoul' } };
    const ahead = manualClock(Date.parse('2024-03-01T15:00:00.200Z')); // 00:00:00.2 KST, 2 March
    const behind = manualClock(Date.parse('2024-03-01T14:59:59.900Z')); // 23:59:59.9 KST, 1 March
    const storeAhead = new RedisSequenceStore({ client: redis.client, keyPrefix, now: ahead.now });
    const storeBehind = new RedisSequenceStore({ client: redis.client, keyPrefix, now: behind.now });
    expect(await storeBehind.next('serial', seoul)).toBe(1);
    expect(await storeBehind.next('serial', seoul)).toBe(2);
    expect(await storeAhead.next('serial', seoul)).toBe(1); // new day
    // The lagging instance's old date must not restart the new day's sequence at 1 again.
    expect(await storeBehind.next('serial', seoul)).toBe(2);
    expect(await storeAhead.next('serial', seoul)).toBe(3);
  });

  it('survives a new store instance (a restarted service) and continues where it stopped', async () => {
    const keyPrefix = redis.uniquePrefix();
    const before = new RedisSequenceStore({ client: redis.client, keyPrefix });
    await before.next('faysal:stan');
    await before.next('faysal:stan');
    const after = new RedisSequenceStore({ client: redis.client, keyPrefix });
    expect(await after.next('faysal:stan')).toBe(3);
  });
});

describe('configuration', () => {
  function configErrorOf(action: () => unknown): ConfigError {
    try {
      action();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  it('rejects a URL that is not redis:// or rediss:// with a ConfigError naming url, without echoing it', () => {
    const error = configErrorOf(() =>
      createRedisStores({ url: 'http://user:s3cret-pw@cache.internal:6380' }),
    );
    expect(error.message).toContain('url');
    expect(error.message).not.toContain('s3cret-pw');
    expect(JSON.stringify(error.details)).not.toContain('s3cret-pw');
    expect(configErrorOf(() => createRedisStores({ url: 'not a url' })).message).toContain('url');
  });

  it('requires exactly one of url and client', () => {
    expect(configErrorOf(() => createRedisStores({})).message).toContain('url');
    expect(
      configErrorOf(() => createRedisStores({ url: 'redis://127.0.0.1:1', client: redis.client })).message,
    ).toContain('url');
  });

  it('names a bad option: timeouts, prefix, policy, window shape, client', () => {
    const base = { client: redis.client };
    expect(configErrorOf(() => createRedisStores({ ...base, commandTimeoutMs: 0 })).message).toContain(
      'commandTimeoutMs',
    );
    expect(configErrorOf(() => createRedisStores({ ...base, connectTimeoutMs: 1.5 })).message).toContain(
      'connectTimeoutMs',
    );
    expect(configErrorOf(() => createRedisStores({ ...base, keyPrefix: '' })).message).toContain('keyPrefix');
    expect(
      configErrorOf(() =>
        createRedisStores({ ...base, windowFailurePolicy: 'fail-sometimes' as unknown as 'fail-open' }),
      ).message,
    ).toContain('windowFailurePolicy');
    expect(
      configErrorOf(() => createRedisStores({ ...base, windowMs: 300_000, bucketMs: 7_000 })).message,
    ).toContain('bucketMs');
    expect(
      configErrorOf(() => new RedisIdempotencyStore({ client: {} as unknown as typeof redis.client }))
        .message,
    ).toContain('client');
  });

  it('configures the client it creates for bounded waits: no offline queue, command timeout, no resend', async () => {
    const stores = createRedisStores({ url: redis.server.url, connectTimeoutMs: 700, commandTimeoutMs: 300 });
    try {
      expect(stores.client.options).toMatchObject({
        connectTimeout: 700,
        commandTimeout: 300,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
      });
      expect(stores.client.options.retryStrategy?.(100)).toBe(MAX_RECONNECT_DELAY_MS);
    } finally {
      await stores.close();
    }
  });

  it('accepts a rediss:// URL with credentials and a database, and close() ends the client it created', async () => {
    const stores = createRedisStores({ url: 'rediss://user:pw@127.0.0.1:1/2', connectTimeoutMs: 200 });
    await stores.close();
    expect(stores.client.status).toBe('end');
  });
});
