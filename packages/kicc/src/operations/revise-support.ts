import {
  defineOperation,
  ProtocolError,
  type Resolution,
  type ResolutionContext,
  type WirebridgeError,
} from '@wirebridge/core';
import { z } from 'zod';
import { decodeCancellation, encodeRevise, type ReviseRequestFields } from '../wire/kicc-codec.js';
import {
  idempotencyKeySchema,
  type KiccCancellation,
  kiccCancellationSchema,
  requestDateSchema,
  transactionIdSchema,
} from './kicc-schemas.js';
import {
  createRetrieveResolver,
  type KiccOperationDependencies,
  kiccDecoder,
  type RetrieveOperation,
} from './operation-support.js';

/** The wire-level content of one revise request, identical on every resend (spec §4.3). */
export const reviseRequestSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  transactionId: transactionIdSchema,
  reviseTypeCode: z.string().regex(/^\d{2}$/),
  reviseSubTypeCode: z.string().max(4).optional(),
  amount: z.number().int().positive().optional(),
  remainingAmount: z.number().int().min(0).optional(),
  requestDate: requestDateSchema,
  reason: z.string().optional(),
  refundAccount: z
    .object({ bankCode: z.string(), accountNumber: z.string(), holderName: z.string() })
    .optional(),
});
/** The wire-level content of one revise request. */
export type ReviseRequest = z.output<typeof reviseRequestSchema>;

/** Builds the revise request body with the client's merchant id, key and client ids. */
export function reviseFields(
  dependencies: KiccOperationDependencies,
  request: ReviseRequest,
  refundQuery: boolean,
): ReviseRequestFields {
  const { config } = dependencies;
  return {
    merchantId: config.merchantId,
    secretKey: config.secretKeys.current,
    idempotencyKey: request.idempotencyKey,
    transactionId: request.transactionId,
    reviseTypeCode: request.reviseTypeCode,
    reviseSubTypeCode: request.reviseSubTypeCode,
    amount: request.amount,
    remainingAmount: request.remainingAmount,
    requestDate: request.requestDate,
    clientIp: config.clientIp,
    clientId: config.clientId,
    reason: request.reason,
    refundQuery,
    refundAccount: request.refundAccount,
  };
}

const requeryName = 'kicc.virtualAccounts.reviseQuery';

/**
 * The documented re-query of a revise whose result KICC did not know yet (`VTIM`/`VT00`) or whose reply was
 * lost: the same request, same `shopTransactionId`, with `refundQueryFlag=Y` (spec §2, §6). Sent once per
 * resolution, never retried on its own.
 */
export function createReviseQueryOperation(dependencies: KiccOperationDependencies) {
  return defineOperation({
    name: requeryName,
    input: reviseRequestSchema,
    output: kiccCancellationSchema,
    idempotency: 'keyed',
    timeoutMs: dependencies.config.timeouts.reviseMs,
    reference: (value) => value.idempotencyKey,
    codes: dependencies.codes,
    encode: (value) => encodeRevise(reviseFields(dependencies, value, true)),
    decode: kiccDecoder(requeryName, (body) => decodeCancellation(body, requeryName)),
  });
}
export type ReviseQueryOperation = ReturnType<typeof createReviseQueryOperation>;

/**
 * Resolver of cancel and refund: first the documented `refundQueryFlag=Y` resend (step 1 only), then the
 * generic `retrieveTransaction` resolver. A revise found for another original `pgCno` is a protocol failure.
 */
export function createReviseResolver<TInput extends { requestDate: string; transactionId: string }>(
  dependencies: KiccOperationDependencies,
  retrieve: RetrieveOperation,
  requery: ReviseQueryOperation,
  toRequest: (input: TInput, idempotencyKey: string) => ReviseRequest,
  operation: string,
) {
  const byRetrieve = createRetrieveResolver<TInput, KiccCancellation>(
    dependencies,
    retrieve,
    (found, context) => {
      if (found.kind !== 'revise' || found.transactionId !== context.input.transactionId) {
        return { status: 'failed', error: mismatch(operation) };
      }
      const { kind: _kind, ...cancellation } = found;
      return { status: 'completed', value: cancellation };
    },
  );
  return async (context: ResolutionContext<TInput>): Promise<Resolution<KiccCancellation>> => {
    // The documented re-query is for VTIM/VT00 and lost replies; an R101 (key already used today) is looked up
    // with retrieveTransaction directly (spec §8 step 4).
    const duplicateKey =
      (context.cause.details as { vendorCode?: unknown } | undefined)?.vendorCode === 'R101';
    if (context.step === 1 && context.idempotencyKey !== undefined && !duplicateKey) {
      try {
        const requeried = await context.run(requery, toRequest(context.input, context.idempotencyKey), {
          maxAttempts: 1,
          ...(context.signal ? { signal: context.signal } : {}),
          // The caller's deadline, not the re-query's own 30 s (DESIGN §5: one deadline per call).
          ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
        });
        if (requeried.transactionId === context.input.transactionId)
          return { status: 'completed', value: requeried };
        return { status: 'failed', error: mismatch(operation) };
      } catch {
        // Not found, still pending or lost again: the inquiry below decides.
      }
    }
    return byRetrieve(context);
  };
}

function mismatch(operation: string): WirebridgeError {
  return new ProtocolError({
    message: `${operation}: the inquiry found a different transaction under this key`,
    vendor: 'kicc',
    operation,
  });
}
