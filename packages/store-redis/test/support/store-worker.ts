// A separate service instance for the cross-process tests, run with tsx by test/cross-process.test.ts.
// It connects and prints {"type":"ready"}, then obeys one command per stdin line, answering one JSON line each:
//   go                → runs its share of claims and serials at once (both processes get "go" together)
//   isolate <breaker> → stores an isolated state for the breaker
//   read <breaker>    → reads the breaker's state
//   exit              → closes the stores and exits
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createRedisStores } from '../../src/index.js';

interface WorkerTask {
  url: string;
  keyPrefix: string;
  claimKey: string;
  claims: number;
  sequenceName: string;
  nexts: number;
}

const task = JSON.parse(process.argv[2] ?? '{}') as WorkerTask;
const stores = createRedisStores({ url: task.url, keyPrefix: task.keyPrefix, commandTimeoutMs: 5_000 });
if (stores.client.status !== 'ready') await once(stores.client, 'ready');

const answer = (message: object) =>
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...message })}\n`);
answer({ type: 'ready' });

for await (const line of createInterface({ input: process.stdin })) {
  const [command, argument = ''] = line.trim().split(' ');
  if (command === 'go') {
    const [claims, values] = await Promise.all([
      Promise.all(
        Array.from({ length: task.claims }, () =>
          stores.idempotency.claim(task.claimKey, { ttlMs: 60_000, lockMs: 30_000 }),
        ),
      ),
      Promise.all(Array.from({ length: task.nexts }, () => stores.sequences.next(task.sequenceName))),
    ]);
    answer({ type: 'work', states: claims.map((claim) => claim.state), values });
  } else if (command === 'isolate') {
    await stores.breakerStates.set(argument, { state: 'isolated', since: Date.now() });
    answer({ type: 'isolated' });
  } else if (command === 'read') {
    answer({ type: 'breaker', breaker: (await stores.breakerStates.get(argument)) ?? null });
  } else if (command === 'exit') {
    break;
  }
}
await stores.close();
// The parent may keep its end of the pipe open; stop reading so the process can exit.
process.stdin.destroy();
