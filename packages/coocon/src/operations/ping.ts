/** `health.ping`: echo 0800/2300 → 0810, safe (spec §2, §3: the liveness check; no sign-on exists). */
import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import { toSeoulParts } from '../wire/coocon-dates.js';
import { decodeOutbound, encodeOutbound, replyOf } from '../wire/coocon-outbound.js';
import type { OperationSettings } from './operation-settings.js';

const startedAtKey = 'coocon.ping.startedAt';

/** Declares `coocon.health.ping` for one client. @internal */
export function createPing(settings: OperationSettings) {
  return defineOperation({
    name: 'coocon.health.ping',
    input: z.object({}).strict(),
    output: z.object({ latencyMs: z.number().nonnegative() }),
    idempotency: 'safe',
    codes: settings.codes,
    encode: (_input, context) => {
      context.state.set(startedAtKey, performance.now());
      // spec §4.4: network telegrams carry serial 0.
      return encodeOutbound(
        settings,
        'echo',
        { businessDate: toSeoulParts(settings.clock()).date },
        context,
        {
          serial: 0,
        },
      );
    },
    decode: (response: Buffer, context) => {
      const decoded = decodeOutbound(settings, response, context);
      const startedAt = context.state.get(startedAtKey) as number;
      return replyOf(decoded, { latencyMs: Math.max(0, performance.now() - startedAt) });
    },
  });
}
