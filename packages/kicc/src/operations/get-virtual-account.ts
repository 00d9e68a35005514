import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import { KiccError } from '../kicc-error.js';
import {
  decodeVirtualAccount,
  encodeRetrieveTransaction,
  isReviseShaped,
  jsonPost,
} from '../wire/kicc-codec.js';
import { formatKst } from '../wire/kicc-kst.js';
import { encodeInquiryRequest } from '../wire/modelled-codec.js';
import { idempotencyKeySchema, kiccVirtualAccountSchema, transactionIdSchema } from './kicc-schemas.js';
import { type KiccOperationDependencies, kiccDecoder } from './operation-support.js';

const byTransactionIdName = 'kicc.virtualAccounts.get';
const byIdempotencyKeyName = 'kicc.virtualAccounts.getByIdempotencyKey';

/** `virtualAccounts.get({ transactionId })`: the **Modelled** VA inquiry by `pgCno`; safe (spec §4.5). */
export function createGetVirtualAccountOperation(dependencies: KiccOperationDependencies) {
  const { config } = dependencies;
  return defineOperation({
    name: byTransactionIdName,
    input: z.object({ transactionId: transactionIdSchema }).strict(),
    output: kiccVirtualAccountSchema,
    idempotency: 'safe',
    codes: dependencies.codes,
    encode: (value) =>
      jsonPost(
        config.paths.retrieveVirtualAccount,
        encodeInquiryRequest(config.merchantId, value.transactionId),
      ),
    decode: kiccDecoder(byTransactionIdName, (body) =>
      decodeVirtualAccount(body, {
        operation: byTransactionIdName,
        now: config.clock(),
        integrity: 'not_applicable',
      }),
    ),
  });
}

/**
 * `virtualAccounts.get({ idempotencyKey, transactionDate })`: `retrieveTransaction` of the issue or approval
 * request; only yesterday and today are covered (spec §2). Safe.
 */
export function createGetVirtualAccountByKeyOperation(dependencies: KiccOperationDependencies) {
  const { config } = dependencies;
  return defineOperation({
    name: byIdempotencyKeyName,
    input: z.object({ idempotencyKey: idempotencyKeySchema, transactionDate: z.date() }).strict(),
    output: kiccVirtualAccountSchema,
    idempotency: 'safe',
    codes: dependencies.codes,
    encode: (value) =>
      encodeRetrieveTransaction(
        config.merchantId,
        value.idempotencyKey,
        formatKst(value.transactionDate, 'yyyyMMdd'),
      ),
    decode: kiccDecoder(byIdempotencyKeyName, (body) => {
      if (isReviseShaped(body)) {
        throw new KiccError({
          operation: byIdempotencyKeyName,
          category: 'invalid_request',
          retryable: false,
          vendorCode: '0000',
          vendorMessage: 'the key names a cancel or refund, not a virtual-account issue',
        });
      }
      return decodeVirtualAccount(body, {
        operation: byIdempotencyKeyName,
        now: config.clock(),
        integrity: 'not_applicable',
      });
    }),
  });
}
