/**
 * `virtualAccounts.terminate`: 0100/2000 → 0110, keyed on `virtualAccountNumber` (spec §2). A lost reply is
 * resolved by sending the same request again: Coocon answers B002 when the first one went through, which is
 * reported as success `{ alreadyTerminated: true }`.
 */
import { defineOperation, sensitive, VendorError } from '@wirebridge/core';
import { z } from 'zod';
import { fromSeoulParts } from '../wire/coocon-dates.js';
import { decodeOutbound, encodeOutbound, type OutboundResponse, replyOf } from '../wire/coocon-outbound.js';
import type { OperationSettings } from './operation-settings.js';

/** Termination reasons (spec §4.5 terminate body). */
export const TERMINATION_REASONS = {
  customer_request: '1',
  expired: '2',
  fraud_suspected: '3',
  other: '9',
} as const;

/** Input of `virtualAccounts.terminate`. */
export const TerminateVirtualAccountInputSchema = z
  .object({
    virtualAccountNumber: sensitive(z.string().regex(/^\d{6,16}$/, 'must be 6–16 digits'), 'account_number'),
    merchantReference: z.string().regex(/^[\x21-\x7e]{1,20}$/, 'must be 1–20 printable ASCII characters'),
    reason: z.enum(['customer_request', 'expired', 'fraud_suspected', 'other']),
  })
  .strict();

/** Input of `virtualAccounts.terminate`. */
export type TerminateVirtualAccountInput = z.input<typeof TerminateVirtualAccountInputSchema>;

/** Result of `virtualAccounts.terminate`. */
export const TerminationSchema = z.object({ terminatedAt: z.date(), alreadyTerminated: z.boolean() });

/** Result of `virtualAccounts.terminate`. */
export type Termination = z.output<typeof TerminationSchema>;

const alreadyTerminatedCode = 'B002';

/**
 * Coocon deduplicates a terminate by the account number (B002), which every resend carries. The reference
 * the SDK reports (call events, `OutcomeUnknownError.reference`) is the merchantReference instead: it names
 * the same account to the caller, and a full account number must never reach logs or errors (spec §5.6).
 */
const referenceOf = (input: { merchantReference: string }) => input.merchantReference;

/** Declares `coocon.virtualAccounts.terminate` (and its resend, used as the resolver) for one client. @internal */
export function createTerminateVirtualAccount(settings: OperationSettings) {
  const encode = (
    input: z.output<typeof TerminateVirtualAccountInputSchema>,
    context: Parameters<typeof encodeOutbound>[3],
  ) =>
    encodeOutbound(
      settings,
      'terminate',
      {
        virtualAccountNumber: input.virtualAccountNumber,
        merchantReference: input.merchantReference,
        reason: TERMINATION_REASONS[input.reason],
      },
      context,
    );
  const terminationOf = (decoded: OutboundResponse, alreadyTerminated: boolean) => ({
    terminatedAt:
      fromSeoulParts(decoded.body.terminatedDate, decoded.body.terminatedTime) ?? settings.clock(),
    alreadyTerminated,
  });
  const decodeWith =
    (b002IsSuccess: (attempt: number) => boolean) =>
    (response: Buffer, context: Parameters<typeof decodeOutbound>[2]) => {
      const decoded = decodeOutbound(settings, response, context);
      if (decoded.header.responseCode === alreadyTerminatedCode && b002IsSuccess(context.attempt)) {
        // spec §2: B002 on a retry ⇒ the earlier attempt terminated it.
        return { code: '0000', value: terminationOf(decoded, true) };
      }
      return replyOf(decoded, terminationOf(decoded, false));
    };

  const resend = defineOperation({
    name: 'coocon.virtualAccounts.terminateResend',
    input: TerminateVirtualAccountInputSchema,
    output: TerminationSchema,
    idempotency: 'keyed',
    reference: referenceOf,
    codes: settings.codes,
    encode,
    decode: decodeWith(() => true),
  });

  return defineOperation({
    name: 'coocon.virtualAccounts.terminate',
    input: TerminateVirtualAccountInputSchema,
    output: TerminationSchema,
    idempotency: 'keyed',
    reference: referenceOf,
    codes: settings.codes,
    ...(settings.resolutionDelaysMs === undefined ? {} : { resolutionDelaysMs: settings.resolutionDelaysMs }),
    encode,
    decode: decodeWith((attempt) => attempt > 1),
    // spec §2 "on unknown outcome: retry same request".
    resolve: async (context) => {
      try {
        const value = await context.run(resend, context.input, {
          maxAttempts: 1,
          ...(context.signal === undefined ? {} : { signal: context.signal }),
        });
        return { status: 'completed', value };
      } catch (error) {
        // A definitive refusal of the resend (B001 unknown account, B006 not now) settles the call.
        if (error instanceof VendorError && !error.retryable) return { status: 'failed', error };
        throw error;
      }
    },
  });
}
