/** Order statistics over samples. Samples are copied, never sorted in place (callers keep arrival order). */

/** The value at quantile `q` (0..1), nearest-rank on a sorted copy; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function sum(samples: readonly number[]): number {
  let total = 0;
  for (const sample of samples) total += sample;
  return total;
}
