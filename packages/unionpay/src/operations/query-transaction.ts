import { type CodesTable, defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayPaymentCodes } from '../unionpay-codes.js';
import { UnionPayError } from '../unionpay-error.js';
import {
  buildRequest,
  queryFields,
  transactionOf,
  type UnionPayWireContext,
} from '../wire/unionpay-codec.js';
import { orderIdSchema, readGatewayReply, transactionSchema } from './operation-support.js';

const DAY_MS = 24 * 60 * 60 * 1_000;

/** The query's own codes: `34` passes to `decode`, which reads it by the order's age (spec §6). */
const queryCodes: CodesTable = {
  ...unionPayPaymentCodes,
  lookup: (code) => (code === '34' ? { outcome: 'success' } : unionPayPaymentCodes.lookup(code)),
};

/**
 * Single query 00/00 (spec §2): safe. `respCode` is the query itself; `origRespCode` the original. A `34`
 * ("no such order") is `pending` for orders younger than 24 h (the demos call it status-unclear) and
 * `not_found` for older ones (spec §6).
 */
export function defineQueryTransaction(wire: UnionPayWireContext, kind: 'payments' | 'payouts') {
  const resultContext = kind === 'payouts' ? 'payout' : 'payment';
  return defineOperation({
    name: `unionpay.${kind}.query`,
    input: z.object({ orderId: z.string().pipe(orderIdSchema), orderTime: z.date() }),
    output: transactionSchema,
    idempotency: 'safe',
    codes: queryCodes,
    encode: (input) =>
      buildRequest(wire, 'query', queryFields(wire, kind === 'payouts' ? '000401' : '000201', input)),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, queryCodes, response, attempt, attempt.input);
      if (reply.code !== '34') {
        return {
          code: reply.code,
          message: reply.message,
          value: transactionOf(wire, reply.fields, attempt.input, resultContext),
        };
      }
      if (wire.clock().getTime() - attempt.input.orderTime.getTime() >= DAY_MS) {
        throw new UnionPayError({
          operation: attempt.operation,
          category: 'not_found',
          retryable: false,
          vendorCode: reply.code,
          vendorMessage: reply.message,
          orderId: attempt.input.orderId,
          orderTime: attempt.input.orderTime,
        });
      }
      return {
        code: reply.code,
        message: reply.message,
        value: transactionOf(wire, reply.fields, attempt.input, resultContext, 'pending'),
      };
    },
  });
}
