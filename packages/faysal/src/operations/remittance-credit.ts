import { defineOperation, type OperationDefinition, sensitive } from '@wirebridge/core';
import { z } from 'zod';
import type { Credit, CreditInput, TransactionState } from '../faysal-types.js';
import type { CreditReplyValue } from '../wire/faysal-codec.js';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import {
  AccountSchema,
  BankImdSchema,
  CnicSchema,
  CountrySchema,
  FxRateSchema,
  MobileSchema,
  MoneySchema,
  PkrSchema,
  PurposeCodeSchema,
  RailSchema,
  ReferenceSchema,
} from './input-schemas.js';
import { createInquiryResolver } from './inquiry-resolver.js';

/** Input schema of `remittances.credit` (spec §4.3 `remittance.credit`). */
export const CreditInputSchema = z
  .object({
    partnerReference: ReferenceSchema,
    titleFetchId: z.string().min(1).max(36).optional(),
    rail: RailSchema.optional(),
    amount: PkrSchema,
    source: z.object({ amount: MoneySchema, fxRate: FxRateSchema }),
    purposeCode: PurposeCodeSchema,
    purposeText: z.string().min(1).max(40).optional(),
    narration: z.string().max(140).optional(),
    remitter: z.object({
      name: sensitive(z.string().min(1).max(70), 'name'),
      country: CountrySchema,
      nationality: CountrySchema,
      idType: z.enum(['passport', 'national_id', 'alien_registration', 'other']),
      idNumber: sensitive(z.string().min(1).max(35), 'personal'),
      dateOfBirth: sensitive(z.date(), 'personal'),
      address: sensitive(z.string().max(140), 'personal').optional(),
      mobile: MobileSchema.optional(),
      relationship: z.string().max(35).optional(),
      sourceOfFunds: z.string().max(35).optional(),
    }),
    beneficiary: z.object({
      account: AccountSchema,
      bankImd: BankImdSchema,
      title: sensitive(z.string().min(1).max(40), 'name'),
      cnic: CnicSchema.optional(),
      mobile: MobileSchema.optional(),
    }),
  })
  .superRefine((input, issues) => {
    // PAYSYS: purpose 9999 is free text, carried in purposeText (spec §4.2).
    if (input.purposeCode === '9999' && input.purposeText === undefined) {
      issues.addIssue({
        code: 'custom',
        path: ['purposeText'],
        message: 'is required with purpose code 9999',
      });
    }
  });

const CreditOutput = z.custom<Credit>(
  (value) =>
    typeof (value as Credit | undefined)?.bankReference === 'string' &&
    ['completed', 'pending', 'on_hold'].includes((value as Credit).status),
);

function toCredit(
  value: Omit<CreditReplyValue, 'original'>,
  partnerReference: string,
  extra: Pick<Credit, 'resolvedBy'> & { replayed?: boolean },
): Credit {
  return {
    partnerReference,
    status: value.status === 'rejected' ? 'pending' : value.status,
    bankReference: value.bankReference,
    rail: value.rail,
    rrn: value.rrn,
    stan: value.stan,
    ...(value.creditedAt === undefined ? {} : { creditedAt: value.creditedAt }),
    ...(extra.replayed ? { replayed: true } : {}),
    resolvedBy: extra.resolvedBy,
    raw: value.raw,
  };
}

// spec §2.1: a 0110 is a replay of *this* credit only when amount, currency and beneficiary account all match.
function isSameCredit(original: NonNullable<CreditReplyValue['original']>, input: CreditInput): boolean {
  return (
    original.amount.amount === input.amount.amount &&
    original.amount.currency === input.amount.currency &&
    original.beneficiaryAccount === input.beneficiary.account
  );
}

/**
 * Home-remittance credit: keyed by `partnerReference` (and `rrn` for byte-identical re-sends); a lost or pending
 * reply runs the §2.1 inquiry resolver; never a second credit.
 */
export function createCreditOperation(
  context: FaysalOperationContext,
  inquiry: OperationDefinition<z.ZodType, z.ZodType<TransactionState>>,
) {
  const resolve = createInquiryResolver<typeof CreditInputSchema, Credit>(
    context,
    inquiry,
    context.moneyCodes,
    {
      query: (input) => ({ partnerReference: input.partnerReference }),
      completedStatuses: new Set(['completed']),
      completed: (state, input) => {
        const sent = context.inFlight.get(input.partnerReference);
        return {
          partnerReference: input.partnerReference,
          status: 'completed',
          bankReference: state.bankReference ?? '',
          rail: (state.rail ?? 'BOOK') as Credit['rail'],
          rrn: sent?.info?.rrn ?? '',
          stan: sent?.info?.stan ?? '',
          ...(state.creditedAt === undefined ? {} : { creditedAt: state.creditedAt }),
          resolvedBy: 'inquiry',
          raw: state.raw,
        };
      },
    },
  );
  return defineOperation({
    name: 'faysal.remittances.credit',
    input: CreditInputSchema,
    output: CreditOutput,
    idempotency: 'keyed',
    reference: (input) => input.partnerReference,
    timeoutMs: context.timeouts.credit ?? context.timeouts.default,
    resolutionDelaysMs: context.resolve.delaysMs,
    codes: context.moneyCodes,
    encode: async (input) => {
      // spec §2.1 step 3: a retry re-sends the identical bytes of the first attempt.
      const previous = context.inFlight.get(input.partnerReference);
      if (previous) return previous;
      const request = await context.wire.build('credit', input);
      context.inFlight.set(input.partnerReference, request);
      return request;
    },
    decode: (response: FaysalWireResponse, attempt) => {
      const reply = context.wire.read(response);
      const value = reply.value as CreditReplyValue | undefined;
      const input = attempt.input;
      if (reply.code === '0110' && value?.original && isSameCredit(value.original, input)) {
        return {
          code: '0000',
          message: reply.responseDesc,
          value: toCredit(value.original, input.partnerReference, { resolvedBy: 'reply', replayed: true }),
        };
      }
      if (value === undefined || reply.code !== '0000')
        return { code: reply.code, message: reply.responseDesc };
      return {
        code: reply.code,
        message: reply.responseDesc,
        value: toCredit(value, input.partnerReference, { resolvedBy: 'reply' }),
      };
    },
    resolve,
  });
}
