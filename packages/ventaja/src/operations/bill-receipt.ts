import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { readDetails, receiptData, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { detailsSchema } from './bill-schemas.js';
import {
  agentRefNo,
  decodeWith,
  encodeFor,
  type VentajaOperationKit,
  vendorNumber,
} from './operation-kit.js';

/** `bills.receipt` (`/receipt`): the receipt of a paid bill, `safe` (spec §2). */
export function createBillReceiptOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.bills.receipt';
  return defineOperation({
    name,
    input: z.object({ agentRefNo: agentRefNo(kit), transactionNumber: vendorNumber }),
    output: detailsSchema,
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.bills,
    codes: kit.codes,
    encode: (input) => encodeFor(kit, VENTAJA_ENDPOINTS.receipt, receiptData(input)),
    decode: (response: HttpResponse) =>
      decodeWith(response, name, kit.codes, (reply) => ({
        details: readDetails(reply.data),
        raw: reply.raw,
      })),
  });
}
