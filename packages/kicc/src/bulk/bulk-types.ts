import type { VendorErrorCategory } from '@wirebridge/core';
import type { BulkCheckpointStore } from './checkpoint-stores.js';

/** One VA to deactivate (spec §8). */
export interface BulkDeactivateItem {
  /** The VA's `pgCno`. */
  transactionId: string;
  /** The service's own reference, echoed in the result. */
  reference?: string;
  /** Why (audit trail); not sent. */
  reason?: string;
}

/** Options of `virtualAccounts.bulkDeactivate` (spec §8). */
export interface BulkDeactivateOptions {
  /** Stable id of the policy run, `[A-Za-z0-9]{1,20}`; part of every item's idempotency key. */
  runId: string;
  /** Cancels in flight at once, 1–16. @default 4 */
  concurrency?: number;
  /** Token-bucket rate limit of cancels. @default 10 */
  maxRequestsPerSecond?: number;
  /** `'inquiry'` checks each VA with the Modelled inquiry first. @default 'none' */
  precheck?: 'none' | 'inquiry';
  /** Where results are remembered; reruns skip terminal ones. @default none (no resume) */
  checkpoint?: BulkCheckpointStore;
  /** Called after every item with monotone counters. */
  onProgress?: (progress: BulkProgress) => void;
  /** Called with every item's result (awaited). */
  onItemResult?: (result: BulkItemResult) => void | Promise<void>;
  /** What a deposited VA becomes. @default 'skip' */
  onDeposited?: 'skip' | 'fail';
  /** Categories that stop scheduling new items. @default ['authentication'] */
  haltOn?: readonly VendorErrorCategory[];
  /** Stops scheduling new items; in-flight ones finish, the rest are `not_attempted`. */
  signal?: AbortSignal;
  /** `reviseMessage` sent with every cancel. @default 'policy deactivation' */
  reviseMessage?: string;
}

/** The outcome of one item (spec §8). */
export interface BulkItemResult {
  transactionId: string;
  reference?: string;
  status: 'deactivated' | 'already_closed' | 'skipped_deposited' | 'failed' | 'unknown' | 'not_attempted';
  cancelTransactionId?: string;
  idempotencyKey?: string;
  /** SDK calls made for this item in this run (0 when resumed or not attempted). */
  attempts: number;
  /** True when taken from the checkpoint without a call. */
  resumed: boolean;
  finishedAt?: Date;
  error?: {
    category: VendorErrorCategory | 'outcome_unknown';
    retryable: boolean;
    vendorCode?: string;
    vendorMessage?: string;
  };
}

/** Counters reported after every item; they never decrease (spec §8). */
export interface BulkProgress {
  total: number;
  completed: number;
  inFlight: number;
  deactivated: number;
  alreadyClosed: number;
  skippedDeposited: number;
  failed: number;
  unknown: number;
}

/** What `bulkDeactivate` returns (spec §8). */
export interface BulkDeactivationReport {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  total: number;
  counts: Omit<BulkProgress, 'total' | 'completed' | 'inFlight'> & { notAttempted: number };
  /** In input order; a repeated `transactionId` gets the same result at every position. */
  results: BulkItemResult[];
  halted?: { category: VendorErrorCategory; transactionId: string };
}
