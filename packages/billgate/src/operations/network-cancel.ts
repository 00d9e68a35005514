import {
  defineOperation,
  type OperationDefinition,
  type Resolution,
  type ResolutionContext,
} from '@wirebridge/core';
import { z } from 'zod';
import { BillgateError } from '../billgate-error.js';
import { BILLGATE_COMMANDS } from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import { networkCancelRequestTags, readNetworkCancel } from '../wire/billgate-messages.js';
import { NETWORK_CANCEL_SETTLED_CODES } from '../wire/billgate-modelled.js';
import {
  type BillgateOperationContext,
  decodeResponse,
  encodeRequest,
  errorOf,
  resultCodeOf,
  transactionRefSchema,
} from './billgate-operation-context.js';

export const networkCancelInput = transactionRefSchema;
export const networkCancelOutput = z.object({
  cancelledAt: z.date().optional(),
  /** 1002 of the 9101: `0000`, or `B101`/`B102` where the variant accepts them. */
  resultCode: z.string(),
});
export type NetworkCancelOperation = OperationDefinition<
  typeof networkCancelInput,
  typeof networkCancelOutput
>;

/**
 * Which 9101 codes count as "nothing stays charged":
 * - `public`: `0000`; `B102` on the SDK's own retry (spec §2 table: keyed, retried);
 * - `resend`: `0000` and `B102` (the resend after a lost reply: an earlier copy already cancelled it);
 * - `compensation`: `0000`, `B101`, `B102` (spec §2.1 step 5).
 */
type NetworkCancelVariant = 'public' | 'resend' | 'compensation';

/** `mobile.networkCancel`: 9100 + 1001, keyed by transactionId (spec §2, §4.5 Modelled tags). */
export function createNetworkCancelOperation(
  context: BillgateOperationContext,
  variant: NetworkCancelVariant,
  options: { timeoutMs: number; resend?: NetworkCancelOperation },
): NetworkCancelOperation {
  return defineOperation({
    name: 'billgate.mobile.networkCancel',
    input: networkCancelInput,
    output: networkCancelOutput,
    idempotency: 'keyed',
    timeoutMs: options.timeoutMs,
    // The vendor deduplicates on the transaction id: every attempt reuses it.
    reference: (input) => input.transactionId,
    codes: context.codes,
    encode: (input, attempt) =>
      encodeRequest(context, attempt, {
        command: BILLGATE_COMMANDS.NETWORK_CANCEL_REQUEST as string,
        orderId: input.orderId,
        orderDate: formatKst(input.orderDate),
        tags: networkCancelRequestTags(input.transactionId),
      }),
    decode: (response: Buffer, attempt) => {
      const message = decodeResponse(context, attempt, response);
      const code = resultCodeOf(message);
      const settled =
        code === '0000' ||
        (variant === 'compensation' && NETWORK_CANCEL_SETTLED_CODES.has(code)) ||
        (code === 'B102' && (variant === 'resend' || attempt.attempt > 1));
      if (!settled) throw errorOf(context, attempt, message);
      return { code: '0000', value: { resultCode: code, ...readNetworkCancel(message) } };
    },
    ...(options.resend
      ? { resolve: resendResolver(options.resend), resolutionDelaysMs: [0, 1_000, 2_000] }
      : {}),
  });
}

/**
 * A keyed Billgate call whose reply was lost is resolved by sending it again with the same transaction id
 * (spec §2: "retried with the same transactionId; B102 on a retry ⇒ success").
 */
export function resendResolver<TInput, TOutput>(
  resend: OperationDefinition<z.ZodType<TInput>, z.ZodType<TOutput>>,
): (context: ResolutionContext<TInput>) => Promise<Resolution<TOutput>> {
  return async (resolution) => {
    try {
      const value = await resolution.run(resend, resolution.input as never, {
        maxAttempts: 1,
        ...(resolution.signal ? { signal: resolution.signal } : {}),
      });
      return { status: 'completed', value: value as TOutput };
    } catch (error) {
      // Billgate answered the resend definitively; anything else stays inconclusive (core records it).
      if (error instanceof BillgateError) return { status: 'failed', error };
      throw error;
    }
  };
}
