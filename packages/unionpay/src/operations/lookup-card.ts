import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayPaymentCodes } from '../unionpay-codes.js';
import { MODELLED_CARD_INFO_ENVELOPE_FIELDS, MODELLED_CARD_INFO_ISSUER_FIELD } from '../wire/modelled.js';
import {
  buildRequest,
  cardLookupFields,
  freshOrderId,
  type UnionPayWireContext,
} from '../wire/unionpay-codec.js';
import { orderIdSchema, panSchema, readGatewayReply } from './operation-support.js';

/** Result of `cards.lookup`: the response fields are **Modelled** (spec §2), passed through raw. */
export const cardInfoSchema = z.object({
  issuerCode: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
});

/**
 * Card info query 70/03, product Q001 (spec §2): safe, with a fresh `orderId` per attempt unless the caller
 * gives one (a repeated `orderId` + `txnTime` would be answered `12`).
 */
export function defineLookupCard(wire: UnionPayWireContext) {
  return defineOperation({
    name: 'unionpay.cards.lookup',
    input: z.object({ pan: panSchema, orderId: orderIdSchema.optional() }),
    output: cardInfoSchema,
    idempotency: 'safe',
    codes: unionPayPaymentCodes,
    encode: (input, attempt) =>
      buildRequest(
        wire,
        'back',
        cardLookupFields(wire, {
          pan: input.pan,
          orderId: input.orderId !== undefined && attempt.attempt === 1 ? input.orderId : freshOrderId(wire),
        }),
      ),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, unionPayPaymentCodes, response, attempt);
      const attributes: Record<string, string> = {};
      for (const [key, value] of Object.entries(reply.fields)) {
        if (!MODELLED_CARD_INFO_ENVELOPE_FIELDS.has(key)) attributes[key] = value;
      }
      const issuerCode = reply.fields[MODELLED_CARD_INFO_ISSUER_FIELD];
      return {
        code: reply.code,
        message: reply.message,
        value: { ...(issuerCode === undefined ? {} : { issuerCode }), attributes: Object.freeze(attributes) },
      };
    },
  });
}
