import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { pullDataData, readDetails, VENTAJA_ENDPOINTS } from '../wire/ventaja-codec.js';
import { detailsSchema } from './bill-schemas.js';
import {
  accountNumber,
  billerCode,
  decodeWith,
  encodeFor,
  holderName,
  type VentajaOperationKit,
} from './operation-kit.js';

/**
 * `bills.pullData` (`/pulldata`): amount due and other bill data, `safe`. Only billers in
 * `billerRules.pullData` are asked; others are refused locally with nothing sent (spec §2).
 */
export function createPullBillDataOperation(kit: VentajaOperationKit) {
  const name = 'ventaja.bills.pullData';
  return defineOperation({
    name,
    input: z.object({
      billerCode: billerCode.refine((code) => kit.settings.pullDataBillers.has(code), {
        message: 'this biller does not answer pull-data (billerRules.pullData)',
      }),
      accountNumber,
      identifier: holderName.optional(),
    }),
    output: detailsSchema,
    idempotency: 'safe',
    timeoutMs: kit.settings.timeouts.bills,
    codes: kit.codes,
    encode: (input) => encodeFor(kit, VENTAJA_ENDPOINTS.pulldata, pullDataData(input)),
    decode: (response: HttpResponse) =>
      decodeWith(response, name, kit.codes, (reply) => ({
        details: readDetails(reply.data),
        raw: reply.raw,
      })),
  });
}
