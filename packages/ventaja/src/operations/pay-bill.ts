import {
  defineOperation,
  type HttpResponse,
  OutcomeUnknownError,
  type Resolution,
  VendorError,
} from '@wirebridge/core';
import type { z } from 'zod';
import { VentajaError } from '../ventaja-error.js';
import { billData, readBillRecord, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { billInputSchema, billPaymentSchema } from './bill-schemas.js';
import type { createInquireBillOperation } from './inquire-bill.js';
import { createCallMemory, decodeWith, encodeFor, type VentajaOperationKit } from './operation-kit.js';

type BillPaymentValue = z.output<typeof billPaymentSchema>;

/**
 * `bills.pay` (`/process`): debits the outlet's credit. `keyed` on `agentRefNo`, which Ventaja dedupes
 * (a repeat of a processed ref gets `124`), with the resolver of spec §2.1.
 */
export function createPayBillOperation(
  kit: VentajaOperationKit,
  inquire: ReturnType<typeof createInquireBillOperation>,
) {
  const name = 'ventaja.bills.pay';
  // Whether this call already ran the resolver (so a later `124` answers a re-send), and when it started.
  const callMemory = createCallMemory(() => ({ resolverRan: false, startedAt: Date.now() }));
  return defineOperation({
    name,
    input: billInputSchema(kit),
    output: billPaymentSchema,
    idempotency: 'keyed',
    reference: (input) => input.agentRefNo,
    timeoutMs: kit.settings.timeouts.billsProcess,
    resolutionDelaysMs: kit.settings.resolveDelaysMs,
    codes: kit.moneyCodes,
    // Every attempt serializes the same input the same way, so a keyed re-send carries the same bytes.
    encode: (input) => {
      callMemory(input);
      return encodeFor(
        kit,
        VENTAJA_ENDPOINTS.process,
        billData({ ...input, amountMinor: input.amount.amount }),
      );
    },
    decode: (response: HttpResponse, context) => {
      const decoded = decodeWith(response, name, kit.moneyCodes, (reply) => ({
        agentRefNo: context.input.agentRefNo,
        ...readBillRecord(reply.data, name),
        resolvedBy: 'reply' as const,
        raw: reply.raw,
      }));
      // spec §2.1 step 4: a 124 on a re-send means the first attempt landed, so look it up again; a 124 on
      // the first send means the caller reused a reference and stays a `duplicate` VentajaError.
      if (decoded.code === '124' && callMemory(context.input).resolverRan) {
        throw new OutcomeUnknownError({
          message: `${name}: the re-send was refused as a duplicate, so an earlier attempt was processed`,
          vendor: 'ventaja',
          operation: name,
          reference: context.input.agentRefNo,
          idempotencyKey: context.input.agentRefNo,
        });
      }
      return decoded;
    },
    // spec §2.1 steps 1–3, 5.
    resolve: async (context): Promise<Resolution<BillPaymentValue>> => {
      const memory = callMemory(context.input);
      memory.resolverRan = true;
      if (Date.now() - memory.startedAt > kit.settings.resolveDeadlineMs) return { status: 'pending' };
      try {
        const found = await context.run(
          inquire,
          { agentRefNo: context.input.agentRefNo },
          { maxAttempts: 1 },
        );
        if (found.status === 'cancelled' || found.status === 'rejected') {
          return {
            status: 'failed',
            error: new VentajaError({
              operation: name,
              category: 'declined',
              retryable: false,
              vendorCode: '100',
              vendorMessage: `the payment was ${found.status}`,
              idempotencyKey: context.input.agentRefNo,
              details: { status: found.status },
            }),
          };
        }
        return { status: 'completed', value: { ...found, resolvedBy: 'inquiry' } };
      } catch (error) {
        // 129 is the only definitive "never executed": step 3 re-sends the same bytes with the same ref.
        if (error instanceof VendorError && error.vendorCode === '129') return { status: 'not_executed' };
        throw error;
      }
    },
  });
}
