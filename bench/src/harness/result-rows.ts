import { type Comparison, pairedRatio, type SideMeasurement } from './interleaved-comparison.js';
import { median, quantile } from './statistics.js';

/** A budget of DESIGN §10 checked by a row: `pass` undefined when the row is informative only. */
export interface BudgetVerdict {
  readonly text: string;
  readonly pass: boolean | undefined;
}

/** One printed table row. Cells are preformatted so micro-benchmarks can show rates in the same table. */
export interface ResultRow {
  readonly caseName: string;
  readonly sdk: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly p99: string;
  readonly cpuPerCall: string;
  readonly heapPerCall: string;
  readonly budget: BudgetVerdict;
}

export interface CaseReport {
  readonly rows: ResultRow[];
  /** Setup facts and caveats printed under the table (byte-equality checks, in-process fallbacks, …). */
  readonly notes: string[];
}

export const formatMs = (ms: number) => (ms < 1 ? `${(ms * 1_000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
export const formatMicros = (micros: number) => `${micros.toFixed(micros < 10 ? 2 : 0)}`;
export const formatKiB = (kib: number | undefined) => (kib === undefined ? '–' : kib.toFixed(1));

export function cpuMicrosPerCall(side: SideMeasurement): number {
  return side.cpuMicros / side.calls;
}

/** The row of an SDK-vs-baseline comparison, with the ratio budget of DESIGN §10 (≤ 1.25×). */
export function comparisonRow(input: {
  caseName: string;
  comparison: Comparison;
  baselineIndex?: number;
  heapKiB?: { sdk: number; baseline: number };
  ratioBudget?: number;
}): ResultRow {
  const { sdk } = input.comparison;
  const baseline = input.comparison.baselines[input.baselineIndex ?? 0]!;
  const ratio = pairedRatio(sdk, baseline);
  const budget = input.ratioBudget;
  return {
    caseName: input.caseName,
    sdk: formatMs(median(sdk.latenciesMs)),
    baseline: formatMs(median(baseline.latenciesMs)),
    ratio: `${ratio.toFixed(2)}×`,
    p99: `${formatMs(quantile(sdk.latenciesMs, 0.99))} / ${formatMs(quantile(baseline.latenciesMs, 0.99))}`,
    cpuPerCall: `${formatMicros(cpuMicrosPerCall(sdk))} / ${formatMicros(cpuMicrosPerCall(baseline))}`,
    heapPerCall:
      input.heapKiB === undefined
        ? '–'
        : `${formatKiB(input.heapKiB.sdk)} / ${formatKiB(input.heapKiB.baseline)}`,
    budget:
      budget === undefined
        ? { text: '–', pass: undefined }
        : {
            text: `≤ ${budget}× ${ratio <= budget ? 'pass' : `MISS by ${((ratio / budget - 1) * 100).toFixed(0)}%`}`,
            pass: ratio <= budget,
          },
  };
}

/** A row for a figure that is not a comparison (rates, costs): the value goes in the SDK column. */
export function figureRow(input: {
  caseName: string;
  sdk: string;
  baseline?: string;
  ratio?: string;
  p99?: string;
  cpuPerCall?: string;
  heapPerCall?: string;
  budget?: BudgetVerdict;
}): ResultRow {
  return {
    caseName: input.caseName,
    sdk: input.sdk,
    baseline: input.baseline ?? '–',
    ratio: input.ratio ?? '–',
    p99: input.p99 ?? '–',
    cpuPerCall: input.cpuPerCall ?? '–',
    heapPerCall: input.heapPerCall ?? '–',
    budget: input.budget ?? { text: '–', pass: undefined },
  };
}

/** A budget of the form "value ≤ limit" (or ≥ for rates), with the miss expressed relative to the limit. */
export function limitVerdict(
  value: number,
  limit: number,
  unit: string,
  direction: 'max' | 'min',
): BudgetVerdict {
  const pass = direction === 'max' ? value <= limit : value >= limit;
  const symbol = direction === 'max' ? '≤' : '≥';
  const miss = direction === 'max' ? value / limit - 1 : 1 - value / limit;
  return {
    text: `${symbol} ${limit} ${unit} ${pass ? 'pass' : `MISS by ${(miss * 100).toFixed(0)}%`}`,
    pass,
  };
}
