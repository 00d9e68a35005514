import { defineOperation } from '@wirebridge/core';
import type { SoapOperationRequest, SoapReply } from '@wirebridge/core/soap';
import { z } from 'zod';
import { buildDasRequest, type DasName, decodeDasReply } from '../wire/das-codec.js';
import { MINIMAL_WSDL_SHAPES } from '../wire/minimal-wsdl.js';
import { decodeSoapReply, type WuOperationContext } from './operation-context.js';

const filter = z.string().max(100).optional();

/** One DAS page request (spec §4.5). */
export const dasInputSchema = z.object({
  name: z.enum([
    'GetCountriesCurrencies',
    'GetOriginationCurrencies',
    'GetDestinationCountries',
    'GetDestinationCurrencies',
    'GetDeliveryServices',
    'GetDeliveryOptionTemplate',
  ]),
  filters: z.object({
    queryfilter1: filter,
    queryfilter2: filter,
    queryfilter3: filter,
    queryfilter4: filter,
    queryfilter5: filter,
    queryfilter6: filter,
    queryfilter7: filter,
    queryfilter8: filter,
  }),
});

export const dasPageSchema = z.object({
  records: z.array(z.record(z.string(), z.string())),
  more: z.boolean(),
});

/** One page of `DAS_Service` (spec §2, safe). The client follows `DATA_MORE` to collect every page. */
export function defineDasOperation(context: WuOperationContext) {
  return defineOperation({
    name: 'western-union.referenceData.page',
    input: dasInputSchema,
    output: dasPageSchema,
    idempotency: 'safe',
    timeoutMs: context.options.timeouts.referenceData,
    codes: context.codes,
    encode: (input): SoapOperationRequest => ({
      service: 'das',
      operation: MINIMAL_WSDL_SHAPES.das.operation,
      args: buildDasRequest(context.codec.partner, input.name as DasName, input.filters),
    }),
    decode: (reply: SoapReply, attempt) =>
      decodeSoapReply(reply, (result) => decodeDasReply(result, attempt.input.name as DasName)),
  });
}
