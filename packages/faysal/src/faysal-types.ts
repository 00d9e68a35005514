import type { Money } from '@wirebridge/core';

/** The operations of the client; keys of `timeouts` (spec §3). */
export type FaysalOperation =
  | 'titleFetch'
  | 'credit'
  | 'inquiry'
  | 'return'
  | 'balance'
  | 'bankList'
  | 'ping';

/** Payment rail (spec §2): `AUTO` lets the bank choose book, RAAST or IBFT. */
export type Rail = 'AUTO' | 'BOOK' | 'RAAST' | 'IBFT';

/** Why a failed credit is returned to the partner pool (spec §4.3 `remittance.return`). */
export type ReturnReason =
  | 'credit_failed'
  | 'beneficiary_rejected'
  | 'compliance_rejected'
  | 'partner_request';

/** Input of `accounts.titleFetch` (after validation: CNIC normalised to 13 digits). */
export interface TitleFetchInput {
  /** IBAN (`PK…`, mod-97 checked) or account number (≤ 20 digits, or an `03XXXXXXXXX` wallet). */
  account: string;
  /** 6-digit bank IMD from the bank list. @default resolved by the bank from the IBAN */
  bankImd?: string;
  /** BIC (8 or 11). @default none */
  bankBic?: string;
  /** Beneficiary CNIC for the KYC match (13 digits, or `12345-1234567-1`). @default not checked */
  cnic?: string;
  /** The amount the credit will carry (PKR minor units); the credit must send the same (spec §2, `0148`). */
  amount: Money;
  /** 4-digit purpose code (see `PK_PURPOSE_CODES`). */
  purposeCode: string;
  /** @default 'AUTO' */
  rail?: Rail;
}

/** Result of a title fetch (beneficiary validation / KYC). */
export interface TitleFetch {
  titleFetchId: string;
  title: string;
  iban?: string;
  accountNumber: string;
  accountStatus: 'active' | 'inactive' | 'blocked' | 'closed';
  bank: { imd: string; bic: string; name: string };
  rail: Exclude<Rail, 'AUTO'>;
  cnicMatch: 'match' | 'mismatch' | 'not_checked';
  expiresAt: Date;
  raw: unknown;
}

/** Remitter KYC (spec §4.3, Modelled). */
export interface Remitter {
  name: string;
  /** ISO 3166 alpha-2. */
  country: string;
  /** ISO 3166 alpha-2. */
  nationality: string;
  idType: 'passport' | 'national_id' | 'alien_registration' | 'other';
  idNumber: string;
  dateOfBirth: Date;
  address?: string;
  mobile?: string;
  relationship?: string;
  sourceOfFunds?: string;
}

/** Input of `remittances.credit`. */
export interface CreditInput {
  /** The partner's unique reference (≤ 35, `[A-Za-z0-9-]`); the idempotency key of the credit. */
  partnerReference: string;
  /** From `accounts.titleFetch`; mandatory for RAAST/IBFT (the bank answers `0193`/`0431` without it). */
  titleFetchId?: string;
  /** @default 'AUTO' */
  rail?: Rail;
  /** PKR amount credited, in minor units. */
  amount: Money;
  /** What the remitter paid, and the rate applied (decimal string, ≤ 8 dp). */
  source: { amount: Money; fxRate: string };
  purposeCode: string;
  /** Required with purpose code `9999` (≤ 40). */
  purposeText?: string;
  /** ≤ 140. */
  narration?: string;
  remitter: Remitter;
  beneficiary: { account: string; bankImd: string; title: string; cnic?: string; mobile?: string };
}

/** Outcome of a credit. */
export interface Credit {
  partnerReference: string;
  status: 'completed' | 'pending' | 'on_hold';
  bankReference: string;
  rail: Exclude<Rail, 'AUTO'>;
  rrn: string;
  stan: string;
  creditedAt?: Date;
  /** True when the bank answered `0110` with the matching original credit (spec §2.1). */
  replayed?: boolean;
  /** `inquiry` when the outcome was learnt through the §2.1 resolver. */
  resolvedBy?: 'reply' | 'inquiry';
  raw: unknown;
}

/** What to look a transaction up by. */
export type InquiryInput =
  | { partnerReference: string }
  | { returnReference: string }
  | { rrn: string; stan: string; txnDate: Date };

/** A transaction as the bank reports it. */
export interface TransactionState {
  partnerReference?: string;
  returnReference?: string;
  status: 'completed' | 'pending' | 'on_hold' | 'rejected' | 'failed' | 'returned';
  vendorCode: string;
  vendorMessage: string;
  rail?: string;
  bankReference?: string;
  amount?: Money;
  creditedAt?: Date;
  failedAt?: Date;
  returnedAt?: Date;
  raw: unknown;
}

/** Input of `remittances.return`. */
export interface ReturnInput {
  /** The partner's unique reference of the return (≤ 35); its idempotency key. */
  returnReference: string;
  /** The failed credit. */
  partnerReference: string;
  reason: ReturnReason;
  narration?: string;
}

/** Outcome of a return. */
export interface CreditReturn {
  returnReference: string;
  status: 'completed' | 'pending';
  returnedAmount: Money;
  bankReference: string;
  raw: unknown;
}

/** Pool (pre-funded) account balance and limits. */
export interface PoolBalance {
  iban: string;
  available: Money;
  ledger: Money;
  limits: {
    perTransaction: Money;
    daily: Money;
    dailyUsed: Money;
    dailyCount: number;
    dailyCountUsed: number;
  };
}

/** One bank of the bank list (PAYSYS banklist names, spec §4.3). */
export interface PkBank {
  bankId: number;
  name: string;
  shortBic: string;
  bic: string;
  imd: string;
  accountNumberHint: string;
  accountNumberPattern: RegExp;
  ibft: boolean;
  raast: boolean;
}

/** A `remittance.statusChanged` notification (spec §7). */
export interface FaysalNotificationEvent {
  type:
    | 'remittance.completed'
    | 'remittance.pending'
    | 'remittance.on_hold'
    | 'remittance.rejected'
    | 'remittance.failed'
    | 'return.completed'
    | 'return.rejected';
  eventId: string;
  /** `"faysal:" + eventId`. */
  dedupeKey: string;
  partnerReference: string;
  returnReference?: string;
  vendorCode: string;
  bankReference: string;
  amount: Money;
  occurredAt: Date;
  raw: unknown;
}

/** The `info` block the client builds for every request (spec §4.2). */
export interface FaysalInfo {
  rrn: string;
  stan: string;
  txnDate: string;
  txnTime: string;
}
