import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import type { PoolBalance } from '../faysal-types.js';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import { readReply } from './read-reply.js';

const PoolBalanceOutput = z.custom<PoolBalance>(
  (value) => typeof (value as PoolBalance | undefined)?.available?.amount === 'number',
);

/** Pool (pre-funded) account balance and limits: safe (spec §2 `account.balance`). */
export function createPoolBalanceOperation(context: FaysalOperationContext) {
  return defineOperation({
    name: 'faysal.pool.balance',
    input: z.object({}).strict(),
    output: PoolBalanceOutput,
    idempotency: 'safe',
    timeoutMs: context.timeouts.balance ?? context.timeouts.default,
    codes: context.safeCodes,
    encode: () => context.wire.build('balance', {}),
    decode: (response: FaysalWireResponse) => readReply(context.wire, response),
  });
}
