import { ConfigError, ProtocolError, type WindowStore } from '@wirebridge/core';
import { applyFailurePolicy } from './failure-policy.js';
import { LuaScript } from './lua-script.js';
import { RedisRunner } from './redis-runner.js';
import {
  DEFAULT_BUCKET_MS,
  DEFAULT_WINDOW_MS,
  type FailurePolicy,
  parseOptions,
  type RedisWindowStoreOptions,
  resolveSettings,
  storeOptionsSchema,
} from './redis-store-options.js';
import { requireName, requireTime } from './validation.js';

/**
 * Counts one outcome into the ring slot of its bucket: field `epoch % bucketCount` holds
 * "epoch:successes:total". A slot holding a newer bucket means the record is older than the window: dropped.
 */
const recordScript = new LuaScript(`
local key = KEYS[1]
local epoch = tonumber(ARGV[1])
local slot = fmt(epoch % tonumber(ARGV[2]))
local successes, total = 0, 0
local current = redis.call('HGET', key, slot)
if current then
  local stored_epoch, stored_successes, stored_total = string.match(current, '^([^:]+):([^:]+):([^:]+)$')
  stored_epoch = tonumber(stored_epoch)
  if stored_epoch and stored_epoch > epoch then return 0 end
  if stored_epoch == epoch then
    successes = tonumber(stored_successes) or 0
    total = tonumber(stored_total) or 0
  end
end
total = total + 1
if ARGV[3] == '1' then successes = successes + 1 end
redis.call('HSET', key, slot, fmt(epoch) .. ':' .. fmt(successes) .. ':' .. fmt(total))
redis.call('PEXPIRE', key, ARGV[4])
return 1
`);

const slotValue = /^(-?\d+):(\d+):(\d+)$/;

/**
 * {@link WindowStore} on Redis: success/total counts over a sliding window, shared by every instance's
 * router (DESIGN §6), with the semantics of core's `MemoryWindowStore` (same ring of fixed buckets: a record
 * at least `windowMs` old never counts, one younger than `windowMs − bucketMs` always does).
 *
 * Key: `<keyPrefix>window:<key>`, one hash per provider with at most `windowMs / bucketMs` fields (30 by
 * default), expiring `windowMs + bucketMs` after the last record. `record` is one Lua script; `rate` is one
 * HGETALL, both O(buckets).
 *
 * Fails open by default: when Redis cannot answer, `record` is dropped and `rate` answers `{ 0, 0 }` — no data,
 * which the router counts as 100% — and the error is logged. With `failurePolicy: 'fail-closed'` both reject.
 */
export class RedisWindowStore implements WindowStore {
  readonly #runner: RedisRunner;
  readonly #prefix: string;
  readonly #bucketMs: number;
  readonly #bucketCount: number;
  readonly #ttlMs: number;
  readonly #policy: FailurePolicy;
  readonly #logger: RedisWindowStoreOptions['logger'];

  /** @throws {ConfigError} naming the offending option (`bucketMs` when it does not divide `windowMs`). */
  constructor(options: RedisWindowStoreOptions) {
    const parsed = parseOptions(storeOptionsSchema, options, 'RedisWindowStore');
    const settings = resolveSettings(parsed);
    const windowMs = parsed.windowMs ?? DEFAULT_WINDOW_MS;
    const bucketMs = parsed.bucketMs ?? DEFAULT_BUCKET_MS;
    if (windowMs % bucketMs !== 0) {
      throw new ConfigError({
        message: 'RedisWindowStore: option bucketMs must divide windowMs',
        details: { issues: [{ path: 'bucketMs', message: 'must divide windowMs', code: 'not_multiple_of' }] },
      });
    }
    this.#runner = new RedisRunner(settings.client, settings);
    this.#prefix = `${settings.keyPrefix}window:`;
    this.#bucketMs = bucketMs;
    this.#bucketCount = windowMs / bucketMs;
    this.#ttlMs = windowMs + bucketMs;
    this.#policy = parsed.failurePolicy ?? 'fail-open';
    this.#logger = settings.logger;
  }

  /** Number of buckets (hash fields) kept per key: `windowMs / bucketMs`. */
  get bucketCount(): number {
    return this.#bucketCount;
  }

  /** The Redis key holding `key`'s buckets (for operators and tests). */
  keyOf(key: string): string {
    return this.#prefix + key;
  }

  async record(key: string, success: boolean, at: number): Promise<void> {
    requireName(key, 'key', 'WindowStore.record');
    requireTime(at, 'at', 'WindowStore.record');
    const epoch = Math.floor(at / this.#bucketMs);
    await applyFailurePolicy(
      this.#policy,
      this.#logger,
      'WindowStore.record',
      async () => {
        await this.#runner.run('WindowStore.record', (client) =>
          recordScript.run(
            client,
            [this.keyOf(key)],
            [epoch, this.#bucketCount, success ? '1' : '0', this.#ttlMs],
          ),
        );
      },
      () => undefined,
    );
  }

  async rate(key: string, now: number): Promise<{ successes: number; total: number }> {
    requireName(key, 'key', 'WindowStore.rate');
    requireTime(now, 'now', 'WindowStore.rate');
    const newest = Math.floor(now / this.#bucketMs);
    const oldest = newest - this.#bucketCount + 1;
    return applyFailurePolicy(
      this.#policy,
      this.#logger,
      'WindowStore.rate',
      async () => {
        const slots = await this.#runner.run('WindowStore.rate', (client) => client.hvals(this.keyOf(key)));
        let successes = 0;
        let total = 0;
        for (const value of slots) {
          const match = slotValue.exec(value);
          if (match === null) {
            throw new ProtocolError({
              message: 'WindowStore.rate: a bucket in Redis is not in the expected format',
              operation: 'WindowStore.rate',
            });
          }
          const epoch = Number(match[1]);
          if (epoch >= oldest && epoch <= newest) {
            successes += Number(match[2]);
            total += Number(match[3]);
          }
        }
        return { successes, total };
      },
      () => ({ successes: 0, total: 0 }),
    );
  }
}
