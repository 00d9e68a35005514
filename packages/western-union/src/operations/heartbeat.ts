import { randomBytes } from 'node:crypto';
import { defineOperation, type HttpResponse } from '@wirebridge/core';
import { z } from 'zod';
import { WU_SUCCESS_CODE } from '../western-union-codes.js';
import { buildHeartbeatEnvelope, isHealthyHeartbeatReply } from '../wire/heartbeat-codec.js';
import { parseWesternUnionFault } from '../wire/wu-fault.js';
import type { WuOperationContext } from './operation-context.js';

/** What the heartbeat's encode hands to the client transport: a raw envelope, no WSDL (spec §2). */
export interface HeartbeatRequest {
  service: 'heartbeat';
  body: string;
}

/** `health.heartbeat()`: `esp-heartbeat-request` on `endpoints.heartbeat` (spec §2, safe). */
export function defineHeartbeatOperation(context: WuOperationContext) {
  return defineOperation({
    name: 'western-union.health.heartbeat',
    input: z.object({}).strict(),
    output: z.object({ ok: z.literal(true) }),
    idempotency: 'safe',
    timeoutMs: context.options.timeouts.heartbeat,
    codes: context.codes,
    encode: (): HeartbeatRequest => {
      const identity = context.options.partner.heartbeat;
      if (identity === undefined) throw new Error('partner.heartbeat is checked by the client');
      return {
        service: 'heartbeat',
        body: buildHeartbeatEnvelope(identity, `HB${randomBytes(6).toString('hex')}`),
      };
    },
    decode: (response: HttpResponse) => {
      const body = Buffer.from(response.body).toString('utf8');
      if (isHealthyHeartbeatReply(response.status, body))
        return { code: WU_SUCCESS_CODE, value: { ok: true } };
      const fault = parseWesternUnionFault(body);
      return { code: fault.vendorCode || `HTTP_${response.status}`, message: fault.vendorMessage };
    },
  });
}
