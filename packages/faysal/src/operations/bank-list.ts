import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import type { PkBank } from '../faysal-types.js';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import { readReply } from './read-reply.js';

const BankListOutput = z.custom<PkBank[]>((value) => Array.isArray(value));

/** The bank list (PAYSYS banklist): safe; the client caches it for 24 h (spec §2 `reference.bankList`). */
export function createBankListOperation(context: FaysalOperationContext) {
  return defineOperation({
    name: 'faysal.referenceData.banks',
    input: z.object({}).strict(),
    output: BankListOutput,
    idempotency: 'safe',
    timeoutMs: context.timeouts.bankList ?? context.timeouts.default,
    codes: context.safeCodes,
    encode: () => context.wire.build('bankList', {}),
    decode: (response: FaysalWireResponse) => readReply(context.wire, response),
  });
}
