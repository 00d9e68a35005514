import {
  defineOperation,
  delay,
  type OperationDefinition,
  type Resolution,
  type ResolutionContext,
  sensitive,
} from '@wirebridge/core';
import { z } from 'zod';
import { BILLGATE_COMPENSATION_TIMEOUT_MS } from '../billgate-config.js';
import { BillgateError, BillgateOutcomeUnknownError } from '../billgate-error.js';
import { MOBILE_SERVICE_CODE } from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import { type DecodedBillgateFrame, openFrame } from '../wire/billgate-frame.js';
import { readApproval, readWindowMessage } from '../wire/billgate-messages.js';
import {
  type BillgateOperationContext,
  decodeResponse,
  encodeForwarded,
  errorOf,
  krwAmountSchema,
  krwSchema,
  orderDateSchema,
  orderIdSchema,
  resultCodeOf,
  transactionIdSchema,
} from './billgate-operation-context.js';
import type { GetStatusOperation } from './get-status.js';
import type { NetworkCancelOperation } from './network-cancel.js';

export const chargeOutput = z.object({
  orderId: z.string(),
  transactionId: z.string(),
  amount: z.number().int().nonnegative(),
  currency: z.literal('KRW'),
  approvedAt: z.date(),
  // DESIGN §7: redaction is declared on the schema; 0007 (phone number) also sits in `raw`.
  mobileNumber: sensitive(z.string(), 'personal').optional(),
  partialCancelType: z.string().optional(),
  raw: sensitive(z.record(z.string(), z.array(z.string())), 'personal'),
});

/**
 * Opens a window MESSAGE and checks it was built for this order (spec §2.1 step 2). Returns the problem, never
 * the value (a MESSAGE carries the phone number).
 */
export function inspectAuthorization(
  context: BillgateOperationContext,
  input: { orderId: string; orderDate: Date; amount: number; transactionId: string; authorization: string },
): { frame: DecodedBillgateFrame } | { problem: string } {
  let frame: DecodedBillgateFrame;
  try {
    frame = openFrame(Buffer.from(input.authorization, 'latin1'), context.ciphers, context.text);
  } catch {
    return { problem: 'is not a Billgate frame readable under our key' };
  }
  const { message } = frame;
  if (message.merchantId !== context.config.serviceId) return { problem: 'was built for another SERVICE_ID' };
  if (message.serviceCode !== MOBILE_SERVICE_CODE) return { problem: 'is not a mobile (1100) message' };
  if (!context.config.allowedApprovalCommands.includes(message.command))
    return { problem: 'carries a command that is not allowed for approval' };
  if (message.orderId !== input.orderId) return { problem: 'belongs to another orderId' };
  if (message.orderDate !== formatKst(input.orderDate)) return { problem: 'belongs to another orderDate' };
  const window = readWindowMessage(message);
  if (window.transactionId !== undefined && window.transactionId !== input.transactionId)
    return { problem: 'carries another transactionId' };
  if (window.dealAmount !== undefined && window.dealAmount !== String(input.amount))
    return { problem: 'carries another amount' };
  return { frame };
}

/** Input of `mobile.charge`; the window MESSAGE is checked against the other fields before anything is sent. */
export function chargeInputSchema(context: BillgateOperationContext) {
  return z
    .object({
      orderId: orderIdSchema,
      orderDate: orderDateSchema,
      amount: krwAmountSchema,
      currency: krwSchema,
      transactionId: transactionIdSchema,
      authorization: sensitive(z.string().min(43, 'must be the window MESSAGE frame'), 'secret'),
    })
    .superRefine((input, issues) => {
      const inspected = inspectAuthorization(context, input);
      if ('problem' in inspected) {
        issues.addIssue({ code: 'custom', path: ['authorization'], message: inspected.problem });
      }
    });
}

export type ChargeInputSchema = ReturnType<typeof chargeInputSchema>;
export type ChargeOperation = OperationDefinition<ChargeInputSchema, typeof chargeOutput>;
type ChargeInput = z.output<ChargeInputSchema>;

/** The settled approval of a charge as a status query reported it (statusThenCancel). */
function approvalFromStatus(
  input: ChargeInput,
  status: { amount?: number; approvedAt?: Date },
  approvedAt: Date,
) {
  return {
    orderId: input.orderId,
    transactionId: input.transactionId,
    amount: status.amount ?? input.amount,
    currency: 'KRW' as const,
    approvedAt,
    raw: {},
  };
}

/**
 * `mobile.charge`: 3000 → 3001, **unsafe** (Modelled "top-up" semantics on Sourced commands, spec §2.1). A lost
 * reply is compensated with 9100 for the same transaction (default) or, with `statusThenCancel`, asked with 5000
 * first. Never a second 3000.
 */
export function createChargeOperation(
  context: BillgateOperationContext,
  dependencies: { compensationCancel: NetworkCancelOperation; getStatus: GetStatusOperation },
): ChargeOperation {
  const { strategy } = context.config.unknownOutcome;
  return defineOperation({
    name: 'billgate.mobile.charge',
    input: chargeInputSchema(context),
    output: chargeOutput,
    idempotency: 'unsafe',
    timeoutMs: context.config.timeouts.moneyMs,
    reference: (input) => input.transactionId,
    codes: context.codes,
    encode: (input, attempt) => {
      const inspected = inspectAuthorization(context, input);
      if ('problem' in inspected) throw new TypeError('authorization changed after validation');
      // Forward the decrypted bytes unchanged (PHP PayReturn.php): decoding trims values, rebuilding would not.
      return encodeForwarded(context, attempt, inspected.frame.message, inspected.frame.opaque);
    },
    decode: (response: Buffer, attempt) => {
      const message = decodeResponse(context, attempt, response);
      const code = resultCodeOf(message);
      if (code !== '0000') throw errorOf(context, attempt, message);
      const approval = readApproval(message);
      return {
        code,
        value: {
          orderId: message.orderId,
          transactionId: approval.transactionId ?? attempt.input.transactionId,
          // 1007 must equal the amount: checked by the client, which reverses a mismatch (spec §2.1 step 3).
          amount: approval.authAmount ?? -1,
          currency: 'KRW',
          approvedAt: approval.approvedAt,
          ...(approval.mobileNumber ? { mobileNumber: approval.mobileNumber } : {}),
          ...(approval.partialCancelType ? { partialCancelType: approval.partialCancelType } : {}),
          raw: approval.raw,
        },
      };
    },
    ...(strategy === 'statusThenCancel'
      ? {
          resolutionDelaysMs: [0],
          resolve: async (resolution: ResolutionContext<ChargeInput>) =>
            resolveByStatus(resolution, dependencies.getStatus),
        }
      : {}),
    compensate: (resolution) => compensateCharge(context, resolution, dependencies.compensationCancel),
  });
}

/** statusThenCancel, step 1: ask 5000 (spec §2.1 step 5). */
export async function resolveByStatus(
  resolution: Pick<ResolutionContext<ChargeInput>, 'operation' | 'input' | 'run'>,
  getStatus: GetStatusOperation,
): Promise<Resolution<z.output<typeof chargeOutput>>> {
  const { input } = resolution;
  const status = await resolution.run(getStatus, {
    orderId: input.orderId,
    orderDate: input.orderDate,
    transactionId: input.transactionId,
  });
  if (status.state === 'approved' && status.amount === input.amount && status.approvedAt !== undefined) {
    return { status: 'completed', value: approvalFromStatus(input, status, status.approvedAt) };
  }
  if (status.state === 'not_found' || status.state === 'failed') {
    return {
      status: 'failed',
      error: new BillgateError({
        operation: resolution.operation,
        category: 'declined',
        retryable: false,
        vendorCode: status.state === 'not_found' ? 'B101' : '3000',
        message: 'Billgate reports the charge was not approved',
        idempotencyKey: input.transactionId,
      }),
    };
  }
  return { status: 'pending' };
}

/**
 * Sends 9100 for the same transaction, up to `maxAttempts` times with `backoffMs` between them, 10 s each
 * (spec §2.1 step 5). Settled ⇒ `BillgateError { compensated: true }` (nothing charged); all failed ⇒
 * `OutcomeUnknownError` carrying the pending cancel.
 */
export async function compensateCharge(
  context: BillgateOperationContext,
  resolution: {
    operation: string;
    input: ChargeInput;
    signal: AbortSignal | undefined;
    run: ResolutionContext<ChargeInput>['run'];
    cause?: unknown;
  },
  networkCancel: NetworkCancelOperation,
  reason: 'unknown_outcome' | 'amount_mismatch' = 'unknown_outcome',
): Promise<Resolution<z.output<typeof chargeOutput>>> {
  const { input } = resolution;
  const { maxAttempts, backoffMs } = context.config.unknownOutcome;
  const reference = {
    orderId: input.orderId,
    orderDate: input.orderDate,
    transactionId: input.transactionId,
  };
  const attempts: Array<{ kind: 'compensate'; result: 'error'; errorCode?: string; at: number }> = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    if (attempt > 1)
      await delay(backoffMs[attempt - 2] ?? backoffMs.at(-1) ?? 0, resolution.signal).catch(() => undefined);
    if (resolution.signal?.aborted) break;
    try {
      await resolution.run(networkCancel, reference, {
        maxAttempts: 1,
        timeoutMs: BILLGATE_COMPENSATION_TIMEOUT_MS,
      });
      const mismatch = reason === 'amount_mismatch';
      return {
        status: 'failed',
        error: new BillgateError({
          operation: resolution.operation,
          category: mismatch ? 'invalid_request' : 'unavailable',
          retryable: !mismatch,
          vendorCode: mismatch ? 'AMOUNT_MISMATCH' : '0920',
          ...(mismatch ? {} : { detailCode: '02' }),
          compensated: true,
          message: mismatch
            ? 'Billgate approved another amount; the approval was reversed with a network cancel (nothing charged)'
            : 'Billgate charge outcome was unknown; it was reversed with a network cancel (nothing charged)',
          idempotencyKey: input.transactionId,
          ...(resolution.cause === undefined ? {} : { cause: resolution.cause }),
        }),
      };
    } catch (error) {
      attempts.push({
        kind: 'compensate',
        result: 'error',
        errorCode: (error as { code?: string }).code ?? 'UNEXPECTED',
        at: Date.now(),
      });
    }
  }
  return {
    status: 'failed',
    error: new BillgateOutcomeUnknownError({
      message:
        'Billgate charge outcome is unknown and the network cancel did not go through; a reconciliation job must send it',
      operation: resolution.operation,
      reference: input.transactionId,
      attempts,
      pendingCompensation: {
        command: '9100',
        orderId: input.orderId,
        orderDate: formatKst(input.orderDate),
        transactionId: input.transactionId,
      },
      ...(resolution.cause === undefined ? {} : { cause: resolution.cause }),
    }),
  };
}
