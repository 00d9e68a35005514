// Two service instances in separate processes share one Redis: one winner per idempotency key among 200
// concurrent claims, distinct serials, and a breaker isolated by one process is seen by the other.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './support/redis-server.js';
import { Worker } from './support/worker-process.js';

const workerPath = fileURLToPath(new URL('./support/store-worker.ts', import.meta.url));

describe('two service instances in separate processes', () => {
  let server: RedisServer;
  const workers: Worker[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await server?.stop();
  });

  it('gives exactly one of 200 concurrent claims the key and hands out 200 distinct serials, then shares a breaker isolation', async () => {
    const task = {
      url: server.url,
      keyPrefix: 'cross:',
      claimKey: 'kicc:deposit:T0001',
      claims: 100,
      sequenceName: 'coocon:serial',
      nexts: 100,
    };
    const first = new Worker(workerPath, task);
    const second = new Worker(workerPath, task);
    workers.push(first, second);
    expect((await first.next()).type).toBe('ready');
    expect((await second.next()).type).toBe('ready');

    // Both processes are connected and idle: fire together.
    const results = await Promise.all([first.ask('go'), second.ask('go')]);
    expect(results[0]?.pid).not.toBe(results[1]?.pid);
    const states = results.flatMap((result) => result.states ?? []);
    expect(states).toHaveLength(200);
    expect(states.filter((state) => state === 'claimed')).toHaveLength(1);
    expect(states.filter((state) => state === 'in_progress')).toHaveLength(199);
    const values = results.flatMap((result) => result.values ?? []).sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));

    expect((await second.ask('read billgate')).breaker).toBeNull();
    expect((await first.ask('isolate billgate')).type).toBe('isolated');
    expect((await second.ask('read billgate')).breaker?.state).toBe('isolated');

    for (const worker of [first, second]) worker.child.stdin.end('exit\n');
    await Promise.all(
      [first, second].map(
        (worker) =>
          new Promise((resolve) =>
            worker.child.exitCode === null ? worker.child.once('exit', resolve) : resolve(null),
          ),
      ),
    );
    expect([first.child.exitCode, second.child.exitCode]).toEqual([0, 0]);
  }, 30_000);
});
