import { defineOperation, ProtocolError, type Resolution, SignatureError, sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { decodeVirtualAccount, jsonPost, verifyApprovalResponse } from '../wire/kicc-codec.js';
import { formatKst } from '../wire/kicc-kst.js';
import { encodeIssueRequest } from '../wire/modelled-codec.js';
import type { KiccTransaction, KiccVirtualAccount } from './kicc-schemas.js';
import {
  accountNumberInputSchema,
  amountSchema,
  bankCodeSchema,
  customerSchema,
  idempotencyKeySchema,
  kiccText,
  kiccVirtualAccountSchema,
  merchantValuesSchema,
  orderNumberSchema,
  requestDateSchema,
} from './kicc-schemas.js';
import {
  createRetrieveResolver,
  type KiccOperationDependencies,
  keyedReference,
  kiccDecoder,
  type RetrieveOperation,
} from './operation-support.js';

const name = 'kicc.virtualAccounts.issue';

/** Input of `virtualAccounts.issue` (spec §4.1, §11). */
export function issueVirtualAccountInputSchema(dependencies: KiccOperationDependencies) {
  const mode = dependencies.config.byteLengthMode;
  return z
    .object({
      orderNumber: orderNumberSchema,
      idempotencyKey: idempotencyKeySchema.optional(),
      amount: amountSchema,
      currency: z.literal('KRW'),
      bankCode: bankCodeSchema,
      kind: z.enum(['one_time', 'fixed', 'fixed_renewal']).optional(),
      fixedAccountNumber: accountNumberInputSchema.optional(),
      expiresAt: z.date(),
      holderName: sensitive(kiccText(20, mode), 'name').optional(),
      itemName: kiccText(50, mode),
      customer: customerSchema(mode).optional(),
      merchantValues: merchantValuesSchema(mode),
      cashReceipt: z
        .object({
          issueTypeCode: z.string().regex(/^\d{2}$/),
          authTypeCode: z.string().regex(/^\d{2}$/),
          authValue: sensitive(z.string().regex(/^[0-9A-Za-z-]{1,20}$/), 'personal'),
        })
        .strict()
        .optional(),
      clientIp: z.string().max(20).optional(),
    })
    .strict();
}

/** What a service passes to `virtualAccounts.issue`. */
export type IssueVirtualAccountInput = z.input<ReturnType<typeof issueVirtualAccountInputSchema>>;

/** `virtualAccounts.issue`: the **Modelled** server-to-server issue; keyed on `shopTransactionId` (spec §2). */
export function createIssueVirtualAccountOperation(
  dependencies: KiccOperationDependencies,
  retrieve: RetrieveOperation,
) {
  const { config } = dependencies;
  const input = issueVirtualAccountInputSchema(dependencies)
    .extend({ requestDate: requestDateSchema })
    .superRefine((value, context) => {
      if (value.kind === 'fixed_renewal' && value.fixedAccountNumber === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['fixedAccountNumber'],
          message: 'is required for fixed_renewal',
        });
      }
      if (value.expiresAt.getTime() <= config.clock().getTime()) {
        context.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be in the future' });
      }
    });
  type Input = z.output<typeof input>;
  return defineOperation({
    name,
    input,
    output: kiccVirtualAccountSchema,
    idempotency: 'keyed',
    timeoutMs: config.timeouts.approvalMs,
    resolutionDelaysMs: config.resolverDelaysMs,
    reference: keyedReference('vai'),
    codes: dependencies.keyedCodes,
    encode: (value, context) =>
      jsonPost(
        config.paths.issueVirtualAccount,
        encodeIssueRequest({
          merchantId: config.merchantId,
          idempotencyKey: context.idempotencyKey!,
          requestDate: value.requestDate,
          orderNumber: value.orderNumber,
          amount: value.amount,
          bankCode: value.bankCode,
          kind: value.kind ?? 'one_time',
          fixedAccountNumber: value.fixedAccountNumber,
          expiryDate: formatKst(value.expiresAt, 'yyyyMMddHHmmss'),
          holderName: value.holderName,
          itemName: value.itemName,
          customer: value.customer,
          merchantValues: value.merchantValues,
          cashReceipt: value.cashReceipt,
          clientIp: value.clientIp ?? config.clientIp,
        }),
      ),
    decode: kiccDecoder<Input>(name, (body, context) => {
      verifyApprovalResponse(body, {
        operation: name,
        keys: verificationKeysOf(dependencies),
        orderNumber: context.input.orderNumber,
        idempotencyKey: context.idempotencyKey!,
        amount: context.input.amount,
      });
      return decodeVirtualAccount(body, { operation: name, now: config.clock(), integrity: 'verified' });
    }),
    resolve: createRetrieveResolver<Input, KiccVirtualAccount>(dependencies, retrieve, (found, context) =>
      acceptApproval(dependencies, found, context.cause, {
        operation: name,
        orderNumber: context.input.orderNumber,
        amount: context.input.amount,
      }),
    ),
  });
}

/** Keys a response may be signed with: current, then previous during rotation (spec §5). */
export function verificationKeysOf(dependencies: KiccOperationDependencies): string[] {
  const { secretKeys } = dependencies.config;
  return secretKeys.previous ? [secretKeys.current, secretKeys.previous] : [secretKeys.current];
}

/**
 * Accepts an approval found by the resolver (spec §2, §5). After an integrity failure the inquiry must confirm
 * the same `pgCno` and amount the unverified reply claimed, else it is a {@link SignatureError}; the result is
 * marked `confirmed_by_inquiry` and a warning is logged. Never cancels on a mismatch.
 */
export function acceptApproval(
  dependencies: KiccOperationDependencies,
  found: KiccTransaction,
  cause: unknown,
  expected: { operation: string; orderNumber: string; amount?: number },
): Resolution<KiccVirtualAccount> {
  if (found.kind !== 'approval' || found.orderNumber !== expected.orderNumber) {
    return {
      status: 'failed',
      error: new ProtocolError({
        message: `${expected.operation}: the inquiry found a different transaction under this key`,
        vendor: 'kicc',
        operation: expected.operation,
      }),
    };
  }
  if (expected.amount !== undefined && found.amount !== expected.amount) {
    return {
      status: 'failed',
      error: new SignatureError({
        message: `${expected.operation}: the inquiry reports another amount than requested`,
        vendor: 'kicc',
        operation: expected.operation,
      }),
    };
  }
  if (cause instanceof SignatureError) {
    const claimed = cause.details as { transactionId?: string; amount?: number } | undefined;
    if (claimed?.transactionId !== found.transactionId || claimed?.amount !== found.amount) {
      return { status: 'failed', error: cause };
    }
    dependencies.logger.warn(
      { operation: expected.operation, transactionId: found.transactionId },
      'kicc: reply failed its integrity check; result confirmed by retrieveTransaction',
    );
  }
  const { kind: _kind, ...virtualAccount } = found;
  return { status: 'completed', value: { ...virtualAccount, integrity: 'confirmed_by_inquiry' } };
}
