import { randomUUID } from 'node:crypto';
import { type ClaimResult, type IdempotencyStore, ProtocolError } from '@wirebridge/core';
import { LuaScript } from './lua-script.js';
import { RedisRunner } from './redis-runner.js';
import {
  parseOptions,
  type RedisIdempotencyStoreOptions,
  resolveSettings,
  storeOptionsSchema,
} from './redis-store-options.js';
import { requireName, requirePositive } from './validation.js';

// One hash per key: state ('in_progress' | 'done'), token, lock (lock expiry), expires (record expiry), result.
// `expires` is checked as well as the key's PEXPIRE, so an injected clock and the Redis clock agree.

/** Claims a free or lock-expired key; answers done / in_progress otherwise (core's memory store, in Lua). */
const claimScript = new LuaScript(`
local key = KEYS[1]
local ttl = tonumber(ARGV[1])
local lock = tonumber(ARGV[2])
local token = ARGV[3]
local now = now_ms(ARGV[4])
local entry = redis.call('HMGET', key, 'state', 'token', 'lock', 'expires', 'result')
local expires = tonumber(entry[4])
if entry[1] and expires and expires > now then
  if entry[1] == 'done' then
    if entry[5] then return {'done', entry[5]} end
    return {'done'}
  end
  local lock_expires = tonumber(entry[3])
  if lock_expires and lock_expires > now then return {'in_progress'} end
end
-- Free, or the previous holder's lock expired: this caller takes over. The record outlives its lock so the
-- old holder's token is recognised as stale rather than unknown.
local life = math.max(ttl, lock)
redis.call('DEL', key)
redis.call('HSET', key, 'state', 'in_progress', 'token', token, 'lock', fmt(now + lock), 'expires', fmt(now + life))
redis.call('PEXPIRE', key, math.ceil(life))
return {'claimed'}
`);

/** Marks the key done, only for the live holder of `token`. */
const completeScript = new LuaScript(`
local key = KEYS[1]
local token = ARGV[1]
local ttl = tonumber(ARGV[2])
local now = now_ms(ARGV[3])
local entry = redis.call('HMGET', key, 'state', 'token', 'expires')
local expires = tonumber(entry[3])
if entry[1] ~= 'in_progress' or entry[2] ~= token or not expires or expires <= now then return 0 end
redis.call('DEL', key)
if ARGV[4] == '1' then
  redis.call('HSET', key, 'state', 'done', 'expires', fmt(now + ttl), 'result', ARGV[5])
else
  redis.call('HSET', key, 'state', 'done', 'expires', fmt(now + ttl))
end
redis.call('PEXPIRE', key, math.ceil(ttl))
return 1
`);

/** Deletes the claim, only for the live holder of `token`. */
const releaseScript = new LuaScript(`
local key = KEYS[1]
local now = now_ms(ARGV[2])
local entry = redis.call('HMGET', key, 'state', 'token', 'expires')
local expires = tonumber(entry[3])
if entry[1] ~= 'in_progress' or entry[2] ~= ARGV[1] or not expires or expires <= now then return 0 end
redis.call('DEL', key)
return 1
`);

/**
 * {@link IdempotencyStore} on Redis: one winner per key across every instance (DESIGN §4, §6), with the
 * semantics of core's `MemoryIdempotencyStore` — a lock that expires after `lockMs` if the holder dies, a
 * record that expires after `ttlMs`, and tokens that stop working once another claimer took over.
 *
 * Each operation is one Lua script, so the check and the write are atomic on the server. Key:
 * `<keyPrefix>idempotency:<key>`, a hash with a TTL of `max(ttlMs, lockMs)` while claimed and `ttlMs` once done.
 *
 * Always fails closed: when Redis cannot answer, `claim`, `complete` and `release` reject with a
 * TransportError or TimeoutError; a claim is never pretended.
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #runner: RedisRunner;
  readonly #prefix: string;
  readonly #now: (() => number) | undefined;

  /** @throws {ConfigError} naming the offending option. */
  constructor(options: RedisIdempotencyStoreOptions) {
    const parsed = parseOptions(storeOptionsSchema, options, 'RedisIdempotencyStore');
    const settings = resolveSettings(parsed);
    this.#runner = new RedisRunner(settings.client, settings);
    this.#prefix = `${settings.keyPrefix}idempotency:`;
    this.#now = parsed.now;
  }

  /** The Redis key holding `key`'s record (for operators and tests). */
  keyOf(key: string): string {
    return this.#prefix + key;
  }

  async claim(key: string, options: { ttlMs: number; lockMs: number }): Promise<ClaimResult> {
    requireName(key, 'key', 'IdempotencyStore.claim');
    requirePositive(options?.ttlMs, 'ttlMs', 'IdempotencyStore.claim');
    requirePositive(options.lockMs, 'lockMs', 'IdempotencyStore.claim');
    const token = randomUUID();
    const reply = await this.#runner.run('IdempotencyStore.claim', (client) =>
      claimScript.run(client, [this.keyOf(key)], [options.ttlMs, options.lockMs, token, this.#clock()]),
    );
    const [state, result] = reply as [string, string | undefined];
    if (state === 'claimed') return { state: 'claimed', token };
    if (state === 'done') return result === undefined ? { state: 'done' } : { state: 'done', result };
    if (state === 'in_progress') return { state: 'in_progress' };
    throw new ProtocolError({
      message: 'IdempotencyStore.claim: unexpected reply from the claim script',
      operation: 'IdempotencyStore.claim',
    });
  }

  async complete(key: string, token: string, options: { ttlMs: number; result?: string }): Promise<void> {
    requireName(key, 'key', 'IdempotencyStore.complete');
    requirePositive(options?.ttlMs, 'ttlMs', 'IdempotencyStore.complete');
    const hasResult = options.result !== undefined;
    await this.#runner.run('IdempotencyStore.complete', (client) =>
      completeScript.run(
        client,
        [this.keyOf(key)],
        [
          String(token),
          options.ttlMs,
          this.#clock(),
          hasResult ? '1' : '0',
          hasResult ? String(options.result) : '',
        ],
      ),
    );
  }

  async release(key: string, token: string): Promise<void> {
    requireName(key, 'key', 'IdempotencyStore.release');
    await this.#runner.run('IdempotencyStore.release', (client) =>
      releaseScript.run(client, [this.keyOf(key)], [String(token), this.#clock()]),
    );
  }

  /** The injected time, or '' for "use the Redis server's clock". */
  #clock(): string {
    return this.#now === undefined ? '' : String(this.#now());
  }
}
