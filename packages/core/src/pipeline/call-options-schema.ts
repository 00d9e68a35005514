import { z } from 'zod';

/** Validates {@link CallOptions} so a typo'd timeout fails before any I/O, like bad input does. */
export const callOptionsSchema = z
  .object({
    signal: z.instanceof(AbortSignal).optional(),
    timeoutMs: z.number().int().positive().max(600_000).optional(),
    maxAttempts: z.number().int().min(1).max(10).optional(),
    idempotencyKey: z.string().min(1).max(128).optional(),
  })
  .optional();
