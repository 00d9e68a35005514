import { defineOperation, type Resolution } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import { buildCancelSendRequest } from '../wire/transfer-state-codec.js';
import { decodeSoapReply, mtcnSchema, type WuOperationContext } from './operation-context.js';
import { type defineStatusOperation, inquiryReference } from './transfer-status.js';

/** Public input of `transfers.cancel` and `transfers.refund` (spec §11). */
export const cancelInputSchema = z
  .object({
    mtcn: mtcnSchema,
    reason: z
      .string()
      .regex(/^[A-Z0-9]{1,3}$/, 'must be 1–3 upper-case letters or digits')
      .optional(),
    comments: z.array(z.string().trim().min(1).max(69)).max(4).optional(),
  })
  .strict();

const cancelSendInputSchema = z.object({
  mtcn: mtcnSchema,
  databaseKey: z.string().min(1),
  reason: z.string(),
  comments: z.array(z.string()),
});

/** Result of `transfers.cancel` (spec §11 `WuCancelResult`). */
export const cancelResultSchema = z.object({
  mtcn: z.string(),
  moneyTransferKey: z.string(),
  status: z.literal('cancelled'),
  resolvedBy: z.enum(['reply', 'status']).optional(),
  raw: z.unknown(),
});
/** Result of `transfers.cancel`: the cancelled transfer, and whether the reply or PayStatus proved it. */
export type WuCancelResult = z.output<typeof cancelResultSchema>;

/**
 * `CancelSend` with the Search `money_transfer_key` as `database_key` (spec §2, unsafe). A lost reply is resolved by
 * PayStatus: `CAN` means cancelled; anything else stays unknown (never a second cancel).
 */
export function defineCancelSendOperation(
  context: WuOperationContext,
  statusOperation: ReturnType<typeof defineStatusOperation>,
) {
  return defineOperation({
    name: 'western-union.transfers.cancel',
    input: cancelSendInputSchema,
    output: cancelResultSchema,
    idempotency: 'unsafe',
    timeoutMs: context.options.timeouts.cancel,
    codes: context.codes,
    reference: (input) => inquiryReference('CN', input.mtcn),
    resolutionDelaysMs: context.options.resolveDelaysMs,
    resolve: async (resolution): Promise<Resolution<WuCancelResult>> => {
      const status = await resolution.run(statusOperation, { mtcn: resolution.input.mtcn });
      if (status.rawStatus !== 'CAN') return { status: 'pending' };
      return {
        status: 'completed',
        value: {
          mtcn: resolution.input.mtcn,
          moneyTransferKey: resolution.input.databaseKey,
          status: 'cancelled',
          resolvedBy: 'status',
          raw: status.raw,
        },
      };
    },
    encode: (input): SoapOperationRequest => ({
      service: 'cancel',
      operation: MINIMAL_WSDL_SHAPES.cancel.operation,
      args: buildCancelSendRequest(context.codec.partner, {
        mtcn: input.mtcn,
        databaseKey: input.databaseKey,
        reason: input.reason,
        comments: input.comments,
        reference: inquiryReference('CN', input.mtcn),
      }),
    }),
    // spec §4.4: no fault = accepted.
    decode: (reply: SoapReply, attempt) =>
      decodeSoapReply(reply, (result) => ({
        mtcn: attempt.input.mtcn,
        moneyTransferKey: attempt.input.databaseKey,
        status: 'cancelled',
        resolvedBy: 'reply',
        raw: result,
      })),
  });
}
