import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import { encodeRetrieveTransaction, readKiccReply } from '../wire/kicc-codec.js';
import { generateIdempotencyKey } from '../wire/kicc-ids.js';
import { type KiccOperationDependencies, kstToday } from './operation-support.js';

const name = 'kicc.client.ping';

/**
 * `ping()`: `retrieveTransaction` with a random unknown id (spec §2). Healthy = HTTP 200 with a JSON `resCd`,
 * whatever its value, so the decoder reports success for any answered reply.
 */
export function createPingOperation(dependencies: KiccOperationDependencies) {
  const { config } = dependencies;
  return defineOperation({
    name,
    input: z.object({}).strict(),
    output: z.object({ resCd: z.string() }),
    idempotency: 'safe',
    codes: dependencies.codes,
    encode: () =>
      encodeRetrieveTransaction(config.merchantId, generateIdempotencyKey('ping'), kstToday(config)),
    decode: (response: Parameters<typeof readKiccReply>[0]) => {
      const reply = readKiccReply(response, name);
      return { code: '0000', value: { resCd: reply.resCd } };
    },
  });
}
