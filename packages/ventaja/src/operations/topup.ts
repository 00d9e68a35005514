import {
  defineOperation,
  type HttpResponse,
  type Resolution,
  sensitive,
  VendorError,
} from '@wirebridge/core';
import { z } from 'zod';
import { VentajaError } from '../ventaja-error.js';
import { readTopupRecord, topupData, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { toVentajaMsisdn } from '../wire/ventaja-msisdn.js';
import type { createInquireTopupOperation } from './inquire-topup.js';
import {
  agentRefNo,
  createCallMemory,
  decodeWith,
  encodeFor,
  pesoAmount,
  type VentajaOperationKit,
} from './operation-kit.js';
import { topupSchema } from './topup-schemas.js';

type TopupValue = z.output<typeof topupSchema>;

function failedTopup(name: string, reference: string, vendorCode: string): VentajaError {
  return new VentajaError({
    operation: name,
    category: 'declined',
    retryable: false,
    vendorCode,
    vendorMessage: 'the top-up failed',
    idempotencyKey: reference,
  });
}

/**
 * `eload.topup` (`/topup-request`): **unsafe**. The e-load host's dedupe semantics are not public, so it is
 * never re-sent; a lost reply is resolved with `/topup-inquiry` (spec §2.2).
 */
export function createTopupOperation(
  kit: VentajaOperationKit,
  inquire: ReturnType<typeof createInquireTopupOperation>,
) {
  const name = 'ventaja.eload.topup';
  // spec §2.2: `absent-after-window` needs a 129 on every inquiry, so any inconclusive one is remembered.
  const callMemory = createCallMemory(() => ({ inconclusive: false }));
  const resolveSteps = kit.settings.resolveDelaysMs.length;
  return defineOperation({
    name,
    input: z.object({
      msisdn: sensitive(z.string().regex(/^\+639\d{9}$/, 'must be +639XXXXXXXXX (E.164)'), 'account_number'),
      productCode: z.string().regex(/^[A-Za-z0-9_-]{1,30}$/, 'must be a product code'),
      amount: pesoAmount,
      agentRefNo: agentRefNo(kit),
    }),
    output: topupSchema,
    idempotency: 'unsafe',
    reference: (input) => input.agentRefNo,
    timeoutMs: kit.settings.timeouts.eloadTopup,
    resolutionDelaysMs: kit.settings.resolveDelaysMs,
    codes: kit.moneyCodes,
    encode: (input) =>
      encodeFor(
        kit,
        VENTAJA_ENDPOINTS.topupRequest,
        topupData({
          productCode: input.productCode,
          mobileNumber: toVentajaMsisdn(input.msisdn),
          amountMinor: input.amount.amount,
          agentRefNo: input.agentRefNo,
        }),
      ),
    decode: (response: HttpResponse, context) => {
      const decoded = decodeWith(response, name, kit.moneyCodes, (reply) => ({
        agentRefNo: context.input.agentRefNo,
        ...readTopupRecord(reply.data, name),
        resolvedBy: 'reply' as const,
        raw: reply.raw,
      }));
      // A definitive FAILED is a declined top-up, not a value a caller could mistake for money sent.
      if (decoded.value?.status === 'failed') throw failedTopup(name, context.input.agentRefNo, decoded.code);
      return decoded;
    },
    resolve: async (context): Promise<Resolution<TopupValue>> => {
      const memory = callMemory(context.input);
      let found: TopupValue;
      try {
        found = await context.run(inquire, { agentRefNo: context.input.agentRefNo }, { maxAttempts: 1 });
      } catch (error) {
        if (error instanceof VendorError && error.vendorCode === '129') {
          if (context.step < resolveSteps || memory.inconclusive) return { status: 'pending' };
          // spec §2.2: absent through the whole window → considered never received (small residual risk of a
          // very late arrival, documented in the README).
          return {
            status: 'failed',
            error: new VentajaError({
              operation: name,
              category: 'not_found',
              retryable: true,
              vendorCode: '129',
              vendorMessage: 'no top-up found through the resolution window',
              idempotencyKey: context.input.agentRefNo,
              resolution: 'absent-after-window',
            }),
          };
        }
        memory.inconclusive = true;
        throw error;
      }
      if (found.status === 'failed') {
        return { status: 'failed', error: failedTopup(name, context.input.agentRefNo, '100') };
      }
      return { status: 'completed', value: { ...found, resolvedBy: 'inquiry' } };
    },
  });
}
