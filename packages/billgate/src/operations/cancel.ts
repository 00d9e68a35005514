import { defineOperation, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import { BILLGATE_COMMANDS } from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import { cancelRequestTags, readCancel } from '../wire/billgate-messages.js';
import type { BillgateMessage } from '../wire/billgate-types.js';
import {
  type BillgateOperationContext,
  decodeResponse,
  encodeRequest,
  errorOf,
  krwAmountSchema,
  krwSchema,
  resultCodeOf,
  transactionRefSchema,
} from './billgate-operation-context.js';
import type { GetStatusOperation } from './get-status.js';
import { resendResolver } from './network-cancel.js';

/** Full cancel: no amount (spec §2). */
export const fullCancelInput = transactionRefSchema.extend({ currency: krwSchema });
/** Partial cancel: an amount is required, so 9000 is never sent without 7043 (spec §4.5 partial-cancel trap). */
export const partialCancelInput = transactionRefSchema.extend({
  currency: krwSchema,
  amount: krwAmountSchema,
});

export const cancelOutput = z.object({
  cancelledAmount: z.number().int().nonnegative(),
  cancelTransactionId: z.string().optional(),
  remainingTransactionId: z.string().optional(),
  alreadyCancelled: z.boolean(),
  raw: z.record(z.string(), z.array(z.string())),
});

export type FullCancelOperation = OperationDefinition<typeof fullCancelInput, typeof cancelOutput>;
export type PartialCancelOperation = OperationDefinition<typeof partialCancelInput, typeof cancelOutput>;

function cancelResult(message: BillgateMessage, alreadyCancelled: boolean, partial: boolean) {
  return { ...readCancel(message, partial), alreadyCancelled };
}

/** `mobile.cancel` without amount: 9000 + 1001, keyed by transactionId; B102 on a retry ⇒ success (spec §2). */
export function createFullCancelOperation(
  context: BillgateOperationContext,
  variant: 'public' | 'resend',
  resend?: FullCancelOperation,
): FullCancelOperation {
  return defineOperation({
    name: 'billgate.mobile.cancel',
    input: fullCancelInput,
    output: cancelOutput,
    idempotency: 'keyed',
    timeoutMs: context.config.timeouts.moneyMs,
    reference: (input) => input.transactionId,
    codes: context.codes,
    encode: (input, attempt) =>
      encodeRequest(context, attempt, {
        command: BILLGATE_COMMANDS.CANCEL_REQUEST as string,
        orderId: input.orderId,
        orderDate: formatKst(input.orderDate),
        tags: cancelRequestTags(input.transactionId),
      }),
    decode: (response: Buffer, attempt) => {
      const message = decodeResponse(context, attempt, response);
      const code = resultCodeOf(message);
      if (code === '0000') return { code, value: cancelResult(message, false, false) };
      // Our own earlier copy already cancelled it: that is the success we asked for.
      if (code === 'B102' && (variant === 'resend' || attempt.attempt > 1)) {
        return { code: '0000', value: cancelResult(message, true, false) };
      }
      throw errorOf(context, attempt, message);
    },
    ...(resend ? { resolve: resendResolver(resend), resolutionDelaysMs: [0, 1_000, 2_000] } : {}),
  });
}

/**
 * `mobile.cancel` with amount: 9000 + 1001 + 7043, **unsafe** (a second copy would cancel twice). A lost reply is
 * resolved with 5000 (Modelled): only "approved with nothing cancelled" proves it never ran; everything else
 * ends in `OutcomeUnknownError` (spec §2).
 */
export function createPartialCancelOperation(
  context: BillgateOperationContext,
  getStatus: GetStatusOperation,
): PartialCancelOperation {
  return defineOperation({
    name: 'billgate.mobile.partialCancel',
    input: partialCancelInput,
    output: cancelOutput,
    idempotency: 'unsafe',
    timeoutMs: context.config.timeouts.moneyMs,
    reference: (input) => input.transactionId,
    codes: context.codes,
    encode: (input, attempt) =>
      encodeRequest(context, attempt, {
        command: BILLGATE_COMMANDS.CANCEL_REQUEST as string,
        orderId: input.orderId,
        orderDate: formatKst(input.orderDate),
        tags: cancelRequestTags(input.transactionId, input.amount),
      }),
    decode: (response: Buffer, attempt) => {
      const message = decodeResponse(context, attempt, response);
      const code = resultCodeOf(message);
      if (code !== '0000') throw errorOf(context, attempt, message);
      return { code, value: cancelResult(message, false, true) };
    },
    resolutionDelaysMs: [0],
    resolve: async (resolution) => {
      const status = await resolution.run(getStatus, {
        orderId: resolution.input.orderId,
        orderDate: resolution.input.orderDate,
        transactionId: resolution.input.transactionId,
      });
      if (status.state === 'approved' && (status.cancelledAmount ?? 0) === 0)
        return { status: 'not_executed' };
      // Partially cancelled or cancelled could be ours or an earlier one: inconclusive, never a second send.
      return { status: 'pending' };
    },
  });
}
