import { z } from 'zod';

/** A top-up in SDK terms (spec §11 `Topup`). */
export const topupSchema = z.object({
  agentRefNo: z.string(),
  transactionNumber: z.string().optional(),
  referenceNumber: z.string().optional(),
  telcoReference: z.string().optional(),
  status: z.enum(['succeeded', 'pending', 'failed']),
  enteredAt: z.date().optional(),
  resolvedBy: z.enum(['reply', 'inquiry']).optional(),
  raw: z.unknown(),
});
