import { defineOperation, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import type { CreditReturn, TransactionState } from '../faysal-types.js';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import { ReferenceSchema } from './input-schemas.js';
import { createInquiryResolver } from './inquiry-resolver.js';

/** Input schema of `remittances.return` (spec §4.3 `remittance.return`). */
export const ReturnInputSchema = z.object({
  returnReference: ReferenceSchema,
  partnerReference: ReferenceSchema,
  reason: z.enum(['credit_failed', 'beneficiary_rejected', 'compliance_rejected', 'partner_request']),
  narration: z.string().max(140).optional(),
});

const CreditReturnOutput = z.custom<CreditReturn>(
  (value) => typeof (value as CreditReturn | undefined)?.returnReference === 'string',
);

/**
 * Return of a FAILED/ON_HOLD credit to the pool: keyed by `returnReference`; a lost reply is resolved by an
 * inquiry on `returnReference` (spec §2). A return of any other status is refused with `0195` (declined).
 */
export function createReturnOperation(
  context: FaysalOperationContext,
  inquiry: OperationDefinition<z.ZodType, z.ZodType<TransactionState>>,
) {
  const resolve = createInquiryResolver<typeof ReturnInputSchema, CreditReturn>(
    context,
    inquiry,
    context.moneyCodes,
    {
      query: (input) => ({ returnReference: input.returnReference }),
      completedStatuses: new Set(['completed', 'returned']),
      completed: (state, input) => ({
        returnReference: input.returnReference,
        status: 'completed',
        returnedAmount: state.amount ?? { amount: 0, currency: 'PKR' },
        bankReference: state.bankReference ?? '',
        raw: state.raw,
      }),
    },
  );
  return defineOperation({
    name: 'faysal.remittances.return',
    input: ReturnInputSchema,
    output: CreditReturnOutput,
    idempotency: 'keyed',
    reference: (input) => input.returnReference,
    timeoutMs: context.timeouts.return ?? context.timeouts.default,
    resolutionDelaysMs: context.resolve.delaysMs,
    codes: context.moneyCodes,
    encode: async (input) => {
      const key = `return:${input.returnReference}`;
      const previous = context.inFlight.get(key);
      if (previous) return previous;
      const request = await context.wire.build('return', input);
      context.inFlight.set(key, request);
      return request;
    },
    decode: (response: FaysalWireResponse, attempt) => {
      const reply = context.wire.read(response);
      const value = reply.value as Omit<CreditReturn, 'returnReference'> | undefined;
      if (value === undefined || reply.code !== '0000')
        return { code: reply.code, message: reply.responseDesc };
      return {
        code: reply.code,
        message: reply.responseDesc,
        value: { returnReference: attempt.input.returnReference, ...value },
      };
    },
    resolve,
  });
}
