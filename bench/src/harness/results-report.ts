import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { runsOnSources } from '../simulators/simulator-process.js';
import type { CaseReport, ResultRow } from './result-rows.js';

const headings = [
  'Case',
  'SDK median',
  'Baseline median',
  'Ratio',
  'p99 SDK / base',
  'CPU µs/call SDK / base',
  'Heap KiB/in-flight SDK / base',
  'Budget (DESIGN §10)',
];

function cellsOf(row: ResultRow): string[] {
  return [
    row.caseName,
    row.sdk,
    row.baseline,
    row.ratio,
    row.p99,
    row.cpuPerCall,
    row.heapPerCall,
    row.budget.text,
  ];
}

export function machineLine(): string {
  const processors = cpus();
  const code = runsOnSources ? 'TypeScript sources via tsx' : 'built dist/';
  return `${processors[0]?.model ?? 'unknown CPU'}, ${processors.length} cores, Node ${process.version}, ${new Date().toISOString()}, @wirebridge code: ${code}`;
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [
    `| ${headings.join(' | ')} |`,
    `|${headings.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${cellsOf(row).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** A fixed-width table for the terminal (the markdown one is hard to read unrendered). */
export function terminalTable(rows: readonly ResultRow[]): string {
  const table = [headings, ...rows.map(cellsOf)];
  const widths = headings.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  return table
    .map((cells) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
    .join('\n');
}

export async function writeResultsFile(
  path: string,
  input: { reports: readonly CaseReport[]; quick: boolean; durationSeconds: number; failures: string[] },
): Promise<void> {
  const rows = input.reports.flatMap((report) => report.rows);
  const notes = input.reports.flatMap((report) => report.notes);
  const text = [
    '# Wirebridge benchmarks: latest run',
    '',
    `Machine: ${machineLine()}`,
    `Run: ${input.quick ? '`pnpm bench --quick` (short, indicative only)' : '`pnpm bench` (full)'}, ${input.durationSeconds.toFixed(0)} s`,
    '',
    'Latencies are per call, sequential, against a simulator in a separate process on loopback; SDK and baseline run',
    'in interleaved batches. Ratio = median over rounds of (SDK batch median / baseline batch median). CPU is this',
    "process's user+system time per call (the simulator's CPU is not counted). See bench/README.md.",
    '',
    markdownTable(rows),
    '',
    '## Notes',
    '',
    ...notes.map((note) => `- ${note}`),
    ...(input.failures.length === 0
      ? []
      : ['', '## Cases that failed', '', ...input.failures.map((f) => `- ${f}`)]),
    '',
  ].join('\n');
  await mkdir(new URL('.', `file://${path}`).pathname, { recursive: true });
  await writeFile(path, text);
}
