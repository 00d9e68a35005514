/** `virtualAccounts.get`: 0600/1000 → 0610, safe (spec §2). Also the resolver of `issue`. */
import { defineOperation, sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { decodeOutbound, encodeOutbound, replyOf } from '../wire/coocon-outbound.js';
import type { OperationSettings } from './operation-settings.js';
import { VirtualAccountSchema, virtualAccountOf } from './virtual-account-schemas.js';

/** Look an account up by its number or by the reference it was issued with (exactly one of them). */
export const GetVirtualAccountInputSchema = z
  .object({
    virtualAccountNumber: sensitive(
      z.string().regex(/^\d{6,16}$/, 'must be 6–16 digits'),
      'account_number',
    ).optional(),
    merchantReference: z
      .string()
      .regex(/^[\x21-\x7e]{1,20}$/, 'must be 1–20 printable ASCII characters')
      .optional(),
  })
  .strict()
  .superRefine((input, context) => {
    const given = [input.virtualAccountNumber, input.merchantReference].filter(
      (value) => value !== undefined,
    );
    if (given.length !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['virtualAccountNumber'],
        message: 'give exactly one of virtualAccountNumber or merchantReference',
      });
    }
  });

/** Input of `virtualAccounts.get`. */
export type GetVirtualAccountInput = { virtualAccountNumber: string } | { merchantReference: string };

/** Declares `coocon.virtualAccounts.get` for one client. @internal */
export function createGetVirtualAccount(settings: OperationSettings) {
  return defineOperation({
    name: 'coocon.virtualAccounts.get',
    input: GetVirtualAccountInputSchema,
    output: VirtualAccountSchema,
    idempotency: 'safe',
    codes: settings.codes,
    encode: (input, context) =>
      encodeOutbound(
        settings,
        'inquiry',
        { virtualAccountNumber: input.virtualAccountNumber, merchantReference: input.merchantReference },
        context,
      ),
    decode: (response: Buffer, context) => {
      const decoded = decodeOutbound(settings, response, context);
      return replyOf(decoded, virtualAccountOf(decoded.body, decoded.header.bankCode));
    },
  });
}
