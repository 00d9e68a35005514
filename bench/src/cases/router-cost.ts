import { createSuccessRateRouter } from '@wirebridge/core';
import { measureAsyncRate } from '../harness/micro-rate.js';
import { type CaseReport, figureRow, limitVerdict } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';

/**
 * Case 6a: the success-rate router with its default in-memory window store, three providers with some history.
 * "Decision" is `rank(amount)` (what `run` does before calling a provider); "record" is one outcome counted.
 * Both are async in the API (the store may be Redis), so each measurement includes one awaited promise.
 */
export async function runRouterCost(settings: RunSettings): Promise<CaseReport> {
  const router = createSuccessRateRouter({
    providers: [
      { name: 'billgate', provider: 'billgate', fee: (amount: number) => Math.max(100, amount * 0.021) },
      { name: 'ventaja', provider: 'ventaja', fee: (amount: number) => Math.max(80, amount * 0.025) },
      { name: 'unionpay', provider: 'unionpay', fee: 300 },
    ],
  });
  for (let index = 0; index < 1_000; index++) {
    await router.record('billgate', index % 10 !== 0);
    await router.record('ventaja', index % 50 !== 0);
  }
  let toggle = 0;
  const decision = await measureAsyncRate(() => router.rank(10_000), settings.microMs);
  const record = await measureAsyncRate(
    () => router.record('unionpay', toggle++ % 3 !== 0),
    settings.microMs,
  );
  const baseline = await measureAsyncRate(() => Promise.resolve(0), settings.microMs);
  return {
    rows: [
      figureRow({
        caseName: 'Router decision (rank, 3 providers, memory store)',
        sdk: `${decision.microsPerOperation.toFixed(2)} µs`,
        baseline: `${baseline.microsPerOperation.toFixed(2)} µs (await only)`,
        cpuPerCall: decision.microsPerOperation.toFixed(2),
        budget: limitVerdict(decision.microsPerOperation, 1, 'µs', 'max'),
      }),
      figureRow({
        caseName: 'Router record (memory store)',
        sdk: `${record.microsPerOperation.toFixed(2)} µs`,
        baseline: `${baseline.microsPerOperation.toFixed(2)} µs (await only)`,
        cpuPerCall: record.microsPerOperation.toFixed(2),
      }),
    ],
    notes: [
      'Router: µs per awaited call; the "await only" column is the cost of awaiting a resolved promise in the same loop, the floor of any async API.',
    ],
  };
}
