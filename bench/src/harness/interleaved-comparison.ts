import { median } from './statistics.js';

/** One way of making the call under test: the SDK path or a raw baseline. */
export type CallUnderTest = () => Promise<unknown>;

/** What one side of a comparison measured. */
export interface SideMeasurement {
  /** Wall time of every measured call, milliseconds, in arrival order. */
  readonly latenciesMs: number[];
  /** Median latency of each batch (one per round). */
  readonly batchMediansMs: number[];
  /** User + system CPU of this process over all measured batches, microseconds. */
  readonly cpuMicros: number;
  readonly calls: number;
}

export interface Comparison {
  readonly sdk: SideMeasurement;
  readonly baselines: readonly SideMeasurement[];
}

export interface ComparisonPlan {
  readonly sdk: CallUnderTest;
  /** One or more baselines, each interleaved with the SDK in every round. */
  readonly baselines: readonly CallUnderTest[];
  readonly rounds: number;
  readonly batchSize: number;
  readonly warmupCalls: number;
}

/**
 * Runs the SDK and its baselines in alternating batches of sequential calls. Interleaving (and rotating who goes
 * first) spreads drift — other tenants on the CPUs, GC, the simulator's growing ledgers — evenly over both sides,
 * which a run-all-SDK-then-all-baseline schedule would not.
 */
export async function compareInterleaved(plan: ComparisonPlan): Promise<Comparison> {
  const sides = [plan.sdk, ...plan.baselines];
  for (let call = 0; call < plan.warmupCalls; call++) {
    for (const side of sides) await side();
  }
  const measurements = sides.map(() => ({
    latenciesMs: [] as number[],
    batchMediansMs: [] as number[],
    cpuMicros: 0,
    calls: 0,
  }));
  for (let round = 0; round < plan.rounds; round++) {
    for (let turn = 0; turn < sides.length; turn++) {
      const index = (round + turn) % sides.length;
      await runBatch(sides[index]!, plan.batchSize, measurements[index]!);
    }
  }
  const [sdk, ...baselines] = measurements;
  return { sdk: sdk!, baselines };
}

async function runBatch(
  call: CallUnderTest,
  batchSize: number,
  into: { latenciesMs: number[]; batchMediansMs: number[]; cpuMicros: number; calls: number },
): Promise<void> {
  const batch: number[] = new Array(batchSize);
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < batchSize; index++) {
    const startedAt = performance.now();
    await call();
    batch[index] = performance.now() - startedAt;
  }
  const cpu = process.cpuUsage(cpuBefore);
  into.cpuMicros += cpu.user + cpu.system;
  into.calls += batchSize;
  into.latenciesMs.push(...batch);
  into.batchMediansMs.push(median(batch));
}

/**
 * SDK time over baseline time: the median of the per-round ratios of batch medians. Pairing batches of the same
 * round cancels slow drift that a ratio of overall medians would keep.
 */
export function pairedRatio(sdk: SideMeasurement, baseline: SideMeasurement): number {
  const ratios = sdk.batchMediansMs.map(
    (value, round) => value / (baseline.batchMediansMs[round] ?? Number.NaN),
  );
  return median(ratios);
}
