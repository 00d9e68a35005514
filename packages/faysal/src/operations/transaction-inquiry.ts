import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import type { TransactionState } from '../faysal-types.js';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import { ReferenceSchema } from './input-schemas.js';
import { readReply } from './read-reply.js';

/** Input schema of `transactions.inquire`: exactly one way to name the transaction (spec §4.3). */
export const InquiryInputSchema = z.union([
  z.object({ partnerReference: ReferenceSchema }).strict(),
  z.object({ returnReference: ReferenceSchema }).strict(),
  z
    .object({
      rrn: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
      stan: z.string().regex(/^\d{6}$/, 'must be 6 digits'),
      txnDate: z.date(),
    })
    .strict(),
]);

const TransactionStateOutput = z.custom<TransactionState>(
  (value) => typeof (value as TransactionState | undefined)?.status === 'string',
);

/** Transaction inquiry: safe, retried; also the resolver of credit and return (spec §2, §2.1). */
export function createInquiryOperation(context: FaysalOperationContext) {
  return defineOperation({
    name: 'faysal.transactions.inquire',
    input: InquiryInputSchema,
    output: TransactionStateOutput,
    idempotency: 'safe',
    timeoutMs: context.timeouts.inquiry ?? context.timeouts.default,
    codes: context.safeCodes,
    encode: (input) => context.wire.build('inquiry', input),
    decode: (response: FaysalWireResponse) => readReply(context.wire, response),
  });
}
