/**
 * How long each case runs. `--quick` is for development on shared CPUs (seconds per case); the full run is the
 * one whose numbers are reported (DESIGN §10) and stays under ~4 minutes on 2 CPUs.
 */
export interface RunSettings {
  readonly quick: boolean;
  /** Interleaved rounds per comparison case: each round runs one SDK batch and one baseline batch. */
  readonly rounds: number;
  /** Sequential calls per batch. */
  readonly batchSize: number;
  /** Calls per side before measuring, so JIT, sockets and simulator caches are warm. */
  readonly warmupCalls: number;
  /** Concurrent calls held open by the heap probe; ≤ 130, the default bulkhead (30 running + 100 queued). */
  readonly heapProbeCalls: number;
  /** Wall time of each micro-benchmark measurement. */
  readonly microMs: number;
  /** Calls per concurrency level in the throughput case. */
  readonly throughputCalls: number;
  /** Calls of the memory soak. */
  readonly soakCalls: number;
}

export function resolveRunSettings(argv: readonly string[]): RunSettings {
  const quick = argv.includes('--quick');
  return quick
    ? {
        quick,
        rounds: 6,
        batchSize: 40,
        warmupCalls: 100,
        heapProbeCalls: 64,
        microMs: 150,
        throughputCalls: 400,
        soakCalls: 5_000,
      }
    : {
        quick,
        rounds: 20,
        batchSize: 100,
        warmupCalls: 400,
        heapProbeCalls: 128,
        microMs: 600,
        throughputCalls: 3_000,
        soakCalls: 100_000,
      };
}

/** `--only=http,tcp`: run the named cases only (by case key). */
export function selectedCaseKeys(argv: readonly string[]): Set<string> | undefined {
  const flag = argv.find((argument) => argument.startsWith('--only='));
  if (flag === undefined) return undefined;
  return new Set(
    flag
      .slice('--only='.length)
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
  );
}
