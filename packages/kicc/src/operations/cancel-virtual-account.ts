import { defineOperation, sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { decodeCancellation, encodeRevise } from '../wire/kicc-codec.js';
import { cancelReviseTypeCode } from '../wire/modelled-codec.js';
import {
  idempotencyKeySchema,
  kiccCancellationSchema,
  kiccText,
  requestDateSchema,
  transactionIdSchema,
} from './kicc-schemas.js';
import {
  type KiccOperationDependencies,
  keyedReference,
  kiccDecoder,
  type RetrieveOperation,
} from './operation-support.js';
import {
  createReviseResolver,
  type ReviseQueryOperation,
  type ReviseRequest,
  reviseFields,
} from './revise-support.js';

const name = 'kicc.virtualAccounts.cancel';

/** Input of `virtualAccounts.cancel` (spec §11). */
export function cancelVirtualAccountInputSchema(dependencies: KiccOperationDependencies) {
  return z
    .object({
      transactionId: transactionIdSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
      reason: sensitive(kiccText(100, dependencies.config.byteLengthMode), 'personal').optional(),
    })
    .strict();
}

/** What a service passes to `virtualAccounts.cancel`. */
export type CancelVirtualAccountInput = z.input<ReturnType<typeof cancelVirtualAccountInputSchema>>;

/**
 * `virtualAccounts.cancel`: deactivates an **unpaid** VA with `revise` type 40 (spec §2; VA semantics Modelled).
 * Keyed on `shopTransactionId`, 30 s; a lost reply is resolved by re-query, then `retrieveTransaction`.
 */
export function createCancelVirtualAccountOperation(
  dependencies: KiccOperationDependencies,
  retrieve: RetrieveOperation,
  requery: ReviseQueryOperation,
) {
  const input = cancelVirtualAccountInputSchema(dependencies).extend({ requestDate: requestDateSchema });
  type Input = z.output<typeof input>;
  const toRequest = (value: Input, idempotencyKey: string): ReviseRequest => ({
    idempotencyKey,
    transactionId: value.transactionId,
    reviseTypeCode: cancelReviseTypeCode,
    requestDate: value.requestDate,
    ...(value.reason === undefined ? {} : { reason: value.reason }),
  });
  return defineOperation({
    name,
    input,
    output: kiccCancellationSchema,
    idempotency: 'keyed',
    timeoutMs: dependencies.config.timeouts.reviseMs,
    resolutionDelaysMs: dependencies.config.resolverDelaysMs,
    reference: keyedReference('cnl'),
    codes: dependencies.keyedCodes,
    encode: (value, context) =>
      encodeRevise(reviseFields(dependencies, toRequest(value, context.idempotencyKey!), false)),
    decode: kiccDecoder(name, (body) => decodeCancellation(body, name)),
    resolve: createReviseResolver<Input>(dependencies, retrieve, requery, toRequest, name),
  });
}
