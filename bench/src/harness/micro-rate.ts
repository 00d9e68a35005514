/** Throughput of a synchronous operation: operations per second and microseconds per operation. */
export interface Rate {
  readonly perSecond: number;
  readonly microsPerOperation: number;
  readonly operations: number;
}

/**
 * Runs `operation` in chunks until `durationMs` of wall time has passed, after a warm-up of the same length/4
 * (so the JIT has optimized it). Chunks keep `performance.now()` out of the measured loop. The returned value of
 * `operation` is folded into a sink so the optimizer cannot drop the work.
 */
export function measureRate(operation: () => unknown, durationMs: number, chunk = 1_000): Rate {
  let sink = 0;
  const run = (forMs: number) => {
    let operations = 0;
    const startedAt = performance.now();
    let elapsed = 0;
    while (elapsed < forMs) {
      for (let index = 0; index < chunk; index++) {
        if (operation() === sink) sink++;
      }
      operations += chunk;
      elapsed = performance.now() - startedAt;
    }
    return { operations, elapsed };
  };
  run(durationMs / 4);
  const { operations, elapsed } = run(durationMs);
  if (sink === -1) console.log(sink);
  return {
    perSecond: (operations / elapsed) * 1_000,
    microsPerOperation: (elapsed * 1_000) / operations,
    operations,
  };
}

/** The same for an async operation awaited one at a time (router calls go through promises). */
export async function measureAsyncRate(
  operation: () => Promise<unknown>,
  durationMs: number,
  chunk = 1_000,
): Promise<Rate> {
  const run = async (forMs: number) => {
    let operations = 0;
    const startedAt = performance.now();
    let elapsed = 0;
    while (elapsed < forMs) {
      for (let index = 0; index < chunk; index++) await operation();
      operations += chunk;
      elapsed = performance.now() - startedAt;
    }
    return { operations, elapsed };
  };
  await run(durationMs / 4);
  const { operations, elapsed } = await run(durationMs);
  return {
    perSecond: (operations / elapsed) * 1_000,
    microsPerOperation: (elapsed * 1_000) / operations,
    operations,
  };
}

export function formatRate(perSecond: number, unit: string): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M ${unit}/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k ${unit}/s`;
  return `${perSecond.toFixed(0)} ${unit}/s`;
}
