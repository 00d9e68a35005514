import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import { readReply } from './read-reply.js';

const PingOutput = z.object({ serverTime: z.date() });

/** Health check: safe (spec §2 `system.ping`). */
export function createPingOperation(context: FaysalOperationContext) {
  return defineOperation({
    name: 'faysal.health.ping',
    input: z.object({}).strict(),
    output: PingOutput,
    idempotency: 'safe',
    timeoutMs: context.timeouts.ping ?? context.timeouts.default,
    codes: context.safeCodes,
    encode: () => context.wire.build('ping', {}),
    decode: (response: FaysalWireResponse) => readReply(context.wire, response),
  });
}
