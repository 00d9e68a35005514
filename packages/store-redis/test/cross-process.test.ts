// Two service instances in separate processes share one Redis: one winner per idempotency key among 200
// concurrent claims, distinct serials, and a breaker isolated by one process is seen by the other.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './support/redis-server.js';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const workerPath = fileURLToPath(new URL('./support/store-worker.ts', import.meta.url));

/** tsx's ESM loader (a devDependency), so the worker processes run the TypeScript sources directly. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(`${packageRoot}package.json`).resolve('tsx/esm')).href;
}

interface Answer {
  pid: number;
  type: string;
  states?: string[];
  values?: number[];
  breaker?: { state: string; since: number } | null;
}

/** A worker process driven line by line; `next()` is its next JSON answer (or its crash, with stderr). */
class Worker {
  readonly child: ChildProcessWithoutNullStreams;
  readonly #answers: Answer[] = [];
  readonly #waiting: { resolve: (answer: Answer) => void; reject: (error: Error) => void }[] = [];
  #stderr = '';
  #exited: Error | undefined;

  constructor(task: Record<string, unknown>) {
    this.child = spawn(
      process.execPath,
      ['--conditions=@wirebridge/source', '--import', tsxLoader(), workerPath, JSON.stringify(task)],
      { cwd: packageRoot, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4_000);
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      const waiter = this.#waiting.shift();
      if (waiter) waiter.resolve(answer);
      else this.#answers.push(answer);
    });
    this.child.once('exit', (code) => {
      this.#exited = new Error(`worker exited with ${code}: ${this.#stderr}`);
      for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#exited);
    });
  }

  next(): Promise<Answer> {
    const answer = this.#answers.shift();
    if (answer) return Promise.resolve(answer);
    if (this.#exited) return Promise.reject(this.#exited);
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async ask(command: string): Promise<Answer> {
    this.child.stdin.write(`${command}\n`);
    return this.next();
  }
}

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
    const first = new Worker(task);
    const second = new Worker(task);
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
