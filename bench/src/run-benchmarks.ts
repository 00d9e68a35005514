// `pnpm bench [--quick] [--only=http,json-rpc,...]`: runs the cases of issue 13, prints one table, and writes
// bench/results/latest.md (latest-quick.md for --quick). Cases run one after another (never concurrently) so
// they do not share the CPUs.
import { fileURLToPath } from 'node:url';
import { runHttpJsonCase } from './cases/http-json-kicc.js';
import { runJsonRpcCase } from './cases/json-rpc-faysal.js';
import { runMemorySoak } from './cases/memory-soak.js';
import { runMicroBenchmarks } from './cases/micro-benchmarks.js';
import { runRouterCost } from './cases/router-cost.js';
import { runSoapCase } from './cases/soap-western-union.js';
import { runTcpCase } from './cases/tcp-billgate.js';
import { runThroughputCase } from './cases/throughput-kicc.js';
import type { CaseReport } from './harness/result-rows.js';
import { machineLine, terminalTable, writeResultsFile } from './harness/results-report.js';
import { type RunSettings, resolveRunSettings, selectedCaseKeys } from './harness/run-settings.js';

interface BenchCase {
  readonly key: string;
  run(settings: RunSettings): Promise<CaseReport>;
}

/** In the priority order of issue 13: a cut-short run still has the most important rows. */
const cases: readonly BenchCase[] = [
  { key: 'http', run: runHttpJsonCase },
  { key: 'json-rpc', run: runJsonRpcCase },
  { key: 'tcp', run: runTcpCase },
  { key: 'soap', run: runSoapCase },
  { key: 'micro', run: runMicroBenchmarks },
  { key: 'router', run: runRouterCost },
  { key: 'throughput', run: runThroughputCase },
  { key: 'memory', run: runMemorySoak },
];

const argv = process.argv.slice(2);
const settings = resolveRunSettings(argv);
const only = selectedCaseKeys(argv);
const startedAt = performance.now();
const reports: CaseReport[] = [];
const failures: string[] = [];

// A stray rejection inside a case must not kill the run (and the other cases' numbers): it is reported instead.
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  failures.push(`unhandled rejection: ${message}`);
  console.log(`\n  unhandled rejection: ${message}`);
});

console.log(`wirebridge bench${settings.quick ? ' --quick' : ''}: ${machineLine()}`);
for (const benchCase of cases) {
  if (only !== undefined && !only.has(benchCase.key)) continue;
  const caseStartedAt = performance.now();
  process.stdout.write(`  ${benchCase.key} … `);
  try {
    reports.push(await benchCase.run(settings));
    console.log(`${((performance.now() - caseStartedAt) / 1_000).toFixed(1)} s`);
  } catch (error) {
    // One broken case must not hide the others' numbers.
    const message = error instanceof Error ? error.message : String(error);
    failures.push(`${benchCase.key}: ${message}`);
    console.log(`FAILED: ${message}`);
  }
}

const durationSeconds = (performance.now() - startedAt) / 1_000;
// A quick run must not overwrite the full run's numbers, which are the ones reported.
const resultsFile = settings.quick ? 'latest-quick.md' : 'latest.md';
const resultsPath = fileURLToPath(new URL(`../results/${resultsFile}`, import.meta.url));
await writeResultsFile(resultsPath, { reports, quick: settings.quick, durationSeconds, failures });
console.log('');
console.log(terminalTable(reports.flatMap((report) => report.rows)));
console.log('');
for (const note of reports.flatMap((report) => report.notes)) console.log(`- ${note}`);
console.log(`\n${durationSeconds.toFixed(0)} s; written to ${resultsPath}`);
process.exitCode = failures.length === 0 ? 0 : 1;
