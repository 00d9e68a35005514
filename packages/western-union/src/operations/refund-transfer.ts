import { defineOperation, type Resolution } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import { buildRefundRequest } from '../wire/transfer-state-codec.js';
import { decodeSoapReply, mtcnSchema, type WuOperationContext } from './operation-context.js';
import { type defineStatusOperation, inquiryReference } from './transfer-status.js';

const refundRequestInputSchema = z.object({
  mtcn: mtcnSchema,
  newMtcn: z.string().optional(),
  moneyTransferKey: z.string().min(1),
  financials: z.unknown(),
  reason: z.string(),
  comments: z.array(z.string()),
});

/** Result of `transfers.refund` (spec §11 `WuRefundResult`). */
export const refundResultSchema = z.object({
  mtcn: z.string(),
  moneyTransferKey: z.string(),
  status: z.enum(['refund_requested', 'refunded']),
  resolvedBy: z.enum(['reply', 'status']).optional(),
  raw: z.unknown(),
});
/** Result of `transfers.refund`: `refund_requested` or `refunded`, and whether the reply or PayStatus said so. */
export type WuRefundResult = z.output<typeof refundResultSchema>;

/** PayStatus value of a refunded transfer (**Modelled**, as the refund endpoint). */
const refundedStatus = 'REF';

/**
 * `refund-request` on `endpoints.refund` (spec §2, **Modelled**, unsafe). No fault = accepted; the final state is
 * confirmed by PayStatus or NIS `BIS006`. A lost reply is resolved by PayStatus (`REF` = refunded).
 */
export function defineRefundOperation(
  context: WuOperationContext,
  statusOperation: ReturnType<typeof defineStatusOperation>,
) {
  return defineOperation({
    name: 'western-union.transfers.refund',
    input: refundRequestInputSchema,
    output: refundResultSchema,
    idempotency: 'unsafe',
    timeoutMs: context.options.timeouts.refund,
    codes: context.codes,
    reference: (input) => inquiryReference('RF', input.mtcn),
    resolutionDelaysMs: context.options.resolveDelaysMs,
    resolve: async (resolution): Promise<Resolution<WuRefundResult>> => {
      const status = await resolution.run(statusOperation, { mtcn: resolution.input.mtcn });
      if (status.rawStatus !== refundedStatus) return { status: 'pending' };
      return {
        status: 'completed',
        value: {
          mtcn: resolution.input.mtcn,
          moneyTransferKey: resolution.input.moneyTransferKey,
          status: 'refunded',
          resolvedBy: 'status',
          raw: status.raw,
        },
      };
    },
    encode: (input): SoapOperationRequest => ({
      service: 'refund',
      operation: MINIMAL_WSDL_SHAPES.refund.operation,
      args: buildRefundRequest(context.codec.partner, {
        financials: input.financials,
        mtcn: input.mtcn,
        newMtcn: input.newMtcn,
        comments: input.comments,
        reason: input.reason,
        moneyTransferKey: input.moneyTransferKey,
        reference: inquiryReference('RF', input.mtcn),
      }),
    }),
    decode: (reply: SoapReply, attempt) =>
      decodeSoapReply(reply, (result) => ({
        mtcn: attempt.input.mtcn,
        moneyTransferKey: attempt.input.moneyTransferKey,
        status: 'refund_requested',
        resolvedBy: 'reply',
        raw: result,
      })),
  });
}
