import { sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { type ByteLengthMode, byteLength, forbiddenTextCharacters } from '../wire/kicc-text.js';

// Field rules of spec §3; zod messages describe the rule and never echo the value.

/** Free text KICC accepts: no `' " < > \ ; |` or line breaks, at most `maxBytes` counted per `mode`. */
export function kiccText(maxBytes: number, mode: ByteLengthMode) {
  return z
    .string()
    .min(1)
    .refine((text) => !forbiddenTextCharacters.test(text), {
      message: 'must not contain \' " < > \\ ; | or line breaks',
    })
    .refine((text) => byteLength(text, mode) <= maxBytes, { message: `must be at most ${maxBytes} bytes` });
}

/** `shopOrderNo`: ≤ 40 of `[A-Za-z0-9_-]` (spec §3). */
export const orderNumberSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 of [A-Za-z0-9_-]');
/** `shopTransactionId`: ≤ 60 of `[A-Za-z0-9_-]` (spec §3). */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be 1–60 of [A-Za-z0-9_-]');
/** `pgCno`: KICC's 20-character transaction id. */
export const transactionIdSchema = z.string().regex(/^[0-9A-Za-z]{1,20}$/, 'must be 1–20 letters or digits');
/** Whole won: KRW has no minor unit (spec §3). */
export const amountSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** A 3-digit bank code (spec §11 `KICC_BANK_CODES`). */
export const bankCodeSchema = z.string().regex(/^\d{3}$/, 'must be a 3-digit bank code');
/** An account number: digits only, ≤ 20. */
export const accountNumberInputSchema = sensitive(
  z.string().regex(/^\d{1,20}$/, 'must be 1–20 digits'),
  'account_number',
);
/** The internal KST request date the client fixes once per call (resolver and midnight rule, spec §2). */
export const requestDateSchema = z.string().regex(/^\d{8}$/);

/** Customer data of issue and payment-window requests (spec §4.1). */
export function customerSchema(mode: ByteLengthMode) {
  return z
    .object({
      id: kiccText(20, mode).optional(),
      name: sensitive(kiccText(20, mode), 'name').optional(),
      email: sensitive(z.email().max(50), 'personal').optional(),
      phone: sensitive(z.string().regex(/^\d{1,11}$/, 'must be 1–11 digits'), 'personal').optional(),
    })
    .strict();
}

/** `merchantValues` → `shopValueInfo.value1…7`. */
export function merchantValuesSchema(mode: ByteLengthMode) {
  return z.array(kiccText(100, mode)).max(7).optional();
}

const statusSchema = z.enum(['awaiting_deposit', 'deposited', 'cancelled', 'expired', 'unknown']);

/** A virtual account as the SDK returns it (spec §11). */
export const kiccVirtualAccountSchema = z.object({
  transactionId: z.string().min(1),
  orderNumber: z.string(),
  idempotencyKey: z.string().optional(),
  transactionDate: z.date(),
  amount: z.number().int(),
  currency: z.literal('KRW'),
  bankCode: z.string(),
  bankName: z.string(),
  accountNumber: sensitive(z.string().min(1), 'account_number'),
  holderName: z.string(),
  expiresAt: z.date(),
  status: statusSchema,
  vendorStatusCode: z.string(),
  deposit: z
    .object({
      depositedAt: z.date(),
      amount: z.number().int(),
      depositorName: sensitive(z.string(), 'name').optional(),
      bankCode: z.string().optional(),
    })
    .optional(),
  cancelTransactionId: z.string().optional(),
  integrity: z.enum(['verified', 'confirmed_by_inquiry', 'not_applicable']),
});
/** A virtual account as the SDK returns it (spec §11). `accountNumber` is the full number: never log it. */
export type KiccVirtualAccount = z.output<typeof kiccVirtualAccountSchema>;

/** The result of a cancel or refund (spec §11). */
export const kiccCancellationSchema = z.object({
  transactionId: z.string().min(1),
  cancelTransactionId: z.string().min(1),
  idempotencyKey: z.string(),
  cancelledAt: z.date(),
  cancelAmount: z.number().int(),
  remainingAmount: z.number().int(),
  currency: z.literal('KRW'),
  vendorStatusCode: z.string(),
  refundDate: z.date().optional(),
});
/** The result of a cancel or refund (spec §11). */
export type KiccCancellation = z.output<typeof kiccCancellationSchema>;

/** What `transactions.retrieve` found: approval-shaped or revise-shaped (spec §4.4). */
export const kiccTransactionSchema = z.discriminatedUnion('kind', [
  kiccVirtualAccountSchema.extend({ kind: z.literal('approval') }),
  kiccCancellationSchema.extend({ kind: z.literal('revise') }),
]);
/** What `transactions.retrieve` found (spec §11). */
export type KiccTransaction = z.output<typeof kiccTransactionSchema>;
