// Counters of the reliability suite. Each test file counts in its own module instance and writes
// `results/parts/<file>.json` at the end (setup.ts); the global teardown merges them into `results/latest.json`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../results');
export const PARTS_DIR = path.join(RESULTS_DIR, 'parts');

export interface VendorCounts {
  cases: number;
  faultsInjected: number;
  moneyOperationsChecked: number;
  duplicates: number;
  executedOnce: number;
  notExecuted: number;
  outcomeUnknown: number;
  notificationPushes: number;
  fuzzInputs: number;
  breakerChecks: number;
}

export interface BugNote {
  vendor: string;
  title: string;
  detail: string;
}

const empty = (): VendorCounts => ({
  cases: 0,
  faultsInjected: 0,
  moneyOperationsChecked: 0,
  duplicates: 0,
  executedOnce: 0,
  notExecuted: 0,
  outcomeUnknown: 0,
  notificationPushes: 0,
  fuzzInputs: 0,
  breakerChecks: 0,
});

const byVendor = new Map<string, VendorCounts>();
const bugs: BugNote[] = [];
const operations = new Map<string, Set<string>>();
const skipped: Array<{ vendor: string; what: string; why: string }> = [];
const caseLog: Array<{
  vendor: string;
  operation: string;
  fault: string;
  outcome: string;
  executions: number;
}> = [];

/** Logs one money case's outcome (`executed`, `unknown`, `failed:<ErrorName>`), for results/latest.json. */
export function logCase(entry: {
  vendor: string;
  operation: string;
  fault: string;
  outcome: string;
  executions: number;
}) {
  caseLog.push(entry);
}

/** Adds to one vendor's counters. */
export function count(vendor: string, delta: Partial<VendorCounts>): void {
  const current = byVendor.get(vendor) ?? empty();
  for (const [key, value] of Object.entries(delta) as Array<[keyof VendorCounts, number]>) {
    current[key] += value;
  }
  byVendor.set(vendor, current);
}

/** Remembers which money-moving operations a vendor's table covered. */
export function coveredOperation(vendor: string, operation: string): void {
  const set = operations.get(vendor) ?? new Set<string>();
  set.add(operation);
  operations.set(vendor, set);
}

/** A real bug the suite documents (the test asserts the current behaviour with a `// BUG:` comment). */
export function noteBug(vendor: string, title: string, detail: string): void {
  bugs.push({ vendor, title, detail });
}

/** Something the brief asks for that this vendor cannot offer (reported, not a skipped test). */
export function noteNotApplicable(vendor: string, what: string, why: string): void {
  skipped.push({ vendor, what, why });
}

/** Writes this file's counters (called once, from setup.ts's afterAll). */
export function flushCounters(extra: {
  leakedResources: Record<string, number>;
  unhandledRejections: number;
}) {
  const testPath = expect.getState().testPath ?? `unknown-${process.pid}-${Date.now()}`;
  const file = path.basename(testPath).replace(/\.test\.ts$/, '');
  mkdirSync(PARTS_DIR, { recursive: true });
  writeFileSync(
    path.join(PARTS_DIR, `${file}.json`),
    `${JSON.stringify(
      {
        file,
        vendors: Object.fromEntries(byVendor),
        operations: Object.fromEntries([...operations].map(([vendor, set]) => [vendor, [...set].sort()])),
        bugs,
        notApplicable: skipped,
        cases: caseLog,
        ...extra,
      },
      null,
      2,
    )}\n`,
  );
}
