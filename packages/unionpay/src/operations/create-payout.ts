import { defineOperation, type HttpResponse, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayPayoutCodes } from '../unionpay-codes.js';
import { buildRequest, payoutFields, type UnionPayWireContext } from '../wire/unionpay-codec.js';
import {
  acceptedResult,
  amountSchema,
  currencySchema,
  moneyResultSchema,
  orderIdSchema,
  orderTimeSchema,
  panSchema,
  passthroughSchema,
  queryResolver,
  readGatewayReply,
} from './operation-support.js';

/** Input of `payouts.create` (spec §11 `PayoutInput`). */
export function payoutInputSchema(wire: UnionPayWireContext) {
  return z.object({
    orderId: orderIdSchema,
    orderTime: orderTimeSchema(wire),
    amount: amountSchema,
    currency: currencySchema,
    pan: panSchema,
    holder: z
      .object({
        name: z.string().min(1).max(64).optional(),
        idType: z
          .string()
          .regex(/^\d{2}$/, 'must be 2 digits')
          .optional(),
        idNumber: z
          .string()
          .regex(/^[0-9A-Za-z]{1,32}$/, 'must be 1–32 letters or digits')
          .optional(),
      })
      .refine((holder) => holder.name !== undefined || holder.idNumber !== undefined, {
        message: 'needs name and/or idNumber, as configured on the merchant',
        path: ['name'],
      }),
    memo: z.string().max(64).optional(),
    passthrough: passthroughSchema(wire),
  });
}

/**
 * Payout 代付 12/00 to a UnionPay card (spec §2): keyed; `accNo` encrypted. Sync `00` = accepted only. Pending
 * codes (payout context `01, 03, 04, 05, 12, 34, 60`), lost replies and bad signatures run `payouts.query`.
 */
export function defineCreatePayout(wire: UnionPayWireContext, query: OperationDefinition) {
  return defineOperation({
    name: 'unionpay.payouts.create',
    input: payoutInputSchema(wire),
    output: moneyResultSchema,
    idempotency: 'keyed',
    reference: (input) => input.orderId,
    codes: unionPayPayoutCodes,
    resolutionDelaysMs: wire.resolverDelaysMs,
    encode: (input) => buildRequest(wire, 'back', payoutFields(wire, input)),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, unionPayPayoutCodes, response, attempt, attempt.input, {
        keyed: true,
      });
      return { code: reply.code, message: reply.message, value: acceptedResult(reply, attempt.input) };
    },
    resolve: queryResolver(query),
  });
}
