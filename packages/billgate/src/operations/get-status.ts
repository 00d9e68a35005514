import { defineOperation, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import { BILLGATE_COMMANDS } from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import { authQueryRequestTags, readAuthQuery } from '../wire/billgate-messages.js';
import {
  type BillgateOperationContext,
  decodeResponse,
  encodeRequest,
  errorOf,
  orderDateSchema,
  orderIdSchema,
  resultCodeOf,
  transactionIdSchema,
} from './billgate-operation-context.js';

export const getStatusInput = z.object({
  orderId: orderIdSchema,
  orderDate: orderDateSchema,
  transactionId: transactionIdSchema.optional(),
});

export const getStatusOutput = z.object({
  state: z.enum(['approved', 'partially_cancelled', 'cancelled', 'failed', 'not_found']),
  amount: z.number().int().nonnegative().optional(),
  cancelledAmount: z.number().int().nonnegative().optional(),
  approvedAt: z.date().optional(),
  cancelledAt: z.date().optional(),
  transactionId: z.string().optional(),
});

export type GetStatusOperation = OperationDefinition<typeof getStatusInput, typeof getStatusOutput>;

/** `mobile.getStatus`: 5000 → 5001, safe; tags and 0078 values are Modelled (spec §4.5). */
export function createGetStatusOperation(context: BillgateOperationContext): GetStatusOperation {
  return defineOperation({
    name: 'billgate.mobile.getStatus',
    input: getStatusInput,
    output: getStatusOutput,
    idempotency: 'safe',
    timeoutMs: context.config.timeouts.queryMs,
    codes: context.codes,
    encode: (input, attempt) =>
      encodeRequest(context, attempt, {
        command: BILLGATE_COMMANDS.AUTH_QUERY_REQUEST as string,
        orderId: input.orderId,
        orderDate: formatKst(input.orderDate),
        tags: authQueryRequestTags(input.transactionId),
      }),
    decode: (response: Buffer, attempt) => {
      const message = decodeResponse(context, attempt, response);
      const status = readAuthQuery(message);
      // A definitive "no such transaction" is an answer, not a failure of the query.
      if (status.notFound) return { code: '0000', value: { state: 'not_found' } };
      const code = resultCodeOf(message);
      if (code !== '0000') throw errorOf(context, attempt, message);
      const { notFound: _notFound, ...value } = status;
      return { code, value };
    },
  });
}
