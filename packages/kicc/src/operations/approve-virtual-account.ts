import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import { decodeVirtualAccount, encodeApproval, verifyApprovalResponse } from '../wire/kicc-codec.js';
import { acceptApproval, verificationKeysOf } from './issue-virtual-account.js';
import {
  idempotencyKeySchema,
  type KiccVirtualAccount,
  kiccVirtualAccountSchema,
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

const name = 'kicc.virtualAccounts.approve';

/** Input of `virtualAccounts.approve`: what the payment window returned (spec §4.2). */
export const approveVirtualAccountInputSchema = z
  .object({
    orderNumber: orderNumberSchema,
    authorizationId: z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be 1–60 of [A-Za-z0-9_-]'),
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .strict();

/** What a service passes to `virtualAccounts.approve`. */
export type ApproveVirtualAccountInput = z.input<typeof approveVirtualAccountInputSchema>;

/** `virtualAccounts.approve`: `POST /api/ep9/trades/approval`, keyed on `shopTransactionId`, 30 s (spec §2). */
export function createApproveVirtualAccountOperation(
  dependencies: KiccOperationDependencies,
  retrieve: RetrieveOperation,
) {
  const { config } = dependencies;
  const input = approveVirtualAccountInputSchema.extend({ requestDate: requestDateSchema });
  type Input = z.output<typeof input>;
  return defineOperation({
    name,
    input,
    output: kiccVirtualAccountSchema,
    idempotency: 'keyed',
    timeoutMs: config.timeouts.approvalMs,
    resolutionDelaysMs: config.resolverDelaysMs,
    reference: keyedReference('apv'),
    codes: dependencies.keyedCodes,
    encode: (value, context) =>
      encodeApproval({
        merchantId: config.merchantId,
        idempotencyKey: context.idempotencyKey!,
        authorizationId: value.authorizationId,
        orderNumber: value.orderNumber,
        requestDate: value.requestDate,
      }),
    decode: kiccDecoder<Input>(name, (body, context) => {
      // The amount was fixed in the payment window, so only the MAC and the echoed ids can be checked here.
      verifyApprovalResponse(body, {
        operation: name,
        keys: verificationKeysOf(dependencies),
        orderNumber: context.input.orderNumber,
        idempotencyKey: context.idempotencyKey!,
      });
      return decodeVirtualAccount(body, { operation: name, now: config.clock(), integrity: 'verified' });
    }),
    resolve: createRetrieveResolver<Input, KiccVirtualAccount>(dependencies, retrieve, (found, context) =>
      acceptApproval(dependencies, found, context.cause, {
        operation: name,
        orderNumber: context.input.orderNumber,
      }),
    ),
  });
}
