import { defineOperation, type OperationDefinition } from '@wirebridge/core';
import { z } from 'zod';
import { BILLGATE_COMMANDS } from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import { testCallRequestTags } from '../wire/billgate-messages.js';
import {
  type BillgateOperationContext,
  decodeResponse,
  encodeRequest,
  errorOf,
  resultCodeOf,
} from './billgate-operation-context.js';

export const pingInput = z.object({}).strict();
export const pingOutput = z.object({ resultCode: z.string() });
export type PingOperation = OperationDefinition<typeof pingInput, typeof pingOutput>;

/** `health.ping`: 0300 with 0011 = now → 0301 (spec §4.5, Modelled tags). Safe. */
export function createPingOperation(context: BillgateOperationContext): PingOperation {
  return defineOperation({
    name: 'billgate.health.ping',
    input: pingInput,
    output: pingOutput,
    idempotency: 'safe',
    timeoutMs: context.config.timeouts.queryMs,
    codes: context.codes,
    encode: (_input, attempt) => {
      const now = formatKst(context.config.clock());
      // A test call belongs to no order: the header carries a synthetic one, echoed back.
      return encodeRequest(context, attempt, {
        command: BILLGATE_COMMANDS.TEST_CALL_REQUEST as string,
        orderId: `PING-${now}`,
        orderDate: now,
        tags: testCallRequestTags(now),
      });
    },
    decode: (response: Buffer, attempt) => {
      const message = decodeResponse(context, attempt, response);
      const code = resultCodeOf(message);
      if (code !== '0000') throw errorOf(context, attempt, message);
      return { code, value: { resultCode: code } };
    },
  });
}
