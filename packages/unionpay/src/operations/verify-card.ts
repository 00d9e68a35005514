import { defineOperation, type HttpResponse, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayPaymentCodes } from '../unionpay-codes.js';
import type { UnionPayTransaction } from '../unionpay-types.js';
import { buildRequest, cardVerifyFields, type UnionPayWireContext } from '../wire/unionpay-codec.js';
import {
  orderIdSchema,
  orderTimeSchema,
  panSchema,
  readGatewayReply,
  resolutionOf,
} from './operation-support.js';

/** Result of `cards.verify`: a mismatch is a `UnionPayError` (`declined`), never `verified: false`. */
export const cardVerificationSchema = z.object({
  orderId: z.string(),
  orderTime: z.date(),
  verified: z.literal(true),
  vendorCode: z.string(),
});

/** Input of `cards.verify` (spec §11 `CardVerifyInput`). */
export function cardVerifyInputSchema(wire: UnionPayWireContext) {
  return z.object({
    orderId: orderIdSchema,
    orderTime: orderTimeSchema(wire),
    pan: panSchema,
    holder: z.object({
      name: z.string().min(1).max(64),
      idType: z.string().regex(/^\d{2}$/, 'must be 2 digits'),
      idNumber: z.string().regex(/^[0-9A-Za-z]{1,32}$/, 'must be 1–32 letters or digits'),
      phone: z
        .string()
        .regex(/^\d{5,20}$/, 'must be 5–20 digits')
        .optional(),
      cvn2: z
        .string()
        .regex(/^\d{3}$/, 'must be 3 digits')
        .optional(),
      expiry: z
        .string()
        .regex(/^\d{2}(0[1-9]|1[0-2])$/, 'must be YYMM')
        .optional(),
    }),
  });
}

/**
 * Real-name verification 72/01 (spec §2): keyed; a lost reply is resolved with a 00/00 query (bizType 000401).
 */
export function defineVerifyCard(wire: UnionPayWireContext, query: OperationDefinition) {
  return defineOperation({
    name: 'unionpay.cards.verify',
    input: cardVerifyInputSchema(wire),
    output: cardVerificationSchema,
    idempotency: 'keyed',
    reference: (input) => input.orderId,
    codes: unionPayPaymentCodes,
    resolutionDelaysMs: wire.resolverDelaysMs,
    encode: (input) => buildRequest(wire, 'back', cardVerifyFields(wire, input)),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, unionPayPaymentCodes, response, attempt, attempt.input, {
        keyed: true,
      });
      return {
        code: reply.code,
        message: reply.message,
        value: {
          orderId: attempt.input.orderId,
          orderTime: attempt.input.orderTime,
          verified: true,
          vendorCode: reply.code,
        },
      };
    },
    resolve: async (context) => {
      const transaction = (await context.run(
        query,
        { orderId: context.input.orderId, orderTime: context.input.orderTime },
        { maxAttempts: 1 },
      )) as UnionPayTransaction;
      const resolution = resolutionOf(transaction, context.operation);
      if (resolution.status !== 'completed') return resolution;
      return {
        status: 'completed',
        value: {
          orderId: context.input.orderId,
          orderTime: context.input.orderTime,
          verified: true as const,
          vendorCode: resolution.value.vendorCode,
        },
      };
    },
  });
}
