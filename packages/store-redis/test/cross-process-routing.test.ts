// Two router instances in separate processes on one Redis (issue 11): they route on the same success windows,
// and a circuit isolated by one (an admin call) is open in the other.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './support/redis-server.js';
import { Worker } from './support/worker-process.js';

const workerPath = fileURLToPath(new URL('./support/router-worker.ts', import.meta.url));

describe('success-rate routing shared across processes', () => {
  let server: RedisServer;
  const workers: Worker[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await server?.stop();
  });

  it('shares windows and breaker isolation between two router instances', async () => {
    const task = { url: server.url, keyPrefix: 'routing:' };
    const first = new Worker(workerPath, task);
    const second = new Worker(workerPath, task);
    workers.push(first, second);
    expect((await first.next()).type).toBe('ready');
    expect((await second.next()).type).toBe('ready');

    // With no data both count as 100 %: the cheaper one first, in both processes.
    expect((await second.ask('rank')).ranked?.map((entry) => entry.provider)).toEqual([
      'billgate',
      'ventaja',
    ]);

    // Failures seen by one instance demote the provider in the other.
    expect((await first.ask('fail billgate 10')).type).toBe('recorded');
    const afterFailures = (await second.ask('rank')).ranked ?? [];
    expect(afterFailures.map((entry) => entry.provider)).toEqual(['ventaja', 'billgate']);
    expect(afterFailures[1]).toMatchObject({ provider: 'billgate', total: 10, successes: 0 });

    // An isolation from an admin path on one instance opens the circuit on the other.
    expect((await second.ask('execute ventaja')).ran).toBe(true);
    expect((await first.ask('isolate ventaja')).type).toBe('isolated');
    expect(await second.ask('execute ventaja')).toMatchObject({ ran: false, error: 'CircuitOpenError' });
    const afterIsolation = (await second.ask('rank')).ranked ?? [];
    expect(afterIsolation.find((entry) => entry.provider === 'ventaja')?.breaker).toBe('isolated');

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
