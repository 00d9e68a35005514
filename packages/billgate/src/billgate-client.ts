import {
  AbortedError,
  BulkheadRejectedError,
  type CallOptions,
  CircuitOpenError,
  createNotificationProcessor,
  createOperationRunner,
  type IdempotencyClass,
  type MobileChargeProvider,
  type NotificationProcessor,
  type OperationRunner,
  OutcomeUnknownError,
  parseOrThrow,
  RateLimitedError,
  TimeoutError,
  TransportError,
  ValidationError,
} from '@wirebridge/core';
import type { z } from 'zod';
import {
  BILLGATE_COMPENSATION_TIMEOUT_MS,
  type BillgateClientOptions,
  resolveBillgateConfig,
} from './billgate-config.js';
import { BillgateError, BillgateOutcomeUnknownError, type PendingCompensation } from './billgate-error.js';
import { createBillgateTransport } from './billgate-transport.js';
import { createBillgateMobileChargeProvider } from './mobile-charge-provider.js';
import {
  type BillgateReturnEvent,
  createBillgateReturnHandler,
} from './notifications/billgate-return-notification.js';
import {
  type BillgateOperationContext,
  createOperationContext,
} from './operations/billgate-operation-context.js';
import {
  type cancelOutput,
  createFullCancelOperation,
  createPartialCancelOperation,
  type FullCancelOperation,
  type PartialCancelOperation,
} from './operations/cancel.js';
import {
  type ChargeOperation,
  type chargeOutput,
  compensateCharge,
  createChargeOperation,
  resolveByStatus,
} from './operations/charge.js';
import {
  createMobilePaymentRequest,
  type MobilePaymentRequest,
  type paymentRequestInput,
} from './operations/create-payment-request.js';
import { createGetStatusOperation, type GetStatusOperation } from './operations/get-status.js';
import { createNetworkCancelOperation, type NetworkCancelOperation } from './operations/network-cancel.js';
import { type PreparedMobilePayment, parseMobileReturn } from './operations/parse-return.js';
import { createPingOperation, type PingOperation } from './operations/ping.js';
import { createRawInvokeOperation, type RawInvokeOperation } from './operations/raw-invoke.js';
import type { BillgateMessage } from './wire/billgate-types.js';

/** Input of `mobile.createPaymentRequest`. */
export type MobilePaymentRequestInput = z.input<typeof paymentRequestInput>;

/** Input of `mobile.charge`: the verified return of the window (see `parseReturn`). */
export interface MobileChargeInput {
  orderId: string;
  orderDate: Date;
  amount: number;
  currency: 'KRW';
  transactionId: string;
  /** The window MESSAGE frame, `LLLL` included. */
  authorization: string;
}

/** An approved charge. */
export type MobileChargeApproval = z.output<typeof chargeOutput>;

/** The original approval a cancel refers to (its header order id/date and tag 1001). */
export interface MobileTransactionRef {
  orderId: string;
  orderDate: Date;
  transactionId: string;
}

/** Cancel input: without `amount` a full cancel; with it a partial cancel (spec §2). */
export interface MobileCancelInput extends MobileTransactionRef {
  amount?: number;
  currency: 'KRW';
}

/** Result of a cancel. `remainingTransactionId` (1041) is where the rest of a partially cancelled charge lives. */
export type MobileCancelResult = z.output<typeof cancelOutput>;

/** What 5000 reports (Modelled). */
export interface MobileChargeStatus {
  state: 'approved' | 'partially_cancelled' | 'cancelled' | 'failed' | 'not_found';
  amount?: number;
  cancelledAmount?: number;
  approvedAt?: Date;
  cancelledAt?: Date;
}

/** Outcome of a charge kept in the idempotency store, so a repeated return POST never charges twice. */
type RecordedCharge =
  | { kind: 'approved'; value: Omit<MobileChargeApproval, 'approvedAt'> & { approvedAt: string } }
  | { kind: 'error'; error: Record<string, unknown> }
  | { kind: 'unknown'; pendingCompensation?: PendingCompensation };

const CHARGE_CLAIM_TTL_MS = 7 * 24 * 60 * 60 * 1_000;

/**
 * Billgate (Galaxia Money Tree) mobile-phone payment over raw TCP with SEED-CBC (specs/billgate.md).
 *
 * ```ts
 * const billgate = new BillgateClient({ environment: 'test', serviceId: 'M2103135', credentials: { current: { key, iv } } });
 * const prepared = billgate.mobile.parseReturn({ rawBody, expected: { orderId, amount: 1000, currency: 'KRW' } });
 * const approval = await billgate.mobile.charge(prepared);
 * ```
 */
export class BillgateClient {
  /** Mobile payment: window, approval, cancels, status. */
  readonly mobile: {
    /** Builds the payment window form, CHECK_SUM included (spec §4.6); local, nothing is sent. */
    createPaymentRequest(input: MobilePaymentRequestInput): MobilePaymentRequest;
    /**
     * Verifies the RETURN_URL POST against the expected order (HASH_DATA, result code; spec §5.3) and returns what
     * `charge` needs. @throws SignatureError, ProtocolError or BillgateError; nothing is sent.
     */
    parseReturn(input: {
      rawBody: Uint8Array | string;
      headers?: Record<string, string>;
      expected: { orderId: string; amount: number; currency: 'KRW' };
    }): PreparedMobilePayment;
    /**
     * Approves the prepared payment (3000, unsafe) once per order; a lost reply is reversed with 9100, never resent
     * (spec §2.1). A repeated call for the same order replays the recorded outcome.
     */
    charge(input: MobileChargeInput, options?: CallOptions): Promise<MobileChargeApproval>;
    /** Cancels an approval (9000): in full without `amount`, else partially (unsafe, resolved by 5000; spec §2). */
    cancel(input: MobileCancelInput, options?: CallOptions): Promise<MobileCancelResult>;
    /** Reverses the transaction with a network cancel (9100, keyed by transaction id; spec §2). */
    networkCancel(input: MobileTransactionRef, options?: CallOptions): Promise<{ cancelledAt?: Date }>;
    /** Queries the order's approval and cancel state (5000, safe; spec §4.5). */
    getStatus(
      input: { orderId: string; orderDate: Date; transactionId?: string },
      options?: CallOptions,
    ): Promise<MobileChargeStatus>;
  };
  /**
   * The RETURN_URL post as an inbound notification (DESIGN §12): `handle` verifies and parses it (no dedupe),
   * `process` also calls `onEvent` once per post across instances sharing the idempotency store. Needs `lookupOrder`.
   */
  readonly notifications: NotificationProcessor<BillgateReturnEvent>;
  /** Connectivity check (0300, Modelled). */
  readonly health: {
    /** Sends 0300 and resolves with the round-trip time in milliseconds. */
    ping(options?: CallOptions): Promise<{ latencyMs: number }>;
  };
  /** Escape hatch: any command and service code, same framing and crypto. */
  readonly raw: {
    /**
     * Sends `message` and returns the decrypted reply; retries and resolution follow `options.idempotency`.
     * @throws ValidationError when `options.idempotency` is not safe, keyed or unsafe.
     */
    invoke(
      message: BillgateMessage,
      options: CallOptions & { idempotency: IdempotencyClass },
    ): Promise<BillgateMessage>;
  };

  readonly #context: BillgateOperationContext;
  readonly #runner: OperationRunner;
  readonly #operations: {
    charge: ChargeOperation;
    fullCancel: FullCancelOperation;
    partialCancel: PartialCancelOperation;
    networkCancel: NetworkCancelOperation;
    compensationCancel: NetworkCancelOperation;
    getStatus: GetStatusOperation;
    ping: PingOperation;
    raw: Record<IdempotencyClass, RawInvokeOperation>;
  };

  /** @throws ConfigError naming the bad option (never echoing a key). */
  constructor(options: BillgateClientOptions) {
    const config = resolveBillgateConfig(options);
    const context = createOperationContext(config);
    this.#context = context;
    this.#runner = createOperationRunner({
      vendor: 'billgate',
      transport: createBillgateTransport(config),
      defaultTimeoutMs: config.timeouts.queryMs,
      logger: config.logger,
      ...(config.breakers ? { breakers: config.breakers } : {}),
      // Reversals get their own circuit: failing approvals must not stop the 9100 that undoes them (spec §2.1).
      circuitName: ({ operation }) =>
        operation === 'billgate.mobile.networkCancel' ? 'billgate:networkCancel' : 'billgate',
    });
    const getStatus = createGetStatusOperation(context);
    const moneyMs = config.timeouts.moneyMs;
    const networkCancelResend = createNetworkCancelOperation(context, 'resend', { timeoutMs: moneyMs });
    const compensationCancel = createNetworkCancelOperation(context, 'compensation', {
      timeoutMs: BILLGATE_COMPENSATION_TIMEOUT_MS,
    });
    this.#operations = {
      charge: createChargeOperation(context, { compensationCancel, getStatus }),
      fullCancel: createFullCancelOperation(context, 'public', createFullCancelOperation(context, 'resend')),
      partialCancel: createPartialCancelOperation(context, getStatus),
      networkCancel: createNetworkCancelOperation(context, 'public', {
        timeoutMs: moneyMs,
        resend: networkCancelResend,
      }),
      compensationCancel,
      getStatus,
      ping: createPingOperation(context),
      raw: {
        safe: createRawInvokeOperation(context, 'safe'),
        keyed: createRawInvokeOperation(context, 'keyed'),
        unsafe: createRawInvokeOperation(context, 'unsafe'),
      },
    };
    const operations = this.#operations;
    const runner = this.#runner;

    this.mobile = {
      createPaymentRequest: (input) => createMobilePaymentRequest(context, input, config.production),
      parseReturn: (input) => parseMobileReturn(context, input),
      charge: (input, callOptions) => this.#charge(input, callOptions),
      cancel: (input, callOptions) =>
        // The key decides, not its value: `amount: undefined` is a bug upstream, never a full cancel (spec §4.5 trap).
        Object.hasOwn(input ?? {}, 'amount')
          ? runner.run(operations.partialCancel, input as never, callOptions)
          : runner.run(operations.fullCancel, input, callOptions),
      networkCancel: async (input, callOptions) => {
        const result = await runner.run(operations.networkCancel, input, callOptions);
        return result.cancelledAt ? { cancelledAt: result.cancelledAt } : {};
      },
      getStatus: async (input, callOptions) => {
        const { transactionId: _transactionId, ...status } = await runner.run(
          operations.getStatus,
          input,
          callOptions,
        );
        return status;
      },
    };
    this.notifications = createNotificationProcessor(
      createBillgateReturnHandler(context, config.lookupOrder),
      {
        store: config.idempotencyStore,
        logger: config.logger,
      },
    );
    this.health = {
      ping: async (callOptions) => {
        const started = performance.now();
        await runner.run(operations.ping, {}, callOptions);
        return { latencyMs: Math.round(performance.now() - started) };
      },
    };
    this.raw = {
      invoke: async (message, callOptions) => {
        const { idempotency, ...rest } = callOptions ?? ({} as never);
        const operation = operations.raw[idempotency as IdempotencyClass];
        if (operation === undefined) {
          throw new ValidationError({
            message: 'billgate.raw.invoke: options.idempotency must be safe, keyed or unsafe',
            vendor: 'billgate',
            operation: 'billgate.raw.invoke',
            issues: [
              {
                path: 'options.idempotency',
                message: 'must be safe, keyed or unsafe',
                code: 'invalid_value',
              },
            ],
          });
        }
        return runner.run(operation, message, rest);
      },
    };
  }

  /** The vendor-neutral adapter for core's success-rate router (DESIGN §12, spec §11). */
  asMobileChargeProvider(): MobileChargeProvider {
    return createBillgateMobileChargeProvider(this, this.#context);
  }

  /** Releases sockets. Calls in flight fail; later calls are refused. */
  async close(): Promise<void> {
    await this.#runner.close();
  }

  /** spec §2.1: claim the order, approve once, settle every unknown outcome, record what happened. */
  async #charge(rawInput: MobileChargeInput, callOptions?: CallOptions): Promise<MobileChargeApproval> {
    const operation = this.#operations.charge;
    const subject = { vendor: 'billgate', operation: operation.name };
    // Validate (the MESSAGE included) before claiming: bad input never blocks the order.
    const input = parseOrThrow(operation.input, rawInput, `input of ${operation.name}`, subject);
    const { config } = this.#context;
    const store = config.idempotencyStore;
    const key = `billgate:charge:${config.serviceId}:${input.orderId}`;
    const compensationBudget =
      config.unknownOutcome.maxAttempts * BILLGATE_COMPENSATION_TIMEOUT_MS +
      config.unknownOutcome.backoffMs.reduce((total, value) => total + value, 0);
    const lockMs = config.timeouts.moneyMs + config.timeouts.queryMs + compensationBudget + 5_000;
    const claim = await store.claim(key, { ttlMs: CHARGE_CLAIM_TTL_MS, lockMs });
    if (claim.state === 'done') return replayRecorded(claim.result, input.transactionId);
    if (claim.state === 'in_progress') {
      throw new OutcomeUnknownError({
        message: 'billgate.mobile.charge: another call for this order is in flight; never charging twice',
        ...subject,
        reference: input.transactionId,
      });
    }
    try {
      const approval = await this.#approve(input, callOptions);
      await store.complete(key, claim.token, {
        ttlMs: CHARGE_CLAIM_TTL_MS,
        result: record({
          kind: 'approved',
          value: { ...approval, approvedAt: approval.approvedAt.toISOString() },
        }),
      });
      return approval;
    } catch (error) {
      if (nothingWasCharged(error)) await store.release(key, claim.token);
      else await store.complete(key, claim.token, { ttlMs: CHARGE_CLAIM_TTL_MS, result: recordError(error) });
      throw error;
    }
  }

  async #approve(
    input: z.output<ChargeOperation['input']>,
    callOptions?: CallOptions,
  ): Promise<MobileChargeApproval> {
    const operations = this.#operations;
    const runner = this.#runner;
    const resolution = {
      operation: operations.charge.name,
      input,
      signal: callOptions?.signal,
      run: runner.run.bind(runner) as never,
    };
    let approval: MobileChargeApproval;
    try {
      approval = await runner.run(operations.charge, input, callOptions);
    } catch (error) {
      // B103 (already approved) and B902 (in progress) are answers about an earlier approval: never a second 3000.
      if (error instanceof BillgateError && (error.vendorCode === 'B103' || error.vendorCode === 'B902')) {
        if (this.#context.config.unknownOutcome.strategy === 'statusThenCancel') {
          const settled = await resolveByStatus(resolution, operations.getStatus).catch(() => ({
            status: 'pending' as const,
          }));
          if (settled.status === 'completed') return settled.value;
        }
        throw new OutcomeUnknownError({
          message: `billgate.mobile.charge: Billgate answered ${error.vendorCode}; reconcile by the transaction id`,
          vendor: 'billgate',
          operation: operations.charge.name,
          reference: input.transactionId,
          cause: error,
        });
      }
      throw error;
    }
    if (approval.amount !== input.amount) {
      // spec §2.1 step 3: an approval of another amount is reversed before it is reported.
      const reversal = await compensateCharge(
        this.#context,
        resolution,
        operations.compensationCancel,
        'amount_mismatch',
      );
      if (reversal.status === 'failed') throw reversal.error;
    }
    return approval;
  }
}

function record(value: RecordedCharge): string {
  return JSON.stringify(value);
}

function recordError(error: unknown): string {
  if (error instanceof BillgateOutcomeUnknownError) {
    return record({ kind: 'unknown', pendingCompensation: error.pendingCompensation });
  }
  if (error instanceof BillgateError) {
    return record({
      kind: 'error',
      error: {
        category: error.category,
        retryable: error.retryable,
        vendorCode: error.vendorCode,
        vendorMessage: error.vendorMessage,
        detailCode: error.detailCode,
        detailMessage: error.detailMessage,
        compensated: error.compensated,
      },
    });
  }
  return record({ kind: 'unknown' });
}

/** Nothing reached Billgate, or Billgate said nothing was charged: the order may be tried again. */
function nothingWasCharged(error: unknown): boolean {
  if (error instanceof BillgateError)
    return error.retryable && !error.compensated && error.category !== 'pending';
  return (
    error instanceof TransportError ||
    error instanceof TimeoutError ||
    error instanceof CircuitOpenError ||
    error instanceof BulkheadRejectedError ||
    error instanceof RateLimitedError ||
    error instanceof AbortedError ||
    error instanceof ValidationError
  );
}

function replayRecorded(result: string | undefined, transactionId: string): MobileChargeApproval {
  const operation = 'billgate.mobile.charge';
  const recorded = (result === undefined ? { kind: 'unknown' } : JSON.parse(result)) as RecordedCharge;
  if (recorded.kind === 'approved')
    return { ...recorded.value, approvedAt: new Date(recorded.value.approvedAt) };
  if (recorded.kind === 'error') {
    const fields = recorded.error as unknown as ConstructorParameters<typeof BillgateError>[0];
    throw new BillgateError({
      ...fields,
      operation,
      message: `Billgate charge for this order already ended: ${fields.category} (${fields.vendorCode})`,
    });
  }
  if (recorded.pendingCompensation) {
    throw new BillgateOutcomeUnknownError({
      message:
        'billgate.mobile.charge: this order ended with an unknown outcome; a network cancel is pending',
      operation,
      reference: transactionId,
      pendingCompensation: recorded.pendingCompensation,
    });
  }
  throw new OutcomeUnknownError({
    message:
      'billgate.mobile.charge: this order ended with an unknown outcome; reconcile by the transaction id',
    vendor: 'billgate',
    operation,
    reference: transactionId,
  });
}
