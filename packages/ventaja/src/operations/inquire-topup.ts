import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { readTopupRecord, topupInquiryData, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import {
  agentRefNo,
  decodeWith,
  encodeFor,
  type VentajaOperationKit,
  vendorNumber,
} from './operation-kit.js';
import { topupSchema } from './topup-schemas.js';

/** `eload.inquire` (`/topup-inquiry`): a top-up's status by `agentRefNo`, `safe`; `129` is `not_found` (spec §2). */
export function createInquireTopupOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.eload.inquire';
  return defineOperation({
    name,
    input: z.object({ agentRefNo: agentRefNo(kit), transactionNumber: vendorNumber.optional() }),
    output: topupSchema,
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.eload,
    codes: kit.codes,
    encode: (input) => encodeFor(kit, VENTAJA_ENDPOINTS.topupInquiry, topupInquiryData(input)),
    decode: (response: HttpResponse, context) =>
      decodeWith(response, name, kit.codes, (reply) => ({
        agentRefNo: context.input.agentRefNo,
        ...readTopupRecord(reply.data, name),
        raw: reply.raw,
      })),
  });
}
