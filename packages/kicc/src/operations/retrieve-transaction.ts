import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import {
  decodeCancellation,
  decodeVirtualAccount,
  encodeRetrieveTransaction,
  isReviseShaped,
} from '../wire/kicc-codec.js';
import { formatKst } from '../wire/kicc-kst.js';
import { idempotencyKeySchema, type KiccTransaction, kiccTransactionSchema } from './kicc-schemas.js';
import { type KiccOperationDependencies, kiccDecoder, type RetrieveOperation } from './operation-support.js';

const name = 'kicc.transactions.retrieve';

/** `transactions.retrieve`: `retrieveTransaction` by `(shopTransactionId, date)`; safe (spec §2, §4.4). */
export function createRetrieveTransactionOperation(
  dependencies: KiccOperationDependencies,
): RetrieveOperation {
  const { config } = dependencies;
  return defineOperation({
    name,
    input: z.object({ idempotencyKey: idempotencyKeySchema, transactionDate: z.date() }).strict(),
    output: kiccTransactionSchema,
    idempotency: 'safe',
    codes: dependencies.codes,
    encode: (input) =>
      encodeRetrieveTransaction(
        config.merchantId,
        input.idempotencyKey,
        formatKst(input.transactionDate, 'yyyyMMdd'),
      ),
    decode: kiccDecoder(name, (body): KiccTransaction => {
      if (isReviseShaped(body)) return { kind: 'revise', ...decodeCancellation(body, name) };
      // No msgAuthValue on retrieveTransaction (spec §5): integrity is not applicable to this read.
      return {
        kind: 'approval',
        ...decodeVirtualAccount(body, { operation: name, now: config.clock(), integrity: 'not_applicable' }),
      };
    }),
  }) as unknown as RetrieveOperation;
}
