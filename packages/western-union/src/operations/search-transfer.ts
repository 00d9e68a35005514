import { defineOperation } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { WU_NO_MATCH_CODE, WU_SUCCESS_CODE } from '../western-union-codes.js';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import { buildSearchRequest, readPaymentTransactions } from '../wire/transfer-state-codec.js';
import { decodeFaultReply } from '../wire/wu-fault.js';
import { textAt } from '../wire/xrsi-object.js';
import { mtcnSchema, type WuOperationContext } from './operation-context.js';
import { inquiryReference } from './transfer-status.js';

export const searchInputSchema = z
  .object({ mtcn: mtcnSchema, flag: z.enum(['CANCEL_SEND', 'REFUND']) })
  .strict();

/** What a Search returns for cancel/refund (spec §4.4). */
export const searchResultSchema = z.object({
  mtcn: z.string(),
  newMtcn: z.string().optional(),
  moneyTransferKey: z.string().min(1),
  rawStatus: z.string(),
  refundCancelFlag: z.string().optional(),
  financials: z.unknown(),
});
export type WuSearchResult = z.output<typeof searchResultSchema>;

/** `Search` with `search_flag` `CANCEL_SEND`/`REFUND` (spec §2, safe): finds the `money_transfer_key`. */
export function defineSearchOperation(context: WuOperationContext) {
  return defineOperation({
    name: 'western-union.transfers.search',
    input: searchInputSchema,
    output: searchResultSchema,
    idempotency: 'safe',
    timeoutMs: context.options.timeouts.search,
    codes: context.codes,
    encode: (input): SoapOperationRequest => ({
      service: 'search',
      operation: MINIMAL_WSDL_SHAPES.search.operation,
      args: buildSearchRequest(
        context.codec.partner,
        context.options.origin,
        input.mtcn,
        inquiryReference('SR', input.mtcn),
        input.flag,
      ),
    }),
    decode: (reply: SoapReply, attempt) => {
      if (reply.kind === 'fault') return decodeFaultReply(reply);
      const { numberMatches, transactions } = readPaymentTransactions(reply.result);
      const first = transactions[0];
      if (numberMatches === 0 || first === undefined) {
        return { code: WU_NO_MATCH_CODE, message: 'no transfer matches this MTCN' };
      }
      const refundCancelFlag = textAt(reply.result, 'refund_cancel_flag');
      return {
        code: WU_SUCCESS_CODE,
        value: {
          mtcn: first.mtcn ?? attempt.input.mtcn,
          ...(first.newMtcn === undefined ? {} : { newMtcn: first.newMtcn }),
          moneyTransferKey: first.moneyTransferKey,
          rawStatus: first.rawStatus,
          ...(refundCancelFlag === undefined ? {} : { refundCancelFlag }),
          financials: first.financials,
        },
      };
    },
  });
}
