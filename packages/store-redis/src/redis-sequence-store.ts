import { localDate, type SequenceStore } from '@wirebridge/core';
import { LuaScript } from './lua-script.js';
import { RedisRunner } from './redis-runner.js';
import {
  DEFAULT_DAILY_SEQUENCE_TTL_MS,
  parseOptions,
  type RedisSequenceStoreOptions,
  resolveSettings,
  storeOptionsSchema,
} from './redis-store-options.js';
import { requireName } from './validation.js';

/**
 * Next value of a sequence hash { value, date }. ARGV[1] is the caller's local date ('' without resetDaily).
 * A newer date restarts at 1; an older date (an instance whose clock lags behind midnight) only increments,
 * so two instances straddling midnight never hand out the same serial twice on the new day.
 */
const nextScript = new LuaScript(`
local key = KEYS[1]
local date = ARGV[1]
local entry = redis.call('HMGET', key, 'value', 'date')
local stored_date = entry[2]
local value
if not entry[1] or (date ~= '' and stored_date and date > stored_date) then
  value = 1
  redis.call('DEL', key)
  redis.call('HSET', key, 'value', 1)
  if date ~= '' then redis.call('HSET', key, 'date', date) end
else
  value = redis.call('HINCRBY', key, 'value', 1)
  -- A counter first used without resetDaily adopts today's date rather than restarting (as in core).
  if date ~= '' and not stored_date then redis.call('HSET', key, 'date', date) end
end
if redis.call('HEXISTS', key, 'date') == 1 then redis.call('PEXPIRE', key, ARGV[2]) end
return value
`);

/**
 * {@link SequenceStore} on Redis: serials shared by every instance and surviving restarts (DESIGN §6), with
 * the semantics of core's `MemorySequenceStore` (start at 1; with `resetDaily`, start again at 1 on the first
 * call of a new local day in `resetDaily.timeZone`).
 *
 * Key: `<keyPrefix>sequence:<name>`, a hash. A daily sequence expires `dailyTtlMs` (48 h) after its last use,
 * always after the reset it would have undergone anyway. A sequence without `resetDaily` has no TTL: dropping
 * it would restart it at 1 and reuse serials a vendor has already seen; such names are a fixed, small set.
 *
 * Always fails closed: when Redis cannot answer, `next` rejects (TransportError, TimeoutError). After a lost
 * reply a value may be skipped, never handed out twice.
 */
export class RedisSequenceStore implements SequenceStore {
  readonly #runner: RedisRunner;
  readonly #prefix: string;
  readonly #now: () => number;
  readonly #dailyTtlMs: number;

  /** @throws {ConfigError} naming the offending option. */
  constructor(options: RedisSequenceStoreOptions) {
    const parsed = parseOptions(storeOptionsSchema, options, 'RedisSequenceStore');
    const settings = resolveSettings(parsed);
    this.#runner = new RedisRunner(settings.client, settings);
    this.#prefix = `${settings.keyPrefix}sequence:`;
    this.#now = parsed.now ?? Date.now;
    this.#dailyTtlMs = parsed.dailyTtlMs ?? DEFAULT_DAILY_SEQUENCE_TTL_MS;
  }

  /** The Redis key holding sequence `name` (for operators and tests). */
  keyOf(name: string): string {
    return this.#prefix + name;
  }

  /**
   * @throws {ValidationError} naming `name` when it is empty, or `resetDaily.timeZone` when the zone is unknown.
   */
  async next(name: string, options?: { resetDaily?: { timeZone: string } }): Promise<number> {
    requireName(name, 'name', 'SequenceStore.next');
    const resetDaily = options?.resetDaily;
    // Computed before any I/O, so a bad zone leaves the sequence unchanged.
    const date =
      resetDaily === undefined ? '' : localDate(this.#now(), resetDaily.timeZone, 'resetDaily.timeZone');
    const value = await this.#runner.run('SequenceStore.next', (client) =>
      nextScript.run(client, [this.keyOf(name)], [date, this.#dailyTtlMs]),
    );
    return Number(value);
  }
}
