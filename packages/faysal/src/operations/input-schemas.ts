import { sensitive } from '@wirebridge/core';
import { z } from 'zod';
import { isValidCnic, normalizeCnic } from '../domain/cnic.js';
import { isValidPakistanIban } from '../domain/iban.js';

// Input schemas shared by the operations (spec §4.2 domain rules, Sourced). Field errors name the field; values
// are marked sensitive where they are declared, so logs and error details mask them (DESIGN §7).

/** Integer minor units of an ISO 4217 currency. */
export const MoneySchema = z.object({
  amount: z
    .number()
    .int('must be integer minor units')
    .positive('must be positive')
    .max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
});

/** A PKR amount (every Faysal credit and title fetch is in PKR). */
export const PkrSchema = MoneySchema.superRefine((money, context) => {
  if (money.currency !== 'PKR')
    context.addIssue({ code: 'custom', path: ['currency'], message: 'must be PKR' });
});

/** An IBAN (`PK`, mod-97) or a domestic account number (≤ 20 digits, or an `03XXXXXXXXX` wallet). */
export const AccountSchema = sensitive(
  z
    .string()
    .refine((value) => (value.startsWith('PK') ? isValidPakistanIban(value) : /^\d{1,20}$/.test(value)), {
      message: 'must be a valid Pakistani IBAN (PK + mod-97) or an account number of up to 20 digits',
    }),
  'account_number',
);

/** A CNIC: 13 digits or `12345-1234567-1`; normalised to 13 digits. */
export const CnicSchema = sensitive(
  z
    .string()
    .refine(isValidCnic, { message: 'must be 13 digits (dashes 5-7-1 allowed)' })
    .transform(normalizeCnic),
  'personal',
);

export const BankImdSchema = z.string().regex(/^\d{6}$/, 'must be a 6-digit IMD');
export const BankBicSchema = z
  .string()
  .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11');
export const PurposeCodeSchema = z.string().regex(/^\d{4}$/, 'must be a 4-digit purpose code');
export const RailSchema = z.enum(['AUTO', 'BOOK', 'RAAST', 'IBFT']);
export const ReferenceSchema = z
  .string()
  .min(1)
  .max(35)
  .regex(/^[A-Za-z0-9-]+$/, 'must be letters, digits and dashes');
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code');
export const MobileSchema = sensitive(z.string().regex(/^\+?\d{8,15}$/, 'must be 8–15 digits'), 'personal');
export const FxRateSchema = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,8})?$/, 'must be a decimal with at most 8 decimals');
