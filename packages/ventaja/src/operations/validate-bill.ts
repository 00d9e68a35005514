import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { billData, readDetails, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { billInputSchema } from './bill-schemas.js';
import { decodeWith, encodeFor, type VentajaOperationKit } from './operation-kit.js';

/** `bills.validate`: checks biller, account and amount; no money moves, so it is `safe` (spec §2). */
export function createValidateBillOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.bills.validate';
  return defineOperation({
    name,
    input: billInputSchema(kit),
    output: z.object({
      agentRefNo: z.string(),
      details: z.record(z.string(), z.unknown()),
      raw: z.unknown(),
    }),
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.bills,
    codes: kit.codes,
    encode: (input) =>
      encodeFor(kit, VENTAJA_ENDPOINTS.validate, billData({ ...input, amountMinor: input.amount.amount })),
    decode: (response: HttpResponse, context) =>
      decodeWith(response, name, kit.codes, (reply) => ({
        agentRefNo: context.input.agentRefNo,
        details: readDetails(reply.data),
        raw: reply.raw,
      })),
  });
}
