import { type CaseReport, figureRow, formatMs } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { quantile } from '../harness/statistics.js';
import { openKiccBench } from './http-json-kicc.js';

const concurrencyLevels = [1, 8, 32, 128] as const;

/**
 * Case 6b: closed-loop throughput of case 1 (KICC inquiry) at fixed concurrency: `concurrency` workers each
 * issue calls back to back until `calls` are done. SDK and axios alternate per level. KICC's pool is 8 sockets,
 * so above 8 the extra calls queue in the client: throughput should plateau and latency grow, not fail.
 */
export async function runThroughputCase(settings: RunSettings): Promise<CaseReport> {
  const bench = await openKiccBench();
  const rows = [];
  const sdkRates: number[] = [];
  try {
    for (const concurrency of concurrencyLevels) {
      const { sdk, baseline } = await interleavedClosedLoops(
        bench.sdkCall,
        bench.axiosCall,
        concurrency,
        settings.throughputCalls,
      );
      sdkRates.push(sdk.callsPerSecond);
      rows.push(
        figureRow({
          caseName: `Throughput KICC @ concurrency ${concurrency}`,
          sdk: `${sdk.callsPerSecond.toFixed(0)} calls/s`,
          baseline: `${baseline.callsPerSecond.toFixed(0)} calls/s`,
          ratio: `${(baseline.callsPerSecond / sdk.callsPerSecond).toFixed(2)}×`,
          p99: `${formatMs(sdk.p99Ms)} / ${formatMs(baseline.p99Ms)}`,
          cpuPerCall: `${sdk.cpuMicrosPerCall.toFixed(0)} / ${baseline.cpuMicrosPerCall.toFixed(0)}`,
        }),
      );
    }
    // Open loop near the knee: 70 % of the best closed-loop SDK rate, both sides at the same rate.
    const rate = Math.round(0.7 * Math.max(...sdkRates));
    const { sdk: openSdk, baseline: openBaseline } = await interleavedOpenLoops(
      bench.sdkCall,
      bench.axiosCall,
      rate,
      settings.throughputCalls,
    );
    rows.push(
      figureRow({
        caseName: `Open loop KICC @ ${rate} calls/s: p50 / p99.9`,
        sdk: `${formatMs(openSdk.p50Ms)} / ${formatMs(openSdk.p999Ms)}`,
        baseline: `${formatMs(openBaseline.p50Ms)} / ${formatMs(openBaseline.p999Ms)}`,
        ratio: `${(openSdk.p50Ms / openBaseline.p50Ms).toFixed(2)}× p50`,
        p99: `${formatMs(openSdk.p99Ms)} / ${formatMs(openBaseline.p99Ms)}`,
        cpuPerCall: `${openSdk.cpuMicrosPerCall.toFixed(0)} / ${openBaseline.cpuMicrosPerCall.toFixed(0)}`,
        heapPerCall:
          openSdk.refused + openBaseline.refused > 0
            ? `refused ${openSdk.refused} / ${openBaseline.refused}`
            : '–',
      }),
    );
  } finally {
    await bench.close();
  }
  return {
    rows,
    notes: [
      'Throughput: closed loop, N workers calling back to back, SDK and axios alternating in three parts per level; ratio = axios calls/s ÷ SDK calls/s (time ratio, > 1 means the SDK is slower). The simulator process shares the 2 CPUs, so this is a loopback ceiling, not a capacity figure.',
      'Open loop (SDK and axios alternating in three parts): calls start on a fixed schedule at 70 % of the best closed-loop SDK rate whatever the previous calls do, and latency is measured from the scheduled start (no coordinated omission), so queueing behind a slow call counts. Calls that fail (the SDK bulkhead sheds load past 30 running + 100 queued) are counted as "refused" in the heap column instead of timed.',
    ],
  };
}

interface ClosedLoopPart {
  readonly latencies: number[];
  readonly elapsedMs: number;
  readonly cpuMicros: number;
  readonly calls: number;
}

/**
 * The SDK and axios in alternating closed-loop parts (three each), so load from other processes during the level
 * lands on both sides; each side's figures are the sums over its parts.
 */
async function interleavedClosedLoops(
  sdkCall: () => Promise<unknown>,
  baselineCall: () => Promise<unknown>,
  concurrency: number,
  calls: number,
) {
  const parts = 3;
  const sdkParts: ClosedLoopPart[] = [];
  const baselineParts: ClosedLoopPart[] = [];
  for (let part = 0; part < parts; part++) {
    sdkParts.push(await closedLoop(sdkCall, concurrency, Math.ceil(calls / parts)));
    baselineParts.push(await closedLoop(baselineCall, concurrency, Math.ceil(calls / parts)));
  }
  return { sdk: summarize(sdkParts), baseline: summarize(baselineParts) };
}

function summarize(parts: readonly ClosedLoopPart[]) {
  const calls = parts.reduce((total, part) => total + part.calls, 0);
  const elapsedMs = parts.reduce((total, part) => total + part.elapsedMs, 0);
  const cpuMicros = parts.reduce((total, part) => total + part.cpuMicros, 0);
  return {
    callsPerSecond: (calls / elapsedMs) * 1_000,
    p99Ms: quantile(
      parts.flatMap((part) => part.latencies),
      0.99,
    ),
    cpuMicrosPerCall: cpuMicros / calls,
  };
}

async function closedLoop(
  call: () => Promise<unknown>,
  concurrency: number,
  calls: number,
): Promise<ClosedLoopPart> {
  // A short warm-up at this concurrency opens the pool's sockets before timing.
  await Promise.all(Array.from({ length: concurrency }, () => call()));
  const latencies: number[] = [];
  let issued = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const worker = async () => {
    while (issued < calls) {
      issued++;
      const callStartedAt = performance.now();
      await call();
      latencies.push(performance.now() - callStartedAt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return { latencies, elapsedMs, cpuMicros: cpu.user + cpu.system, calls };
}

interface OpenLoopPart {
  readonly latencies: number[];
  readonly cpuMicros: number;
  readonly calls: number;
  readonly refused: number;
}

/** SDK and axios open loops in alternating parts (three each), like the closed loops, for the same reason. */
async function interleavedOpenLoops(
  sdkCall: () => Promise<unknown>,
  baselineCall: () => Promise<unknown>,
  ratePerSecond: number,
  calls: number,
) {
  const parts = 3;
  const sdkParts: OpenLoopPart[] = [];
  const baselineParts: OpenLoopPart[] = [];
  for (let part = 0; part < parts; part++) {
    sdkParts.push(await openLoop(sdkCall, ratePerSecond, Math.ceil(calls / parts)));
    baselineParts.push(await openLoop(baselineCall, ratePerSecond, Math.ceil(calls / parts)));
  }
  return { sdk: summarizeOpen(sdkParts), baseline: summarizeOpen(baselineParts) };
}

function summarizeOpen(parts: readonly OpenLoopPart[]) {
  const latencies = parts.flatMap((part) => part.latencies);
  const calls = parts.reduce((total, part) => total + part.calls, 0);
  return {
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    p999Ms: quantile(latencies, 0.999),
    cpuMicrosPerCall: parts.reduce((total, part) => total + part.cpuMicros, 0) / calls,
    refused: parts.reduce((total, part) => total + part.refused, 0),
  };
}

/**
 * Starts one call every 1/rate s on a fixed schedule and measures each from its *scheduled* start, so a stall
 * delays the measured latency of every call behind it instead of silently lowering the offered load.
 */
async function openLoop(
  call: () => Promise<unknown>,
  ratePerSecond: number,
  calls: number,
): Promise<OpenLoopPart> {
  const intervalMs = 1_000 / ratePerSecond;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  // Calls the client refused (its bulkhead sheds load once 130 are in flight) are counted, not timed.
  let refused = 0;
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  for (let index = 0; index < calls; index++) {
    const scheduledAt = startedAt + index * intervalMs;
    const wait = scheduledAt - performance.now();
    // Timers are ~1 ms coarse: sleep only when ahead by more than that, otherwise start at once (catching up).
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      call().then(
        () => {
          latencies.push(performance.now() - scheduledAt);
        },
        () => {
          refused++;
        },
      ),
    );
  }
  await Promise.all(pending);
  const cpu = process.cpuUsage(cpuBefore);
  return { latencies, cpuMicros: cpu.user + cpu.system, calls, refused };
}
