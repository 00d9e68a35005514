import { defineOperation } from '@wirebridge/core';
import { z } from 'zod';
import type { TitleFetch } from '../faysal-types.js';
import type { FaysalWireResponse } from '../wire/faysal-wire.js';
import type { FaysalOperationContext } from './faysal-operation-context.js';
import {
  AccountSchema,
  BankBicSchema,
  BankImdSchema,
  CnicSchema,
  PkrSchema,
  PurposeCodeSchema,
  RailSchema,
} from './input-schemas.js';

/** Input schema of `accounts.titleFetch` (spec §4.3 `account.titleFetch`). */
export const TitleFetchInputSchema = z.object({
  account: AccountSchema,
  bankImd: BankImdSchema.optional(),
  bankBic: BankBicSchema.optional(),
  cnic: CnicSchema.optional(),
  amount: PkrSchema,
  purposeCode: PurposeCodeSchema,
  rail: RailSchema.optional(),
});

const TitleFetchOutput = z.custom<TitleFetch>(
  (value) => typeof (value as TitleFetch | undefined)?.titleFetchId === 'string',
);

/** Beneficiary validation / KYC: safe, retried on transient errors (spec §2). */
export function createTitleFetchOperation(context: FaysalOperationContext, titleFetchTtlMs: number) {
  return defineOperation({
    name: 'faysal.accounts.titleFetch',
    input: TitleFetchInputSchema,
    output: TitleFetchOutput,
    idempotency: 'safe',
    timeoutMs: context.timeouts.titleFetch ?? context.timeouts.default,
    codes: context.safeCodes,
    encode: (input) => context.wire.build('titleFetch', input),
    decode: (response: FaysalWireResponse) => {
      const reply = context.wire.read(response);
      const value = reply.value as TitleFetch | undefined;
      if (value === undefined) return { code: reply.code, message: reply.responseDesc };
      // The bank's expiry, capped by the configured TTL (spec §2: valid 30 min).
      const cap = context.clock().getTime() + titleFetchTtlMs;
      const expiresAt = new Date(Math.min(value.expiresAt.getTime(), cap));
      return { code: reply.code, message: reply.responseDesc, value: { ...value, expiresAt } };
    },
  });
}
