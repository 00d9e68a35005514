import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Helpers prepended to every script. `now_ms` reads the Redis server's clock unless the caller passed one
 * (tests inject a clock; production uses one clock for every instance, so skewed hosts agree on lock
 * expiry). Redis 7 replicates script effects, so calling TIME inside a writing script is allowed.
 * `fmt` writes times without Lua's default 14-digit rounding.
 */
const prelude = `
local function now_ms(given)
  if given ~= '' then return tonumber(given) end
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function fmt(number) return string.format('%.17g', number) end
`;

/**
 * A Lua script run with EVALSHA, falling back to EVAL when the server does not know it yet (after a restart
 * or a SCRIPT FLUSH). It does not use ioredis `defineCommand`, so a client passed in by the application is
 * not modified. A script runs atomically: no other command interleaves with it.
 */
export class LuaScript {
  readonly source: string;
  readonly sha: string;

  constructor(body: string) {
    this.source = prelude + body;
    this.sha = createHash('sha1').update(this.source).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
