import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { inquiryData, readBillRecord, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { billPaymentSchema } from './bill-schemas.js';
import {
  agentRefNo,
  decodeWith,
  encodeFor,
  type VentajaOperationKit,
  vendorNumber,
} from './operation-kit.js';

/** `bills.inquire`: looks a payment up by `agentRefNo`; `safe`, and `129` is `not_found` (spec §2). */
export function createInquireBillOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.bills.inquire';
  return defineOperation({
    name,
    input: z.object({
      agentRefNo: agentRefNo(kit),
      transactionNumber: vendorNumber.optional(),
      referenceNumber: vendorNumber.optional(),
    }),
    output: billPaymentSchema,
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.bills,
    codes: kit.codes,
    encode: (input) => encodeFor(kit, VENTAJA_ENDPOINTS.inquiry, inquiryData(input)),
    decode: (response: HttpResponse, context) =>
      decodeWith(response, name, kit.codes, (reply) => ({
        agentRefNo: context.input.agentRefNo,
        ...readBillRecord(reply.data, name),
        raw: reply.raw,
      })),
  });
}
