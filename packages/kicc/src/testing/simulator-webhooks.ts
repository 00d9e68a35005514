import { setTimeout as sleep } from 'node:timers/promises';
import type { SimWebhook } from './simulator-types.js';

/** One webhook to deliver. */
export interface WebhookJob {
  notiType: string;
  transactionId: string;
  body: string;
  /** Copies sent at once on the first attempt (`duplicate-webhook`). */
  copies: number;
  /** First attempts dropped without sending (`drop-webhook`). */
  dropAttempts: number;
}

/**
 * Delivers webhooks like KICC (spec §7): success only on HTTP 200 with body `resCd` `0000`; otherwise resend
 * on the schedule (ten × 50 ms standing for 10 × 3 min). Every attempt is logged.
 */
export function createWebhookSender(options: {
  url: string | undefined;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  closing: AbortSignal;
}) {
  const log: SimWebhook[] = [];
  const pending = new Set<Promise<void>>();

  const attemptOnce = async (job: WebhookJob, attempt: number): Promise<boolean> => {
    if (attempt <= job.dropAttempts) {
      log.push({ notificationType: job.notiType, transactionId: job.transactionId, attempt, body: job.body });
      return false;
    }
    const copies = attempt === 1 ? Math.max(1, job.copies) : 1;
    const outcomes = await Promise.all(
      Array.from({ length: copies }, async () => {
        const entry: SimWebhook = {
          notificationType: job.notiType,
          transactionId: job.transactionId,
          attempt,
          body: job.body,
        };
        log.push(entry);
        try {
          const response = await fetch(options.url!, {
            method: 'POST',
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: job.body,
            signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.closing]),
          });
          entry.status = response.status;
          const text = await response.text();
          return response.status === 200 && (JSON.parse(text) as { resCd?: unknown }).resCd === '0000';
        } catch {
          return false;
        }
      }),
    );
    return outcomes.some(Boolean);
  };

  const deliver = async (job: WebhookJob): Promise<void> => {
    for (let attempt = 1; attempt <= options.retryDelaysMs.length + 1; attempt++) {
      if (options.closing.aborted) return;
      if (await attemptOnce(job, attempt)) return;
      const delayMs = options.retryDelaysMs[attempt - 1];
      if (delayMs === undefined) return;
      try {
        await sleep(delayMs, undefined, { signal: options.closing });
      } catch {
        return;
      }
    }
  };

  return {
    log,
    /** Starts a delivery (after `delayMs`); resolves when it has settled. No-op without a URL. */
    send(job: WebhookJob, delayMs = 0): Promise<void> {
      if (!options.url) return Promise.resolve();
      const run = (async () => {
        if (delayMs > 0) {
          try {
            await sleep(delayMs, undefined, { signal: options.closing });
          } catch {
            return;
          }
        }
        await deliver(job);
      })();
      pending.add(run);
      void run.finally(() => pending.delete(run));
      return run;
    },
    async settled(): Promise<void> {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
