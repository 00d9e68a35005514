import {
  defineCodes,
  defineOperation,
  type IdempotencyClass,
  type OperationDefinition,
} from '@wirebridge/core';
import { z } from 'zod';
import { responseCommandOf } from '../wire/billgate-constants.js';
import { assertResponseMatches, encodeOpaque, openPayload, sealFrame } from '../wire/billgate-frame.js';
import type { BillgateMessage } from '../wire/billgate-types.js';
import type { BillgateOperationContext } from './billgate-operation-context.js';

export const billgateMessageSchema = z.object({
  version: z.string().regex(/^[\x20-\x7e]{1,10}$/),
  merchantId: z.string().regex(/^[\x21-\x7e]{1,20}$/),
  serviceCode: z.string().regex(/^\d{4}$/),
  command: z.string().regex(/^\d{3}0$/, 'must be a request command (xxx0)'),
  orderId: z.string().regex(/^[\x21-\x7e]{1,64}$/),
  orderDate: z.string().regex(/^\d{14}$/),
  tags: z.array(z.tuple([z.string().regex(/^[\x21-\x7e]{4}$/), z.array(z.string())])),
});

const rawOutput = z.custom<BillgateMessage>((value) => typeof value === 'object' && value !== null);

// raw.invoke hands back whatever Billgate answered: the caller reads 1002 itself.
const rawCodes = defineCodes({ vendor: 'billgate', codes: {}, fallback: 'success' });

export type RawInvokeOperation = OperationDefinition<typeof billgateMessageSchema, typeof rawOutput>;

/** `raw.invoke`: any command and service code, same framing and crypto; idempotency declared by the caller. */
export function createRawInvokeOperation(
  context: BillgateOperationContext,
  idempotency: IdempotencyClass,
): RawInvokeOperation {
  return defineOperation({
    name: 'billgate.raw.invoke',
    input: billgateMessageSchema,
    output: rawOutput,
    idempotency,
    timeoutMs: context.config.timeouts.moneyMs,
    codes: rawCodes,
    encode: (input, attempt) => {
      attempt.state.set('billgate.rawRequest', input);
      return {
        serviceCode: input.serviceCode,
        frame: sealFrame(input, encodeOpaque(input, context.text), context.ciphers.current),
      };
    },
    decode: (response: Buffer, attempt) => {
      const request = attempt.state.get('billgate.rawRequest') as BillgateMessage;
      const { message } = openPayload(response, context.ciphers, context.text);
      assertResponseMatches(request, message, responseCommandOf(request.command));
      return { code: 'RAW', value: message };
    },
  });
}
