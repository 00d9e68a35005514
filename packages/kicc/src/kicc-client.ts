import {
  type CallOptions,
  createHttpTransport,
  createNotificationProcessor,
  createOperationRunner,
  createRedactingLogger,
  DEFAULT_NOTIFICATION_TTL_MS,
  type InboundRequest,
  type Logger,
  type NotificationProcessor,
  type NotificationResult,
  type OperationDefinition,
  type OperationRunner,
  OutcomeUnknownError,
  type Reply,
} from '@wirebridge/core';
import type { z } from 'zod';
import { bulkDeactivate } from './bulk/bulk-deactivate.js';
import type { BulkDeactivateItem, BulkDeactivateOptions, BulkDeactivationReport } from './bulk/bulk-types.js';
import { createKiccCodes } from './kicc-codes.js';
import { type KiccClientOptions, resolveKiccConfig } from './kicc-config.js';
import { createKiccWebhookHandler, type KiccNotificationEvent } from './notifications/kicc-webhook.js';
import type { ApproveVirtualAccountInput } from './operations/approve-virtual-account.js';
import type { CancelVirtualAccountInput } from './operations/cancel-virtual-account.js';
import type { PaymentWindowInput } from './operations/create-payment-window.js';
import type { IssueVirtualAccountInput } from './operations/issue-virtual-account.js';
import { createKiccOperations, type KiccOperations } from './operations/kicc-operations.js';
import type { KiccCancellation, KiccTransaction, KiccVirtualAccount } from './operations/kicc-schemas.js';
import { kstToday } from './operations/operation-support.js';
import type { RefundVirtualAccountInput } from './operations/refund-virtual-account.js';

/** Core transport settings of spec §3: 8 keep-alive sockets, idle ones closed after 4 s, 256 KiB bodies. */
const transportDefaults = { maxSockets: 8, idleSocketTimeoutMs: 4_000, maxResponseBytes: 256 * 1024 };

/**
 * The KICC EasyPay client: Korean-won virtual accounts, deposit webhooks and bulk deactivation
 * (`specs/kicc.md`). Every method validates its input before any byte is sent (`ValidationError` naming the
 * field) and reports exactly one outcome for money-moving calls (`OutcomeUnknownError` carrying the
 * `shopTransactionId` when KICC's answer cannot be learnt).
 */
export class KiccClient {
  /** Virtual-account operations (spec §2). */
  readonly virtualAccounts: {
    /** Issues a VA server to server (**Modelled** endpoint). Keyed on `shopTransactionId`; 30 s. */
    issue(input: IssueVirtualAccountInput, options?: CallOptions): Promise<KiccVirtualAccount>;
    /** Opens KICC's payment window for a VA (`webpay`); the browser picks the bank. */
    createPaymentWindow(
      input: PaymentWindowInput,
      options?: CallOptions,
    ): Promise<{ orderNumber: string; paymentWindowUrl: string }>;
    /** Approves after the window returned `authorizationId`; the response carries the VA. Keyed; 30 s. */
    approve(input: ApproveVirtualAccountInput, options?: CallOptions): Promise<KiccVirtualAccount>;
    /** Deactivates an unpaid VA (`revise` 40). Keyed; 30 s. */
    cancel(input: CancelVirtualAccountInput, options?: CallOptions): Promise<KiccCancellation>;
    /** Refunds a deposited VA (`revise` 60/62/63 with `refundInfo`). Keyed; 30 s; `VTIM` re-queried. */
    refund(input: RefundVirtualAccountInput, options?: CallOptions): Promise<KiccCancellation>;
    /** Reads a VA by `transactionId` (Modelled inquiry) or by `(idempotencyKey, transactionDate)`. Safe. */
    get(
      reference: { transactionId: string } | { idempotencyKey: string; transactionDate: Date },
      options?: CallOptions,
    ): Promise<KiccVirtualAccount>;
    /** Deactivates many VAs with bounded concurrency, progress and resume (spec §8). */
    bulkDeactivate(
      items: ReadonlyArray<BulkDeactivateItem>,
      options: BulkDeactivateOptions,
    ): Promise<BulkDeactivationReport>;
  };
  /** Transaction look-up (spec §4.4). */
  readonly transactions: {
    /** `retrieveTransaction` by `(idempotencyKey, transactionDate)`; covers yesterday and today only. Safe. */
    retrieve(
      reference: { idempotencyKey: string; transactionDate: Date },
      options?: CallOptions,
    ): Promise<KiccTransaction>;
  };
  /** Inbound webhooks (spec §7, DESIGN §12). */
  readonly notifications: {
    /** Verifies (IP, size, JSON, `mallId`, schema) and parses; pure, no dedupe. */
    handle(request: InboundRequest): Promise<NotificationResult<KiccNotificationEvent>>;
    /**
     * Verifies, parses, dedupes (7 days) and calls `onEvent` once per event across instances sharing the store;
     * returns the reply to send. With `webhook.confirmDeposits`, deposits are confirmed by inquiry first.
     */
    process(
      request: InboundRequest,
      onEvent: (event: KiccNotificationEvent) => Promise<void>,
    ): Promise<Reply>;
  };

  readonly #runner: OperationRunner;
  readonly #operations: KiccOperations;
  readonly #logger: Logger;

  /** @throws {ConfigError} naming the bad option (never echoing a key). */
  constructor(options: KiccClientOptions) {
    const config = resolveKiccConfig(options);
    this.#logger = createRedactingLogger(config.logger);
    const transport =
      options.transport ??
      createHttpTransport({ baseUrl: config.baseUrl, vendor: 'kicc', ...transportDefaults });
    this.#runner = createOperationRunner({
      vendor: 'kicc',
      transport,
      defaultTimeoutMs: config.timeouts.defaultMs,
      logger: config.logger,
      ...(options.breakers === undefined ? {} : { breakers: options.breakers }),
    });
    this.#operations = createKiccOperations({
      config,
      codes: createKiccCodes(config.resultCodes),
      keyedCodes: createKiccCodes(config.resultCodes, { resolveDuplicateKey: true }),
      logger: this.#logger,
    });
    const operations = this.#operations;
    // The KST date of attempt 1 travels in the input (`requestDate`): the resolver must query that day and the
    // resend rule depends on it (spec §2). TODO(core): a per-call state visible to encode and the resolver
    // (ResolutionContext has no attempt state) would let this stay out of the operation inputs.
    const today = () => kstToday(config);

    this.virtualAccounts = {
      issue: (input, callOptions) =>
        this.#call(operations.issue, { ...input, requestDate: today() } as never, callOptions),
      createPaymentWindow: (input, callOptions) =>
        this.#call(operations.createPaymentWindow, input as never, callOptions),
      approve: (input, callOptions) =>
        this.#call(operations.approve, { ...input, requestDate: today() } as never, callOptions),
      cancel: (input, callOptions) =>
        this.#call(operations.cancel, { ...input, requestDate: today() } as never, callOptions),
      refund: (input, callOptions) =>
        this.#call(operations.refund, { ...input, requestDate: today() } as never, callOptions),
      get: (reference, callOptions) =>
        reference !== null && typeof reference === 'object' && 'transactionId' in reference
          ? this.#call(operations.getByTransactionId, reference as never, callOptions)
          : this.#call(operations.getByIdempotencyKey, reference as never, callOptions),
      bulkDeactivate: (items, bulkOptions) =>
        bulkDeactivate(items, bulkOptions, {
          config,
          runner: this.#runner,
          operations,
          logger: this.#logger,
        }),
    };
    this.transactions = {
      retrieve: (reference, callOptions) =>
        this.#call(operations.retrieveTransaction, reference as never, callOptions),
    };

    const processor: NotificationProcessor<KiccNotificationEvent> = createNotificationProcessor(
      createKiccWebhookHandler(config),
      { store: config.idempotencyStore, ttlMs: DEFAULT_NOTIFICATION_TTL_MS, logger: config.logger },
    );
    this.notifications = {
      handle: (request) => processor.handle(request),
      process: (request, onEvent) =>
        processor.process(request, async (event) => {
          if (config.webhook.confirmDeposits && event.notificationType === '30')
            await this.#confirmDeposit(event);
          await onEvent(event);
        }),
    };
  }

  /**
   * Health check: `retrieveTransaction` of a random unknown id (spec §2). Healthy = HTTP 200 with a JSON
   * `resCd`, whatever its value. Safe.
   */
  async ping(options?: CallOptions): Promise<{ latencyMs: number }> {
    const startedAt = performance.now();
    await this.#call(this.#operations.ping, {}, options);
    return { latencyMs: Math.round(performance.now() - startedAt) };
  }

  /** Releases the HTTP agent and its sockets. */
  async close(): Promise<void> {
    await this.#runner.close();
  }

  /** A deposit notice reaches `onEvent` only if the inquiry shows it deposited with the same amount (spec §5). */
  async #confirmDeposit(event: KiccNotificationEvent): Promise<void> {
    const account = await this.#runner.run(this.#operations.getByTransactionId, {
      transactionId: event.transactionId,
    });
    const notified = event.deposit?.amount ?? event.amount;
    if (account.status !== 'deposited' || account.deposit?.amount !== notified) {
      this.#logger.warn(
        { transactionId: event.transactionId, status: account.status },
        'kicc: deposit notice not confirmed by inquiry; asking KICC to resend',
      );
      throw new Error('deposit not confirmed by inquiry');
    }
  }

  /**
   * Runs one operation. An {@link OutcomeUnknownError} is re-raised with the KST `transactionDate` of the
   * request, so support can find it with `retrieveTransaction` (spec §2).
   * TODO(core): the pipeline builds OutcomeUnknownError itself with no hook for vendor details; re-raising a copy
   * is the workaround.
   */
  async #call<TInputSchema extends z.ZodType, TOutputSchema extends z.ZodType>(
    operation: OperationDefinition<TInputSchema, TOutputSchema>,
    input: z.input<TInputSchema>,
    options: CallOptions | undefined,
  ): Promise<z.output<TOutputSchema>> {
    try {
      return await this.#runner.run(operation, input, options);
    } catch (error) {
      const requestDate = (input as { requestDate?: unknown } | null)?.requestDate;
      if (error instanceof OutcomeUnknownError && typeof requestDate === 'string') {
        throw new OutcomeUnknownError({
          message: error.message,
          vendor: 'kicc',
          operation: operation.name,
          ...(error.idempotencyKey === undefined ? {} : { idempotencyKey: error.idempotencyKey }),
          ...(error.reference === undefined ? {} : { reference: error.reference }),
          attempts: error.attempts,
          details: { ...error.details, transactionDate: requestDate },
          cause: error.cause,
        });
      }
      throw error;
    }
  }
}
