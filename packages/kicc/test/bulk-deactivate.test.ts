import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BulkItemResult,
  type BulkProgress,
  createFileCheckpointStore,
  createMemoryCheckpointStore,
  deriveBulkIdempotencyKey,
  type KiccClient,
} from '../src/index.js';
import { type Harness, issueInput, startHarness } from './support/kicc-harness.js';

const revisePath = '/api/trades/revise';
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Issues `count` VAs, `parallel` at a time (below the bulk bounds under test, so the simulator's peak is the bulk's). */
async function issueMany(client: KiccClient, count: number, parallel = 3): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, () =>
        client.virtualAccounts.issue(issueInput({ amount: 10_000 })).then((account) => account.transactionId),
      ),
    );
    ids.push(...batch);
  }
  return ids;
}

function reviseCount(): number {
  return harness!.simulator.requests().filter((request) => request.path === revisePath).length;
}

function expectMonotone(progress: BulkProgress[], total: number) {
  const keys = [
    'completed',
    'deactivated',
    'alreadyClosed',
    'skippedDeposited',
    'failed',
    'unknown',
  ] as const;
  for (let index = 1; index < progress.length; index++) {
    for (const key of keys) expect(progress[index]![key]).toBeGreaterThanOrEqual(progress[index - 1]![key]);
  }
  expect(progress.every((each) => each.total === total)).toBe(true);
}

describe('virtualAccounts.bulkDeactivate (spec §8)', () => {
  it('1 000 VAs with concurrency 5: never more than 5 in flight, input order, monotone progress; abort and same-day reruns cancel nothing twice', async () => {
    harness = await startHarness();
    const ids = harness.simulator.seedVirtualAccounts(1_000);
    // Each cancel stays in flight a few ms, so the simulator's peak really measures the pool's bound.
    harness.simulator.inject({ match: { path: revisePath }, times: 2_000, fault: { kind: 'delay', ms: 3 } });
    const items = ids.map((transactionId, index) => ({ transactionId, reference: `case-${index}` }));
    const checkpoint = createMemoryCheckpointStore();
    // Run 1: aborted after about 300 items.
    const abort = new AbortController();
    const progress: BulkProgress[] = [];
    const first = await harness.client.virtualAccounts.bulkDeactivate(items, {
      runId: 'policy0301',
      concurrency: 5,
      maxRequestsPerSecond: 100_000,
      checkpoint,
      signal: abort.signal,
      onProgress: (each) => {
        progress.push(each);
        if (each.completed >= 300) abort.abort();
      },
    });
    expect(first.results.map((result) => result.transactionId)).toEqual(ids);
    expect(first.results.map((result) => result.reference)).toEqual(items.map((item) => item.reference));
    expect(first.counts.deactivated).toBeGreaterThanOrEqual(300);
    expect(first.counts.deactivated).toBeLessThan(1_000);
    expect(first.counts.deactivated + first.counts.notAttempted).toBe(1_000);
    expectMonotone(progress, 1_000);

    // Run 2, same day, same checkpoint: terminal items are reused without a call; the rest are cancelled.
    const revisesBefore = reviseCount();
    const progress2: BulkProgress[] = [];
    const second = await harness.client.virtualAccounts.bulkDeactivate(items, {
      runId: 'policy0301',
      concurrency: 5,
      maxRequestsPerSecond: 100_000,
      checkpoint,
      onProgress: (each) => progress2.push(each),
    });
    expect(second.counts).toMatchObject({ deactivated: 1_000, notAttempted: 0, failed: 0, unknown: 0 });
    expect(second.results.filter((result) => result.resumed)).toHaveLength(first.counts.deactivated);
    expect(reviseCount() - revisesBefore).toBe(first.counts.notAttempted);
    expectMonotone(progress2, 1_000);
    expect(progress2.at(-1)?.completed).toBe(1_000);
    expect(harness.simulator.maxInFlightSeen()).toBeLessThanOrEqual(5);
    expect(harness.simulator.maxInFlightSeen()).toBeGreaterThan(1); // the pool really ran in parallel

    // Run 3, same day, no checkpoint: R101 → retrieveTransaction → deactivated, never a second cancel.
    const third = await harness.client.virtualAccounts.bulkDeactivate(items.slice(0, 20), {
      runId: 'policy0301',
      concurrency: 5,
      maxRequestsPerSecond: 100_000,
    });
    expect(third.counts.deactivated).toBe(20);
    expect(third.results[0]?.cancelTransactionId).toBe(second.results[0]?.cancelTransactionId);
    expect(harness.simulator.accounts().every((account) => account.cancelCount === 1)).toBe(true);
    expect(harness.simulator.executions().filter((each) => each.operation === 'cancel')).toHaveLength(1_000);
  });

  it('concurrency 3 over 200 items: maxInFlightSeen ≤ 3; abort after 10 items leaves the rest not_attempted', async () => {
    harness = await startHarness();
    const ids = harness.simulator.seedVirtualAccounts(200);
    harness.simulator.inject({ match: { path: revisePath }, times: 400, fault: { kind: 'delay', ms: 3 } });
    const abort = new AbortController();
    let seen = 0;
    const report = await harness.client.virtualAccounts.bulkDeactivate(
      ids.map((transactionId) => ({ transactionId })),
      {
        runId: 'abort10',
        concurrency: 3,
        maxRequestsPerSecond: 100_000,
        signal: abort.signal,
        onItemResult: () => {
          seen++;
          if (seen >= 10) abort.abort();
        },
      },
    );
    expect(report.counts.deactivated).toBeGreaterThanOrEqual(10);
    expect(report.counts.deactivated).toBeLessThanOrEqual(12); // the two other workers finish what they hold
    expect(report.counts.notAttempted).toBe(200 - report.counts.deactivated);
    expect(reviseCount()).toBe(report.counts.deactivated);
    expect(harness.simulator.maxInFlightSeen()).toBeLessThanOrEqual(3);

    const full = await harness.client.virtualAccounts.bulkDeactivate(
      ids.map((transactionId) => ({ transactionId })),
      { runId: 'full200', concurrency: 3, maxRequestsPerSecond: 100_000, precheck: 'none' },
    );
    expect(full.counts.alreadyClosed).toBe(report.counts.deactivated);
    expect(full.counts.deactivated).toBe(200 - report.counts.deactivated);
    expect(harness.simulator.maxInFlightSeen()).toBeLessThanOrEqual(3);
    expect(harness.simulator.maxInFlightSeen()).toBeGreaterThan(1);
  });

  it('reports already_closed (R202), skipped_deposited (R203) or failed with onDeposited=fail, and repeated ids once', async () => {
    harness = await startHarness();
    const [open, closed, deposited] = await issueMany(harness.client, 3);
    await harness.client.virtualAccounts.cancel({ transactionId: closed! });
    await harness.simulator.deposit({ transactionId: deposited! });
    const items = [
      { transactionId: open! },
      { transactionId: closed! },
      { transactionId: deposited! },
      { transactionId: open! },
    ];
    const report = await harness.client.virtualAccounts.bulkDeactivate(items, {
      runId: 'mixed',
      maxRequestsPerSecond: 1_000,
    });
    expect(report.results.map((result) => result.status)).toEqual([
      'deactivated',
      'already_closed',
      'skipped_deposited',
      'deactivated',
    ]);
    expect(report.results[3]).toEqual(report.results[0]);
    expect(harness.simulator.accounts().find((account) => account.transactionId === open)?.cancelCount).toBe(
      1,
    );
    const failing = await harness.client.virtualAccounts.bulkDeactivate([{ transactionId: deposited! }], {
      runId: 'mixed2',
      onDeposited: 'fail',
    });
    expect(failing.results[0]).toMatchObject({ status: 'failed', error: { vendorCode: 'R203' } });
  });

  it('precheck inquiry skips deposited and closed VAs without sending a cancel', async () => {
    harness = await startHarness();
    const [closed, deposited] = await issueMany(harness.client, 2);
    await harness.client.virtualAccounts.cancel({ transactionId: closed! });
    await harness.simulator.deposit({ transactionId: deposited! });
    const revisesBefore = reviseCount();
    const report = await harness.client.virtualAccounts.bulkDeactivate(
      [{ transactionId: closed! }, { transactionId: deposited! }],
      { runId: 'precheck', precheck: 'inquiry' },
    );
    expect(report.results.map((result) => result.status)).toEqual(['already_closed', 'skipped_deposited']);
    expect(reviseCount()).toBe(revisesBefore);
  });

  it('an injected R301 halts the run: nothing new is scheduled', async () => {
    harness = await startHarness();
    const ids = harness.simulator.seedVirtualAccounts(20);
    harness.simulator.inject({
      match: { path: revisePath, transactionId: ids[2] },
      fault: { kind: 'res-code', resCd: 'R301' },
    });
    const report = await harness.client.virtualAccounts.bulkDeactivate(
      ids.map((transactionId) => ({ transactionId })),
      { runId: 'halt', concurrency: 1, maxRequestsPerSecond: 1_000 },
    );
    expect(report.halted).toEqual({ category: 'authentication', transactionId: ids[2] });
    expect(report.results.map((result) => result.status).slice(0, 4)).toEqual([
      'deactivated',
      'deactivated',
      'failed',
      'not_attempted',
    ]);
    expect(report.counts.notAttempted).toBe(17);
  });

  it('a lost cancel reply is resolved per item; unresolvable ones are unknown and retried on the next run', async () => {
    harness = await startHarness();
    const [lost, unknown] = await issueMany(harness.client, 2);
    harness.simulator.inject({
      match: { path: revisePath, transactionId: lost },
      fault: { kind: 'reset-before-response' },
    });
    harness.simulator.inject({
      match: { path: revisePath, transactionId: unknown },
      times: 2,
      fault: { kind: 'reset-before-response' },
    });
    harness.simulator.inject({
      match: { path: '/api/trades/retrieveTransaction' },
      times: 3,
      fault: { kind: 'http-status', status: 500 },
    });
    const checkpoint = createMemoryCheckpointStore();
    const report = await harness.client.virtualAccounts.bulkDeactivate(
      [{ transactionId: lost! }, { transactionId: unknown! }],
      { runId: 'lost', concurrency: 1, checkpoint },
    );
    expect(report.results[0]?.status).toBe('deactivated');
    expect(report.results[1]).toMatchObject({ status: 'unknown', error: { category: 'outcome_unknown' } });
    // The failed inquiries opened the client's circuit breaker (5 failures in a row, 30 s): rerun from a fresh
    // process, as an operator would after the outage.
    const rerun = await harness
      .newClient()
      .virtualAccounts.bulkDeactivate([{ transactionId: lost! }, { transactionId: unknown! }], {
        runId: 'lost',
        concurrency: 1,
        checkpoint,
      });
    expect(rerun.results[1]?.error).toBeUndefined();
    expect(rerun.results.map((result) => [result.status, result.resumed])).toEqual([
      ['deactivated', true],
      ['deactivated', false],
    ]);
    expect(harness.simulator.accounts().map((account) => account.cancelCount)).toEqual([1, 1]);
  });

  it('the file checkpoint store appends JSON lines and the last entry per transactionId wins after a restart', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kicc-checkpoint-'));
    try {
      const path = join(directory, 'run.jsonl');
      const store = createFileCheckpointStore(path);
      const result = (status: BulkItemResult['status']): BulkItemResult => ({
        transactionId: '25030110452110000123',
        status,
        attempts: 1,
        resumed: false,
        finishedAt: new Date('2025-03-02T00:00:00Z'),
        idempotencyKey: deriveBulkIdempotencyKey(
          'run1',
          '25030110452110000123',
          new Date('2025-03-02T00:00:00Z'),
        ),
      });
      await store.set('run1', result('unknown'));
      await store.set('run1', result('deactivated'));
      const lines = (await readFile(path, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength(2);
      const reopened = createFileCheckpointStore(path);
      const loaded = await reopened.get('run1', '25030110452110000123');
      expect(loaded?.status).toBe('deactivated');
      expect(loaded?.finishedAt?.toISOString()).toBe('2025-03-02T00:00:00.000Z');
      expect(await reopened.get('run2', '25030110452110000123')).toBeUndefined();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
