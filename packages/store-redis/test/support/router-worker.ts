// A service instance that routes between two providers on shared Redis state (DESIGN §6), for
// test/cross-process-routing.test.ts. It prints {"type":"ready"}, then obeys one command per stdin line:
//   fail <provider> <n> → records n failures for the provider in the shared window
//   rank                → the router's order for a call, with each provider's counts and circuit
//   isolate <provider>  → isolates the provider's circuit (shared through the breaker-state store)
//   execute <provider>  → runs a call through the provider's circuit: {"ran":true} or the error's name
//   exit                → closes the stores and exits
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { CircuitBreakerRegistry, createSuccessRateRouter } from '@wirebridge/core';
import { createRedisStores } from '../../src/index.js';

const task = JSON.parse(process.argv[2] ?? '{}') as { url: string; keyPrefix: string };
const stores = createRedisStores({ url: task.url, keyPrefix: task.keyPrefix, commandTimeoutMs: 5_000 });
if (stores.client.status !== 'ready') await once(stores.client, 'ready');
const breakers = new CircuitBreakerRegistry({ stateStore: stores.breakerStates, stateRefreshMs: 0 });
const router = createSuccessRateRouter({
  providers: [
    { name: 'billgate', provider: 'billgate', fee: 100 },
    { name: 'ventaja', provider: 'ventaja', fee: 150 },
  ],
  store: stores.windows,
  breakers,
});

const answer = (message: object) =>
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ...message })}\n`);
answer({ type: 'ready' });

for await (const line of createInterface({ input: process.stdin })) {
  const [command, provider = '', count = '0'] = line.trim().split(' ');
  if (command === 'fail') {
    for (let index = 0; index < Number(count); index++) await router.record(provider, false);
    answer({ type: 'recorded' });
  } else if (command === 'rank') {
    const ranked = (await router.rank(10_000)).map(({ provider: name, total, successes, breaker }) => ({
      provider: name,
      total,
      successes,
      breaker,
    }));
    answer({ type: 'ranked', ranked });
  } else if (command === 'isolate') {
    await breakers.isolate(provider);
    answer({ type: 'isolated' });
  } else if (command === 'execute') {
    const outcome = await breakers
      .execute(provider, async () => ({ ran: true }))
      .catch((error: Error) => ({
        ran: false,
        error: error.name,
      }));
    answer({ type: 'executed', ...outcome });
  } else if (command === 'exit') {
    break;
  }
}
await stores.close();
process.stdin.destroy();
