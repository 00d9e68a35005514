import { defineOperation, type HttpResponse, type Resolution } from '@wirebridge/core';
import { z } from 'zod';
import { cancelData, readOptionalDate, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import type { createInquireBillOperation } from './inquire-bill.js';
import {
  agentRefNo,
  billerCode,
  decodeWith,
  encodeFor,
  type VentajaOperationKit,
  vendorNumber,
} from './operation-kit.js';

const billCancellationSchema = z.object({
  agentRefNo: z.string(),
  alreadyCancelled: z.boolean(),
  enteredAt: z.date().optional(),
  raw: z.unknown(),
});

/**
 * `bills.cancel`: `keyed` on the original `agentRefNo`, resolved through `/inquiry` (spec §2). Only billers in
 * `billerRules.cancellable` may be cancelled; others are refused locally with nothing sent. `125` (already
 * cancelled) is a success with `alreadyCancelled: true`.
 */
export function createCancelBillOperation(
  kit: VentajaOperationKit,
  inquire: ReturnType<typeof createInquireBillOperation>,
) {
  const name = 'ventaja.bills.cancel';
  return defineOperation({
    name,
    input: z.object({
      agentRefNo: agentRefNo(kit),
      transactionNumber: vendorNumber,
      referenceNumber: vendorNumber,
      billerCode: billerCode.refine((code) => kit.settings.cancellableBillers.has(code), {
        message: 'this biller does not allow cancellation (billerRules.cancellable)',
      }),
    }),
    output: billCancellationSchema,
    idempotency: 'keyed',
    reference: (input) => input.agentRefNo,
    timeoutMs: kit.settings.timeouts.bills,
    resolutionDelaysMs: kit.settings.resolveDelaysMs,
    codes: kit.cancelCodes,
    encode: (input) => encodeFor(kit, VENTAJA_ENDPOINTS.cancel, cancelData(input)),
    decode: (response: HttpResponse, context) =>
      decodeWith(response, name, kit.cancelCodes, (reply) => {
        const enteredAt = readOptionalDate(reply.data);
        return {
          agentRefNo: context.input.agentRefNo,
          alreadyCancelled: reply.code === '125',
          ...(enteredAt === undefined ? {} : { enteredAt }),
          raw: reply.raw,
        };
      }),
    resolve: async (context): Promise<Resolution<z.output<typeof billCancellationSchema>>> => {
      const { input } = context;
      // Any inquiry failure is inconclusive: the pipeline then reports OutcomeUnknownError, never a blind re-send.
      const found = await context.run(
        inquire,
        {
          agentRefNo: input.agentRefNo,
          transactionNumber: input.transactionNumber,
          referenceNumber: input.referenceNumber,
        },
        { maxAttempts: 1 },
      );
      if (found.status === 'cancelled') {
        return {
          status: 'completed',
          value: { agentRefNo: input.agentRefNo, alreadyCancelled: false, raw: found.raw },
        };
      }
      // Still posted: the cancel definitively did not happen, so it may be sent again with the same ref.
      if (found.status === 'posted') return { status: 'not_executed' };
      return { status: 'pending' };
    },
  });
}
