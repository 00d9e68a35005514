import { heapUsedAfterGc } from '../harness/heap-probe.js';
import { type CaseReport, figureRow, limitVerdict } from '../harness/result-rows.js';
import type { RunSettings } from '../harness/run-settings.js';
import { openKiccBench } from './http-json-kicc.js';

/** Heap samples over the soak: one after warm-up, then one per tenth of the calls. */
const samples = 10;
/**
 * Heap after a full GC wanders by a few hundred KiB between samples (V8 code caches, pool sockets coming and
 * going), so "no growth" is read as a fitted trend over the whole run within 1 MiB: 10 B/call at 100 k calls.
 */
const noiseKiB = 1_024;

/**
 * Case 7: `soakCalls` KICC inquiries (case 1, over loopback HTTP to the simulator process) at concurrency 8 with
 * the heap sampled after a forced full GC every tenth. Growth = last sample − first sample (after warm-up); a
 * leak of even 100 bytes per call shows as ~10 MiB over 100 k calls. The simulator's own logs grow in the child
 * process, which is not measured.
 */
export async function runMemorySoak(settings: RunSettings): Promise<CaseReport> {
  const bench = await openKiccBench();
  const concurrency = 8;
  try {
    for (let call = 0; call < 2_000; call += concurrency) {
      await Promise.all(Array.from({ length: concurrency }, bench.sdkCall));
    }
    const heapKiB: number[] = [heapUsedAfterGc() / 1024];
    const perSample = Math.ceil(settings.soakCalls / samples);
    const startedAt = performance.now();
    for (let sample = 0; sample < samples; sample++) {
      for (let call = 0; call < perSample; call += concurrency) {
        await Promise.all(Array.from({ length: concurrency }, bench.sdkCall));
      }
      heapKiB.push(heapUsedAfterGc() / 1024);
    }
    const seconds = (performance.now() - startedAt) / 1_000;
    const first = heapKiB[0]!;
    const last = heapKiB.at(-1)!;
    const total = perSample * samples;
    // Least-squares slope over all samples: one noisy end point cannot fake (or hide) a trend.
    const bytesPerCall = (slope(heapKiB) * 1024) / perSample;
    const growthKiB = (bytesPerCall * total) / 1024;
    return {
      rows: [
        figureRow({
          caseName: `Memory: ${total.toLocaleString('en')} KICC calls (HTTP, c=8)`,
          sdk: `${first.toFixed(0)} → ${last.toFixed(0)} KiB`,
          baseline: `max ${Math.max(...heapKiB).toFixed(0)} KiB`,
          ratio: `trend ${growthKiB >= 0 ? '+' : ''}${growthKiB.toFixed(0)} KiB`,
          cpuPerCall: `${bytesPerCall.toFixed(2)} B/call`,
          budget: limitVerdict(Math.max(0, growthKiB), noiseKiB, 'KiB trend (no growth)', 'max'),
        }),
      ],
      notes: [
        `Memory soak: ${total} calls in ${seconds.toFixed(0)} s; heap after full GC, KiB: ${heapKiB.map((value) => value.toFixed(0)).join(', ')}. Ratio column: fitted trend over the run (least squares); "CPU" column: that trend per call. "No growth" is read as a trend within ${noiseKiB} KiB, the sample-to-sample noise.`,
      ],
    };
  } finally {
    await bench.close();
  }
}

/** Least-squares slope of `values` against their index. */
function slope(values: readonly number[]): number {
  const count = values.length;
  const meanIndex = (count - 1) / 2;
  const meanValue = values.reduce((total, value) => total + value, 0) / count;
  let numerator = 0;
  let denominator = 0;
  values.forEach((value, index) => {
    numerator += (index - meanIndex) * (value - meanValue);
    denominator += (index - meanIndex) ** 2;
  });
  return numerator / denominator;
}
