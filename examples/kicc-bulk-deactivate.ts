/**
 * Policy-driven bulk deactivation of unpaid VAs: bounded concurrency, progress, a checkpoint file so a rerun
 * resumes and never cancels twice.
 *
 *   pnpm example kicc-bulk-deactivate.ts
 *
 * Against the simulator by default (200 seeded VAs). With KICC_MERCHANT_ID and KICC_SECRET_KEY set it
 * deactivates the pgCnos listed one per line in the file named by KICC_BULK_FILE, with run id KICC_RUN_ID.
 */
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileCheckpointStore } from '@wirebridge/kicc';
import { openKiccExample } from './src/kicc/kicc-example-setup.js';

const example = await openKiccExample();
try {
  const runId = process.env.KICC_RUN_ID ?? `example${Date.now().toString(36)}`;
  const ids = example.simulator
    ? example.simulator.seedVirtualAccounts(200)
    : (await readFile(process.env.KICC_BULK_FILE ?? '', 'utf8'))
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
  const checkpointPath = join(tmpdir(), `kicc-bulk-${runId}.jsonl`);
  const report = await example.client.virtualAccounts.bulkDeactivate(
    ids.map((transactionId) => ({ transactionId })),
    {
      runId,
      concurrency: 4,
      // KICC's default pace is 10 cancels/s; the simulator can take more.
      maxRequestsPerSecond: example.simulator ? 500 : 10,
      checkpoint: createFileCheckpointStore(checkpointPath),
      onProgress: (progress) => {
        if (progress.completed % 50 === 0 || progress.completed === progress.total) {
          console.log(`${progress.completed}/${progress.total} done, ${progress.deactivated} deactivated`);
        }
      },
    },
  );
  console.log(
    `report: ${JSON.stringify(report.counts)}${report.halted ? `, halted on ${report.halted.category}` : ''}`,
  );
  console.log(`checkpoint: ${checkpointPath} (rerun with KICC_RUN_ID=${runId} to resume)`);
} finally {
  await example.close();
}
