import { defineOperation, sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { decodeCancellation, encodeRevise } from '../wire/kicc-codec.js';
import {
  amountSchema,
  bankCodeSchema,
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

const name = 'kicc.virtualAccounts.refund';

/** Input of `virtualAccounts.refund` (spec §4.3, §11). */
export function refundVirtualAccountInputSchema(dependencies: KiccOperationDependencies) {
  const mode = dependencies.config.byteLengthMode;
  return z
    .object({
      transactionId: transactionIdSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
      amount: amountSchema.optional(),
      remainingAmount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      mode: z.enum(['settlement', 'realtime_verified', 'realtime_unverified']),
      refundAccount: z
        .object({
          bankCode: bankCodeSchema,
          accountNumber: sensitive(z.string().regex(/^\d{1,14}$/, 'must be 1–14 digits'), 'account_number'),
          holderName: sensitive(kiccText(50, mode), 'name'),
        })
        .strict(),
      reason: sensitive(kiccText(100, mode), 'personal').optional(),
    })
    .strict();
}

/** What a service passes to `virtualAccounts.refund`. */
export type RefundVirtualAccountInput = z.input<ReturnType<typeof refundVirtualAccountInputSchema>>;

/**
 * `virtualAccounts.refund`: `revise` 60/62 + `RF01` (settlement) or 63 + 10/11/20/21 (real-time), with
 * `refundInfo` (spec §2, §4.3.1). Keyed, 30 s; on `VTIM`/`VT00` or a lost reply the same request is resent with
 * `refundQueryFlag=Y`, then `retrieveTransaction` decides.
 */
export function createRefundVirtualAccountOperation(
  dependencies: KiccOperationDependencies,
  retrieve: RetrieveOperation,
  requery: ReviseQueryOperation,
) {
  const { config } = dependencies;
  const input = refundVirtualAccountInputSchema(dependencies)
    .extend({ requestDate: requestDateSchema })
    .superRefine((value, context) => {
      // A partial refund states both what to return and what must remain (spec §4.3: remainAmount check).
      if (value.amount !== undefined && value.remainingAmount === undefined) {
        context.addIssue({ code: 'custom', path: ['remainingAmount'], message: 'is required with amount' });
      }
      if (value.amount === undefined && value.remainingAmount !== undefined) {
        context.addIssue({ code: 'custom', path: ['amount'], message: 'is required with remainingAmount' });
      }
    });
  type Input = z.output<typeof input>;
  const toRequest = (value: Input, idempotencyKey: string): ReviseRequest => {
    const codes = config.refundCodes[value.mode][value.amount === undefined ? 'full' : 'partial'];
    return {
      idempotencyKey,
      transactionId: value.transactionId,
      reviseTypeCode: codes.reviseTypeCode,
      reviseSubTypeCode: codes.reviseSubTypeCode,
      ...(value.amount === undefined ? {} : { amount: value.amount }),
      ...(value.remainingAmount === undefined ? {} : { remainingAmount: value.remainingAmount }),
      requestDate: value.requestDate,
      refundAccount: value.refundAccount,
      ...(value.reason === undefined ? {} : { reason: value.reason }),
    };
  };
  return defineOperation({
    name,
    input,
    output: kiccCancellationSchema,
    idempotency: 'keyed',
    timeoutMs: config.timeouts.reviseMs,
    resolutionDelaysMs: config.resolverDelaysMs,
    reference: keyedReference('rfd'),
    codes: dependencies.keyedCodes,
    encode: (value, context) =>
      encodeRevise(reviseFields(dependencies, toRequest(value, context.idempotencyKey!), false)),
    decode: kiccDecoder(name, (body) => decodeCancellation(body, name)),
    resolve: createReviseResolver<Input>(dependencies, retrieve, requery, toRequest, name),
  });
}
