import type { CodesTable, OperationDefinition, Resolution, ResolutionContext } from '@wirebridge/core';
import { VendorError } from '@wirebridge/core';
import type { z } from 'zod';
import { FaysalError } from '../faysal-error.js';
import type { InquiryInput, TransactionState } from '../faysal-types.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';

/** How one money-moving operation reads the inquiry (spec §2.1). */
export interface InquiryResolverOptions<TInput, TOutput> {
  /** What to ask the inquiry. */
  query(input: TInput): InquiryInput;
  /** The value of a completed transaction. */
  completed(state: TransactionState, input: TInput, reference: string): TOutput;
  /** Statuses that mean "executed and done" (`COMPLETED`, and `RETURNED` for a return). */
  completedStatuses: ReadonlySet<TransactionState['status']>;
}

const stillPending: ReadonlySet<TransactionState['status']> = new Set(['pending', 'on_hold']);

/**
 * The §2.1 resolver: polls `transaction.inquiry` on the configured schedule until the bank gives a final status.
 * - completed → the value (`resolvedBy: 'inquiry'`); rejected/failed/returned → `FaysalError` with the bank's code;
 * - pending/on_hold at the deadline → `FaysalError{category:'pending'}` with the bank reference;
 * - `0411` after a transport failure → "not executed", so the pipeline re-sends the identical bytes (keyed);
 *   after a pending code it proves nothing and polling goes on;
 * - any other error is inconclusive (core then reports `OutcomeUnknownError` with the reference).
 */
export function createInquiryResolver<TInputSchema extends z.ZodType, TOutput>(
  context: FaysalOperationContext,
  inquiry: OperationDefinition<z.ZodType, z.ZodType<TransactionState>>,
  codes: CodesTable,
  options: InquiryResolverOptions<z.output<TInputSchema>, TOutput>,
) {
  const startedAt = new Map<string, number>();
  return async (resolution: ResolutionContext<z.output<TInputSchema>>): Promise<Resolution<TOutput>> => {
    const reference = resolution.idempotencyKey ?? '';
    const now = Date.now();
    if (resolution.step === 1 || !startedAt.has(reference)) startedAt.set(reference, now);
    const lastStep =
      resolution.step >= context.resolve.delaysMs.length ||
      now - (startedAt.get(reference) ?? now) >= context.resolve.deadlineMs;
    let state: TransactionState;
    try {
      state = await resolution.run(inquiry, options.query(resolution.input), { maxAttempts: 1 });
    } catch (error) {
      if (error instanceof VendorError && error.category === 'not_found') {
        // spec §2.1 step 3: only a transport failure lets "no transaction" mean "never arrived".
        const afterPendingCode = (resolution.cause.details as { vendorCode?: unknown } | undefined)
          ?.vendorCode;
        if (afterPendingCode === undefined) {
          startedAt.delete(reference);
          return { status: 'not_executed' };
        }
        return { status: 'pending' };
      }
      throw error;
    }
    if (options.completedStatuses.has(state.status)) {
      startedAt.delete(reference);
      return { status: 'completed', value: options.completed(state, resolution.input, reference) };
    }
    if (stillPending.has(state.status)) {
      if (!lastStep) return { status: 'pending' };
      startedAt.delete(reference);
      return {
        status: 'failed',
        error: new FaysalError({
          operation: resolution.operation,
          category: 'pending',
          retryable: false,
          vendorCode: state.vendorCode,
          vendorMessage: state.vendorMessage,
          idempotencyKey: reference,
          ...(state.bankReference === undefined ? {} : { bankReference: state.bankReference }),
        }),
      };
    }
    startedAt.delete(reference);
    const meaning = codes.lookup(state.vendorCode);
    return {
      status: 'failed',
      error: new FaysalError({
        operation: resolution.operation,
        category: meaning.outcome === 'error' ? meaning.category : 'declined',
        retryable: false,
        vendorCode: state.vendorCode,
        vendorMessage: state.vendorMessage,
        idempotencyKey: reference,
        details: { status: state.status },
        ...(state.bankReference === undefined ? {} : { bankReference: state.bankReference }),
      }),
    };
  };
}
