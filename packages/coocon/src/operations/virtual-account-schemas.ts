/** The `VirtualAccount` shape every virtual-account operation returns (spec §11), and its wire mapping. */
import { sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { fromSeoulParts } from '../wire/coocon-dates.js';

/** Account types (spec §4.5 계좌유형). */
export const ACCOUNT_TYPES = { one_time: '1', fixed: '2' } as const;
/** Amount rules (spec §4.5 금액검증구분). */
export const AMOUNT_RULES = { any: '0', exact: '1', up_to: '2' } as const;
/** Status codes of the inquiry (spec §4.5). */
export const ACCOUNT_STATUSES = { '1': 'active', '2': 'terminated', '3': 'expired' } as const;

/** A virtual account as Coocon reports it. Amounts are KRW won (integers). */
export const VirtualAccountSchema = z.object({
  virtualAccountNumber: sensitive(z.string().regex(/^\d{6,16}$/), 'account_number'),
  bankCode: z.string(),
  merchantReference: z.string(),
  holderName: sensitive(z.string(), 'name'),
  status: z.enum(['active', 'terminated', 'expired']),
  accountType: z.enum(['one_time', 'fixed']),
  amountRule: z.enum(['any', 'exact', 'up_to']),
  expectedAmount: z.number().int().nonnegative().optional(),
  currency: z.literal('KRW'),
  expiresAt: z.date().optional(),
  issuedAt: z.date(),
  terminatedAt: z.date().optional(),
  totalDeposited: z.number().int().nonnegative().optional(),
  depositCount: z.number().int().nonnegative().optional(),
});

/** A virtual account (spec §11). */
export type VirtualAccount = z.output<typeof VirtualAccountSchema>;

/** Reverse lookup of a wire code table (`'1'` → `one_time`); undefined for an unknown code. @internal */
export function nameOfCode<T extends Record<string, string>>(table: T, code: unknown): keyof T | undefined {
  return (Object.keys(table) as Array<keyof T>).find((name) => table[name] === code);
}

/** Builds the `VirtualAccount` of a decoded issue or inquiry body (fields absent in one are left out). @internal */
export function virtualAccountOf(
  body: Record<string, unknown>,
  bankCode: unknown,
  extra: { status?: unknown; issuedAt?: Date | undefined } = {},
): Record<string, unknown> {
  const amountRule = nameOfCode(AMOUNT_RULES, body.amountRule);
  const expectedAmount = typeof body.expectedAmount === 'number' ? body.expectedAmount : undefined;
  const account: Record<string, unknown> = {
    virtualAccountNumber: body.virtualAccountNumber,
    bankCode,
    merchantReference: body.merchantReference,
    holderName: body.holderName,
    status: extra.status ?? ACCOUNT_STATUSES[String(body.status) as keyof typeof ACCOUNT_STATUSES],
    accountType: nameOfCode(ACCOUNT_TYPES, body.accountType),
    amountRule,
    currency: 'KRW',
    issuedAt: extra.issuedAt ?? fromSeoulParts(body.issuedDate, body.issuedTime),
  };
  // spec §4.5: expectedAmount is 0 when the rule is "any amount": the API leaves it out rather than say 0.
  if (amountRule !== 'any' && expectedAmount !== undefined) account.expectedAmount = expectedAmount;
  const expiresAt = fromSeoulParts(body.expiryDate, body.expiryTime);
  if (expiresAt !== undefined) account.expiresAt = expiresAt;
  const terminatedAt = fromSeoulParts(body.terminatedDate);
  if (terminatedAt !== undefined) account.terminatedAt = terminatedAt;
  if (typeof body.totalDeposited === 'number') account.totalDeposited = body.totalDeposited;
  if (typeof body.depositCount === 'number') account.depositCount = body.depositCount;
  return account;
}
