// Merges every file's counters into results/latest.json and prints the totals.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../results');
const PARTS_DIR = path.join(RESULTS_DIR, 'parts');

type Counts = Record<string, number>;
interface Part {
  file: string;
  vendors: Record<string, Counts>;
  operations: Record<string, string[]>;
  bugs: Array<{ vendor: string; title: string; detail: string }>;
  notApplicable: Array<{ vendor: string; what: string; why: string }>;
  leakedResources: Record<string, number>;
  unhandledRejections: number;
  cases: Array<{ vendor: string; operation: string; fault: string; outcome: string; executions: number }>;
}

export function setup(): void {
  rmSync(PARTS_DIR, { recursive: true, force: true });
  mkdirSync(PARTS_DIR, { recursive: true });
}

export function teardown(): void {
  if (!existsSync(PARTS_DIR)) return;
  const parts: Part[] = readdirSync(PARTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(PARTS_DIR, name), 'utf8')) as Part);
  const vendors: Record<string, Counts> = {};
  const totals: Counts = {};
  const operations: Record<string, string[]> = {};
  for (const part of parts) {
    for (const [vendor, counts] of Object.entries(part.vendors)) {
      const into = vendors[vendor] ?? {};
      vendors[vendor] = into;
      for (const [key, value] of Object.entries(counts)) {
        into[key] = (into[key] ?? 0) + value;
        totals[key] = (totals[key] ?? 0) + value;
      }
    }
    for (const [vendor, list] of Object.entries(part.operations)) {
      operations[vendor] = [...new Set([...(operations[vendor] ?? []), ...list])].sort();
    }
  }
  const summary = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    files: parts.map((part) => part.file),
    totals,
    vendors,
    moneyMovingOperations: operations,
    bugs: parts.flatMap((part) => part.bugs),
    notApplicable: parts.flatMap((part) => part.notApplicable),
    leakedResources: Object.fromEntries(parts.map((part) => [part.file, part.leakedResources])),
    unhandledRejections: parts.reduce((sum, part) => sum + part.unhandledRejections, 0),
    cases: parts.flatMap((part) => part.cases ?? []),
  };
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
  rmSync(PARTS_DIR, { recursive: true, force: true });
  const line = (label: string, counts: Counts) =>
    `${label.padEnd(14)} cases ${counts.cases ?? 0}  faults ${counts.faultsInjected ?? 0}  money ops ${
      counts.moneyOperationsChecked ?? 0
    }  duplicates ${counts.duplicates ?? 0}  unknown ${counts.outcomeUnknown ?? 0}  pushes ${
      counts.notificationPushes ?? 0
    }  fuzz ${counts.fuzzInputs ?? 0}  breaker ${counts.breakerChecks ?? 0}`;
  const lines = [
    '',
    'Reliability suite (results/latest.json)',
    ...Object.entries(vendors)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([vendor, counts]) => line(vendor, counts)),
    line('TOTAL', totals),
    `documented bugs: ${summary.bugs.length}; unhandled rejections: ${summary.unhandledRejections}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
