import { z } from 'zod';

// Zod schemas of the Modelled result shapes (spec §4.3). Only wire/ knows these names.

const code4 = z.string().regex(/^\d{4}$/);
export const ResponseBlock = z.object({ responseCode: code4, responseDesc: z.string() });
export const WireAmount = z.object({ value: z.string(), currency: z.string().regex(/^[A-Z]{3}$/) });
const timestamp = z.string().regex(/^\d{14}$/);
const railValue = z.enum(['BOOK', 'RAAST', 'IBFT']);

export const TitleFetchResult = z.object({
  titleFetchId: z.string().min(1).max(36),
  account: z.object({
    title: z.string(),
    iban: z.string().optional(),
    accountNumber: z.string(),
    status: z.enum(['ACTIVE', 'INACTIVE', 'BLOCKED', 'CLOSED']),
  }),
  bank: z.object({ bankImd: z.string(), bankBic: z.string(), bankName: z.string() }),
  rail: railValue,
  cnicMatch: z.enum(['MATCH', 'MISMATCH', 'NOT_CHECKED']),
  expiresAt: timestamp,
});

const CreditCore = z.object({
  status: z.enum(['COMPLETED', 'PENDING', 'ON_HOLD', 'REJECTED']),
  bankReference: z.string().min(1),
  rail: railValue,
  info: z.object({ rrn: z.string(), stan: z.string() }),
  creditedAt: timestamp.optional(),
});

export const CreditResult = CreditCore.extend({
  original: CreditCore.extend({
    amount: WireAmount,
    beneficiary: z.object({ account: z.string() }),
  }).optional(),
});

export const OriginalOnly = z.object({ original: CreditResult.shape.original.unwrap() });

export const InquiryResult = z.object({
  transaction: z.object({
    partnerReference: z.string().optional(),
    returnReference: z.string().optional(),
    status: z.enum(['COMPLETED', 'PENDING', 'ON_HOLD', 'REJECTED', 'FAILED', 'RETURNED']),
    responseCode: code4,
    responseDesc: z.string(),
    rail: z.string().optional(),
    bankReference: z.string().optional(),
    amount: WireAmount.optional(),
    creditedAt: timestamp.optional(),
    failedAt: timestamp.optional(),
    returnedAt: timestamp.optional(),
  }),
});

export const ReturnResult = z.object({
  returnStatus: z.enum(['COMPLETED', 'PENDING', 'REJECTED']),
  returnedAmount: WireAmount,
  bankReference: z.string(),
});

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
export const BalanceResult = z.object({
  account: z.object({
    iban: z.string(),
    title: z.string(),
    currency: z.literal('PKR'),
    availableBalance: decimal,
    ledgerBalance: decimal,
  }),
  limits: z.object({
    perTransaction: decimal,
    daily: decimal,
    dailyUsed: decimal,
    dailyCount: z.number().int(),
    dailyCountUsed: z.number().int(),
  }),
});

export const BankListResult = z.object({
  banks: z.array(
    z.object({
      bankId: z.number().int(),
      bankDisplayName: z.string(),
      bankShortBIC: z.string(),
      bankBIC: z.string(),
      bankIMD: z.string().regex(/^\d{6}$/),
      accountNumberHelp: z.string(),
      accountNumberREGEX: z.string(),
      isAvailable1LINKIBFT: z.enum(['Y', 'N']),
      isAvailableRAASTP2P: z.enum(['Y', 'N']),
    }),
  ),
});

export const PingResult = z.object({ serverTime: timestamp });

export const ErrorData = z
  .object({
    responseCode: code4.optional(),
    responseDesc: z.string().optional(),
    fields: z.array(z.string()).optional(),
    retryAfterMs: z.number().int().nonnegative().optional(),
  })
  .optional();

export const NotificationParams = z.object({
  eventId: z.string().uuid(),
  partnerReference: z.string().min(1),
  returnReference: z.string().optional(),
  status: z.enum(['COMPLETED', 'PENDING', 'ON_HOLD', 'REJECTED', 'FAILED']),
  responseCode: code4,
  responseDesc: z.string(),
  bankReference: z.string(),
  rail: z.string(),
  amount: WireAmount,
  occurredAt: timestamp,
});
