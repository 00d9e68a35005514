// `tsx src/profiling/summarize-cpu-profile.ts <file.cpuprofile> [filter]`: self time by function, heaviest first.
// Used to find the cause of a missed DESIGN §10 budget from a `node --cpu-prof` run of `pnpm bench --only=…`.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const byFile = process.argv.includes('--by-file');
const [path, filter = ''] = process.argv.slice(2).filter((argument) => argument !== '--by-file');
if (path === undefined) {
  console.error('usage: summarize-cpu-profile.ts <file.cpuprofile> [url filter]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});

const totals = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)?.callFrame;
  if (frame === undefined) continue;
  const file = frame.url.replace(/^file:\/\/.*?\/(packages|node_modules|bench)\//, '$1/');
  // --by-file groups node_modules by package and our code by file: which library does the work.
  const packageName = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  const key = byFile
    ? (packageName ?? file)
    : `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}`;
  totals.set(key, (totals.get(key) ?? 0) + micros);
}
const total = [...totals.values()].reduce((sum, value) => sum + value, 0);
const rows = [...totals.entries()].filter(([key]) => key.includes(filter)).sort((a, b) => b[1] - a[1]);
console.log(
  `total sampled ${(total / 1e3).toFixed(0)} ms; top self time${filter ? ` matching "${filter}"` : ''}:`,
);
for (const [key, micros] of rows.slice(0, 40)) {
  console.log(
    `${((micros / total) * 100).toFixed(1).padStart(5)}%  ${(micros / 1e3).toFixed(0).padStart(6)} ms  ${key}`,
  );
}
