import { defineOperation, type HttpResponse, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayPaymentCodes } from '../unionpay-codes.js';
import { buildRequest, reversalFields, type UnionPayWireContext } from '../wire/unionpay-codec.js';
import {
  acceptedResult,
  amountSchema,
  currencySchema,
  moneyResultSchema,
  orderIdSchema,
  orderTimeSchema,
  passthroughSchema,
  queryIdSchema,
  queryResolver,
  readGatewayReply,
} from './operation-support.js';

/** Input of void and refund (spec §11 `VoidInput` / `RefundInput`). */
export function reversalInputSchema(wire: UnionPayWireContext) {
  return z.object({
    orderId: orderIdSchema,
    orderTime: orderTimeSchema(wire),
    originalQueryId: queryIdSchema,
    amount: amountSchema,
    currency: currencySchema,
    passthrough: passthroughSchema(wire),
  });
}

/**
 * Void 31/00 and refund 04/00 (spec §2): keyed on `orderId` + `txnTime` (a new `orderId`, `origQryId` = the
 * original's `queryId`); a lost or pending reply is resolved with `payments.query`, never re-sent with a new id.
 */
export function defineReversePayment(
  wire: UnionPayWireContext,
  kind: 'void' | 'refund',
  query: OperationDefinition,
) {
  return defineOperation({
    name: `unionpay.payments.${kind}`,
    input: reversalInputSchema(wire),
    output: moneyResultSchema,
    idempotency: 'keyed',
    reference: (input) => input.orderId,
    codes: unionPayPaymentCodes,
    resolutionDelaysMs: wire.resolverDelaysMs,
    encode: (input) => buildRequest(wire, 'back', reversalFields(wire, kind, input)),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, unionPayPaymentCodes, response, attempt, attempt.input, {
        keyed: true,
      });
      return { code: reply.code, message: reply.message, value: acceptedResult(reply, attempt.input) };
    },
    resolve: queryResolver(query),
  });
}
