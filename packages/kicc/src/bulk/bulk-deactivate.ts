import { setTimeout as sleep } from 'node:timers/promises';
import {
  isWirebridgeError,
  type Logger,
  type OperationRunner,
  OutcomeUnknownError,
  parseOrThrow,
  VendorError,
  type VendorErrorCategory,
} from '@wirebridge/core';
import { z } from 'zod';
import type { ResolvedKiccConfig } from '../kicc-config.js';
import type { KiccOperations } from '../operations/kicc-operations.js';
import { transactionIdSchema } from '../operations/kicc-schemas.js';
import { deriveBulkIdempotencyKey } from '../wire/kicc-ids.js';
import { formatKst } from '../wire/kicc-kst.js';
import { modelledCodes } from '../wire/modelled-codec.js';
import type {
  BulkDeactivateItem,
  BulkDeactivateOptions,
  BulkDeactivationReport,
  BulkItemResult,
  BulkProgress,
} from './bulk-types.js';
import { createTokenBucket } from './token-bucket.js';

const terminalStatuses = new Set<BulkItemResult['status']>([
  'deactivated',
  'already_closed',
  'skipped_deposited',
]);

const optionsSchema = z.object({
  runId: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'must be 1–20 of [A-Za-z0-9]'),
  concurrency: z.number().int().min(1).max(16).optional(),
  maxRequestsPerSecond: z.number().positive().max(100_000).optional(),
  precheck: z.enum(['none', 'inquiry']).optional(),
  checkpoint: z.custom<object>((value) => typeof value === 'object' && value !== null).optional(),
  onProgress: z.custom<object>((value) => typeof value === 'function').optional(),
  onItemResult: z.custom<object>((value) => typeof value === 'function').optional(),
  onDeposited: z.enum(['skip', 'fail']).optional(),
  haltOn: z.array(z.string()).optional(),
  signal: z.custom<object>((value) => value instanceof AbortSignal).optional(),
  reviseMessage: z.string().min(1).max(100).optional(),
});
const itemsSchema = z.array(
  z.object({
    transactionId: transactionIdSchema,
    reference: z.string().optional(),
    reason: z.string().optional(),
  }),
);

/** What the bulk helper needs from its client. */
export interface BulkDependencies {
  config: ResolvedKiccConfig;
  runner: OperationRunner;
  operations: KiccOperations;
  logger: Logger;
}

/**
 * Deactivates many unpaid VAs (spec §8): a pool of `concurrency` workers behind a token bucket, one
 * deterministic `shopTransactionId` per run/item/KST day so a rerun never cancels twice, checkpointed results,
 * monotone progress, halt on `haltOn` categories, abort through `signal`. Results keep input order.
 */
export async function bulkDeactivate(
  items: ReadonlyArray<BulkDeactivateItem>,
  rawOptions: BulkDeactivateOptions,
  dependencies: BulkDependencies,
): Promise<BulkDeactivationReport> {
  const subject = { vendor: 'kicc', operation: 'kicc.virtualAccounts.bulkDeactivate' };
  parseOrThrow(optionsSchema, rawOptions, 'options of kicc.virtualAccounts.bulkDeactivate', {
    ...subject,
    prefix: 'options',
  });
  parseOrThrow(itemsSchema, items, 'items of kicc.virtualAccounts.bulkDeactivate', {
    ...subject,
    prefix: 'items',
  });
  const options = rawOptions;
  const { config, runner, operations, logger } = dependencies;
  const haltOn = new Set<string>(options.haltOn ?? ['authentication']);
  const reviseMessage = options.reviseMessage ?? 'policy deactivation';
  const bucket = createTokenBucket(options.maxRequestsPerSecond ?? 10);
  const startedAt = config.clock();

  // A transactionId repeated in the list is processed once; every position gets its result (spec §8).
  const firstItem = new Map<string, BulkDeactivateItem>();
  for (const item of items) if (!firstItem.has(item.transactionId)) firstItem.set(item.transactionId, item);
  const pending = [...firstItem.keys()];
  const resultsById = new Map<string, BulkItemResult>();
  const progress: BulkProgress = {
    total: items.length,
    completed: 0,
    inFlight: 0,
    deactivated: 0,
    alreadyClosed: 0,
    skippedDeposited: 0,
    failed: 0,
    unknown: 0,
  };
  let halted: BulkDeactivationReport['halted'];
  let unavailableInARow = 0;
  let pauseUntil = 0;
  const stopped = () => halted !== undefined || options.signal?.aborted === true;

  const processItem = async (item: BulkDeactivateItem): Promise<BulkItemResult> => {
    const base = {
      transactionId: item.transactionId,
      ...(item.reference === undefined ? {} : { reference: item.reference }),
    };
    // 1. A terminal result from an earlier run is reused without a call.
    const saved = await options.checkpoint?.get(options.runId, item.transactionId);
    if (saved && terminalStatuses.has(saved.status)) return { ...saved, ...base, resumed: true, attempts: 0 };
    let attempts = 0;
    const finish = (
      result: Omit<BulkItemResult, 'transactionId' | 'attempts' | 'resumed' | 'finishedAt'>,
    ) => ({
      ...base,
      ...result,
      attempts,
      resumed: false,
      finishedAt: config.clock(),
    });
    const deposited = () =>
      finish(
        options.onDeposited === 'fail'
          ? {
              status: 'failed',
              error: {
                category: 'invalid_request',
                retryable: false,
                vendorCode: modelledCodes.alreadyDeposited,
              },
            }
          : { status: 'skipped_deposited' },
      );

    // 2. Optional inquiry first; an inquiry failure just falls through to the cancel, which answers for itself.
    if (options.precheck === 'inquiry') {
      attempts++;
      try {
        const account = await runner.run(operations.getByTransactionId, {
          transactionId: item.transactionId,
        });
        if (account.status === 'cancelled' || account.status === 'expired')
          return finish({ status: 'already_closed' });
        if (account.status === 'deposited') return deposited();
      } catch {
        // fall through
      }
    }

    // 3. Cancel with the deterministic key of this run, item and KST day. A same-day rerun gets R101, which the
    //    cancel operation resolves through retrieveTransaction: the earlier cancel is reported, none is re-sent.
    const now = config.clock();
    const requestDate = formatKst(now, 'yyyyMMdd');
    const idempotencyKey = deriveBulkIdempotencyKey(options.runId, item.transactionId, now);
    attempts++;
    try {
      const cancellation = await runner.run(operations.cancel, {
        transactionId: item.transactionId,
        idempotencyKey,
        reason: reviseMessage,
        requestDate,
      });
      return finish({
        status: 'deactivated',
        cancelTransactionId: cancellation.cancelTransactionId,
        idempotencyKey,
      });
    } catch (error) {
      // 4. Map the answer.
      if (error instanceof VendorError) {
        if (error.vendorCode === modelledCodes.alreadyClosed)
          return finish({ status: 'already_closed', idempotencyKey });
        if (error.vendorCode === modelledCodes.alreadyDeposited) return { ...deposited(), idempotencyKey };
        return finish({ status: 'failed', idempotencyKey, error: errorSummary(error) });
      }
      if (error instanceof OutcomeUnknownError) {
        return finish({ status: 'unknown', idempotencyKey, error: errorSummary(error) });
      }
      return finish({ status: 'failed', idempotencyKey, error: errorSummary(error) });
    }
  };

  const record = async (result: BulkItemResult) => {
    resultsById.set(result.transactionId, result);
    await options.checkpoint?.set(options.runId, result);
    const positions = items.filter((item) => item.transactionId === result.transactionId).length;
    progress.completed += positions;
    const counter = counterOf(result.status);
    if (counter) progress[counter] += positions;
    const category = result.error?.category;
    if (
      category !== undefined &&
      category !== 'outcome_unknown' &&
      haltOn.has(category) &&
      halted === undefined
    ) {
      halted = { category, transactionId: result.transactionId };
      logger.warn({ runId: options.runId, category }, 'kicc bulk deactivation halted');
    }
    // Five `unavailable` in a row: back off 2ⁿ s (cap 60 s) before scheduling more (spec §8).
    unavailableInARow = category === 'unavailable' ? unavailableInARow + 1 : 0;
    if (unavailableInARow >= 5) {
      pauseUntil = Date.now() + Math.min(60_000, 2 ** (unavailableInARow - 4) * 1_000);
    }
    await options.onItemResult?.(result);
    options.onProgress?.({ ...progress });
  };

  const worker = async () => {
    while (!stopped()) {
      const waitMs = pauseUntil - Date.now();
      if (waitMs > 0) {
        try {
          await sleep(waitMs, undefined, options.signal ? { signal: options.signal } : {});
        } catch {
          return;
        }
        continue;
      }
      const transactionId = pending.shift();
      if (transactionId === undefined) return;
      try {
        await bucket.take(options.signal);
      } catch {
        return; // aborted while waiting for a token: the item stays not_attempted
      }
      if (stopped()) return;
      progress.inFlight++;
      let result: BulkItemResult;
      try {
        result = await processItem(firstItem.get(transactionId)!);
      } finally {
        progress.inFlight--;
      }
      await record(result);
    }
  };

  const concurrency = options.concurrency ?? 4;
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, () => worker()));

  const results = items.map(
    (item): BulkItemResult =>
      resultsById.get(item.transactionId) ?? {
        transactionId: item.transactionId,
        ...(item.reference === undefined ? {} : { reference: item.reference }),
        status: 'not_attempted',
        attempts: 0,
        resumed: false,
      },
  );
  const count = (status: BulkItemResult['status']) =>
    results.filter((result) => result.status === status).length;
  return {
    runId: options.runId,
    startedAt,
    finishedAt: config.clock(),
    total: items.length,
    counts: {
      deactivated: count('deactivated'),
      alreadyClosed: count('already_closed'),
      skippedDeposited: count('skipped_deposited'),
      failed: count('failed'),
      unknown: count('unknown'),
      notAttempted: count('not_attempted'),
    },
    results,
    ...(halted ? { halted } : {}),
  };
}

function counterOf(status: BulkItemResult['status']): keyof BulkProgress | undefined {
  switch (status) {
    case 'deactivated':
      return 'deactivated';
    case 'already_closed':
      return 'alreadyClosed';
    case 'skipped_deposited':
      return 'skippedDeposited';
    case 'failed':
      return 'failed';
    case 'unknown':
      return 'unknown';
    default:
      return undefined;
  }
}

function errorSummary(error: unknown): NonNullable<BulkItemResult['error']> {
  if (error instanceof VendorError) {
    return {
      category: error.category,
      retryable: error.retryable,
      vendorCode: error.vendorCode,
      ...(error.vendorMessage === undefined ? {} : { vendorMessage: error.vendorMessage }),
    };
  }
  if (error instanceof OutcomeUnknownError) return { category: 'outcome_unknown', retryable: false };
  const category: VendorErrorCategory = 'unknown';
  return { category, retryable: isWirebridgeError(error) ? error.retryable : false };
}
