import { open, readFile } from 'node:fs/promises';
import type { BulkItemResult } from './bulk-types.js';

/** Where bulk-deactivation results are remembered between runs (spec §8 step 1, 5). */
export interface BulkCheckpointStore {
  /** The result recorded for `transactionId` in run `runId`, or `undefined` when it has not been processed. */
  get(runId: string, transactionId: string): Promise<BulkItemResult | undefined>;
  /** Records `result` under run `runId` and its `transactionId`, replacing any earlier result. */
  set(runId: string, result: BulkItemResult): Promise<void>;
}

/** A checkpoint store in memory: survives reruns within one process. */
export function createMemoryCheckpointStore(): BulkCheckpointStore {
  const results = new Map<string, BulkItemResult>();
  return {
    async get(runId, transactionId) {
      const found = results.get(`${runId}|${transactionId}`);
      return found ? structuredClone(found) : undefined;
    },
    async set(runId, result) {
      results.set(`${runId}|${result.transactionId}`, structuredClone(result));
    },
  };
}

interface CheckpointLine {
  runId: string;
  result: Omit<BulkItemResult, 'finishedAt'> & { finishedAt?: string };
}

/**
 * A checkpoint store in a JSON-lines file (spec §8): append-only, fsync per write, the last entry per
 * `transactionId` wins. Survives process restarts, so an interrupted policy run resumes where it stopped.
 */
export function createFileCheckpointStore(path: string): BulkCheckpointStore {
  let loaded: Promise<Map<string, BulkItemResult>> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const load = () => {
    loaded ??= readFile(path, 'utf8')
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      })
      .then((text) => {
        const results = new Map<string, BulkItemResult>();
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          let entry: CheckpointLine;
          try {
            entry = JSON.parse(line) as CheckpointLine;
          } catch {
            continue; // a torn last line from a crash mid-write: that item is simply retried
          }
          results.set(`${entry.runId}|${entry.result.transactionId}`, revive(entry.result));
        }
        return results;
      });
    return loaded;
  };
  return {
    async get(runId, transactionId) {
      const found = (await load()).get(`${runId}|${transactionId}`);
      return found ? structuredClone(found) : undefined;
    },
    async set(runId, result) {
      const results = await load();
      const line = `${JSON.stringify({ runId, result } satisfies { runId: string; result: BulkItemResult })}\n`;
      // Writes are serialized so lines never interleave; each is on disk before the item counts as recorded.
      const write = writing.then(async () => {
        const handle = await open(path, 'a');
        try {
          await handle.appendFile(line, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
      });
      writing = write.catch(() => undefined);
      await write;
      results.set(`${runId}|${result.transactionId}`, structuredClone(result));
    },
  };
}

function revive(result: CheckpointLine['result']): BulkItemResult {
  const { finishedAt, ...rest } = result;
  return { ...rest, ...(finishedAt ? { finishedAt: new Date(finishedAt) } : {}) };
}
