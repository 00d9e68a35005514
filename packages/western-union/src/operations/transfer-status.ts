import { defineOperation } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { WU_NO_MATCH_CODE, WU_SUCCESS_CODE } from '../western-union-codes.js';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import { buildPayStatusRequest, readPaymentTransactions, statusName } from '../wire/transfer-state-codec.js';
import { parseFilingDateTime } from '../wire/wu-dates.js';
import { decodeFaultReply } from '../wire/wu-fault.js';
import { mtcnSchema, type WuOperationContext } from './operation-context.js';

/** Input of `transfers.status`. */
export const statusInputSchema = z.object({ mtcn: mtcnSchema }).strict();

/** Result of `transfers.status` (spec §11 `WuTransferStatus`). */
export const transferStatusSchema = z.object({
  mtcn: z.string(),
  status: z.enum(['available', 'queued', 'paid', 'cancelled', 'unknown']),
  rawStatus: z.string(),
  moneyTransferKey: z.string(),
  filedAt: z.date().optional(),
  raw: z.unknown(),
});
/** Result of `transfers.status`: the transfer's PayStatus, normalised and raw. */
export type WuTransferStatus = z.output<typeof transferStatusSchema>;

/** The `foreign_remote_system/reference_no` of an inquiry: derived from the MTCN, so it carries no personal data. */
export function inquiryReference(prefix: string, mtcn: string): string {
  return `${prefix}${mtcn}`;
}

/**
 * `transfers.status`: PayStatus by MTCN (spec §2, safe). `number_matches` 0 is a definitive "no such transfer":
 * a `WesternUnionError` `not_found` with `vendorCode: 'NO_MATCH'` (spec §2.1).
 */
export function defineStatusOperation(context: WuOperationContext) {
  return defineOperation({
    name: 'western-union.transfers.status',
    input: statusInputSchema,
    output: transferStatusSchema,
    idempotency: 'safe',
    timeoutMs: context.options.timeouts.status,
    codes: context.codes,
    encode: (input): SoapOperationRequest => ({
      service: 'status',
      operation: MINIMAL_WSDL_SHAPES.status.operation,
      args: buildPayStatusRequest(context.codec.partner, input.mtcn, inquiryReference('ST', input.mtcn)),
    }),
    decode: (reply: SoapReply, attempt) => {
      if (reply.kind === 'fault') return decodeFaultReply(reply);
      const { numberMatches, transactions } = readPaymentTransactions(reply.result);
      const first = transactions[0];
      if (numberMatches === 0 || first === undefined) {
        return { code: WU_NO_MATCH_CODE, message: 'no transfer matches this MTCN' };
      }
      const filedAt = parseFilingDateTime(first.filingDate, first.filingTime, context.options.clock());
      return {
        code: WU_SUCCESS_CODE,
        value: {
          mtcn: first.mtcn ?? attempt.input.mtcn,
          status: statusName(first.rawStatus),
          rawStatus: first.rawStatus,
          moneyTransferKey: first.moneyTransferKey,
          ...(filedAt === undefined ? {} : { filedAt }),
          raw: reply.result,
        },
      };
    },
  });
}
