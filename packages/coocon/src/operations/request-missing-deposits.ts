/** `deposits.requestMissing`: 결번요구 0600/6400 → 0610, safe (spec §2, §7 gap recovery). */
import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import { MISSING_SERIAL_SLOTS } from '../wire/coocon-layouts.js';
import { decodeOutbound, encodeOutbound, replyOf } from '../wire/coocon-outbound.js';
import type { OperationSettings } from './operation-settings.js';

/** Input of `deposits.requestMissing`: the date and up to 20 serials Coocon should push again. */
export const RequestMissingInputSchema = z
  .object({
    transactionDate: z.string().regex(/^\d{8}$/, 'must be YYYYMMDD'),
    serials: z.array(z.number().int().min(1).max(9_999_999)).min(1).max(MISSING_SERIAL_SLOTS),
  })
  .strict();

/** Input of `deposits.requestMissing`. */
export type RequestMissingInput = z.input<typeof RequestMissingInputSchema>;

/** Declares `coocon.deposits.requestMissing` for one client. @internal */
export function createRequestMissingDeposits(settings: OperationSettings) {
  return defineOperation({
    name: 'coocon.deposits.requestMissing',
    input: RequestMissingInputSchema,
    output: z.object({ resendCount: z.number().int().nonnegative() }),
    idempotency: 'safe',
    codes: settings.codes,
    encode: (input, context) => {
      const body: Record<string, unknown> = {
        targetDate: input.transactionDate,
        count: input.serials.length,
      };
      input.serials.forEach((serial, index) => {
        body[`serial${index + 1}`] = serial;
      });
      return encodeOutbound(settings, 'missingSerials', body, context);
    },
    decode: (response: Buffer, context) => {
      const decoded = decodeOutbound(settings, response, context);
      return replyOf(decoded, { resendCount: decoded.body.resendCount ?? 0 });
    },
  });
}
