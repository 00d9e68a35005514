import { z } from 'zod';
import { RESERVED_BILL_FIELDS } from '../wire/ventaja-codec.js';
import {
  accountNumber,
  agentRefNo,
  billerCode,
  holderName,
  pesoAmount,
  type VentajaOperationKit,
} from './operation-kit.js';

/** `bills.validate` / `bills.pay` input (spec §4.3); `agentRefNo` is filled in by the client when absent. */
export function billInputSchema(kit: VentajaOperationKit) {
  return z.object({
    billerCode,
    accountNumber,
    identifier: holderName,
    amount: pesoAmount,
    agentRefNo: agentRefNo(kit),
    extra: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
        z.union([z.string().max(200), z.number().finite()]),
      )
      .refine((extra) => Object.keys(extra).every((key) => !RESERVED_BILL_FIELDS.has(key)), {
        message: 'may not replace billerCode, accountNumber, identifier, amount or agentRefNo',
      })
      .optional(),
  });
}

/** A bills record in SDK terms (spec §11 `BillPayment`). */
export const billPaymentSchema = z.object({
  agentRefNo: z.string(),
  transactionNumber: z.string(),
  referenceNumber: z.string(),
  enteredAt: z.date(),
  status: z.enum(['posted', 'pending', 'cancelled', 'rejected']),
  remarks: z.string().optional(),
  resolvedBy: z.enum(['reply', 'inquiry']).optional(),
  raw: z.unknown(),
});

/** Free-form details of `validate`, `pulldata` and `receipt` (spec §4.3, **Modelled**). */
export const detailsSchema = z.object({ details: z.record(z.string(), z.unknown()), raw: z.unknown() });
