/**
 * `virtualAccounts.issue`: 0100/1000 → 0110, keyed on `merchantReference` (spec §2). On an unknown outcome the
 * resolver looks the reference up with `get`; a definitive "not found" lets the pipeline resend the same
 * reference, anything else inconclusive ends in `OutcomeUnknownError` — never a second allocation.
 */

import { defineOperation, OutcomeUnknownError, sensitive } from '@wirebridge/core';
import { encodedWidth } from '@wirebridge/core/codec';
import { z } from 'zod';
import { CooconError } from '../coocon-error.js';
import { toSeoulParts } from '../wire/coocon-dates.js';
import { decodeOutbound, encodeOutbound, replyOf } from '../wire/coocon-outbound.js';
import { createGetVirtualAccount } from './get-virtual-account.js';
import type { OperationSettings } from './operation-settings.js';
import {
  ACCOUNT_TYPES,
  AMOUNT_RULES,
  VirtualAccountSchema,
  virtualAccountOf,
} from './virtual-account-schemas.js';

/** Largest amount the 13-digit field holds. */
const maxAmount = 9_999_999_999_999;

/** Input schema of `virtualAccounts.issue` (field widths of spec §4.5, checked before anything is sent). */
export function issueVirtualAccountInputSchema(charset: 'euc-kr' | 'cp949') {
  const width = (text: string) => {
    try {
      return encodedWidth(text, charset);
    } catch {
      return undefined;
    }
  };
  const fits = (bytes: number) => (text: string) => (width(text) ?? bytes + 1) <= bytes;
  return z
    .object({
      merchantReference: z.string().regex(/^[\x21-\x7e]{1,20}$/, 'must be 1–20 printable ASCII characters'),
      holderName: sensitive(
        z.string().min(1).refine(fits(20), `must fit 20 bytes of ${charset} (Hangul = 2 bytes)`),
        'name',
      ),
      accountType: z.enum(['one_time', 'fixed']),
      amountRule: z.enum(['any', 'exact', 'up_to']),
      expectedAmount: z.number().int().positive().max(maxAmount).optional(),
      currency: z.literal('KRW'),
      expiresAt: z.date().optional(),
      customerId: sensitive(
        z.string().regex(/^[\x21-\x7e]{1,20}$/, 'must be 1–20 printable ASCII characters'),
        'personal',
      ).optional(),
      virtualAccountNumber: sensitive(
        z.string().regex(/^\d{6,16}$/, 'must be 6–16 digits'),
        'account_number',
      ).optional(),
    })
    .strict()
    .superRefine((input, context) => {
      // spec §11: expectedAmount is required unless any amount is accepted.
      if (input.amountRule !== 'any' && input.expectedAmount === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['expectedAmount'],
          message: `required when amountRule is ${input.amountRule}`,
        });
      }
      if (input.expiresAt !== undefined && Number.isNaN(input.expiresAt.getTime())) {
        context.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be a valid date' });
      }
    });
}

/** Input of `virtualAccounts.issue`. */
export type IssueVirtualAccountInput = z.input<ReturnType<typeof issueVirtualAccountInputSchema>>;

/** Declares `coocon.virtualAccounts.issue` for one client. @internal */
export function createIssueVirtualAccount(settings: OperationSettings) {
  const getVirtualAccount = createGetVirtualAccount(settings);
  return defineOperation({
    name: 'coocon.virtualAccounts.issue',
    input: issueVirtualAccountInputSchema(settings.wire.outboundCharset),
    output: VirtualAccountSchema,
    idempotency: 'keyed',
    // The merchantReference is what Coocon deduplicates on (B003): every attempt carries the same one.
    reference: (input) => input.merchantReference,
    codes: settings.codes,
    ...(settings.resolutionDelaysMs === undefined ? {} : { resolutionDelaysMs: settings.resolutionDelaysMs }),
    encode: (input, context) => {
      const expiry = input.expiresAt === undefined ? undefined : toSeoulParts(input.expiresAt);
      return encodeOutbound(
        settings,
        'issue',
        {
          virtualAccountNumber: input.virtualAccountNumber,
          merchantReference: input.merchantReference,
          holderName: input.holderName,
          accountType: ACCOUNT_TYPES[input.accountType],
          amountRule: AMOUNT_RULES[input.amountRule],
          expectedAmount: input.amountRule === 'any' ? 0 : input.expectedAmount,
          expiryDate: expiry?.date ?? '00000000',
          expiryTime: expiry?.time ?? '000000',
          customerId: input.customerId,
        },
        context,
      );
    },
    decode: (response: Buffer, context) => {
      const decoded = decodeOutbound(settings, response, context);
      const code = String(decoded.header.responseCode);
      if (code === 'B003' && context.attempt > 1) {
        // spec §2: B003 on a retry means an earlier attempt of this call allocated the account: resolve it
        // through `get` (the resolver) instead of failing a call that succeeded.
        throw new OutcomeUnknownError({
          message: `${context.operation}: the reference was used by an earlier attempt; resolving it`,
          vendor: 'coocon',
          operation: context.operation,
          ...(context.idempotencyKey === undefined ? {} : { reference: context.idempotencyKey }),
          details: { vendorCode: code },
        });
      }
      return replyOf(decoded, virtualAccountOf(decoded.body, decoded.header.bankCode, { status: 'active' }));
    },
    resolve: async (context) => {
      try {
        const found = await context.run(
          getVirtualAccount,
          { merchantReference: context.input.merchantReference },
          { maxAttempts: 1, ...(context.signal === undefined ? {} : { signal: context.signal }) },
        );
        return { status: 'completed', value: found };
      } catch (error) {
        // Only a definitive "no such reference" proves the issue never executed (DESIGN §3).
        if (error instanceof CooconError && error.category === 'not_found') return { status: 'not_executed' };
        throw error;
      }
    },
  });
}
