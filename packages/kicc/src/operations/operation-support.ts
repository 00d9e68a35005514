import {
  type AttemptContext,
  type CodesTable,
  type DecodedReply,
  type HttpResponse,
  type Logger,
  type OperationDefinition,
  ProtocolError,
  type Resolution,
  type ResolutionContext,
  ValidationError,
} from '@wirebridge/core';
import type { z } from 'zod';
import { KICC_SUCCESS_CODE } from '../kicc-codes.js';
import type { ResolvedKiccConfig } from '../kicc-config.js';
import { KiccError } from '../kicc-error.js';
import { readKiccReply } from '../wire/kicc-codec.js';
import { generateIdempotencyKey } from '../wire/kicc-ids.js';
import { formatKst, parseKst } from '../wire/kicc-kst.js';
import type { KiccTransaction } from './kicc-schemas.js';

/** What every KICC operation factory receives from the client. */
export interface KiccOperationDependencies {
  config: ResolvedKiccConfig;
  /** The client's result-code table. */
  codes: CodesTable;
  /**
   * The table of money-moving keyed calls: `R101` (this `shopTransactionId` was already used today) means our
   * request, or an earlier send of it, executed; it goes to the resolver like a lost reply (spec §6).
   */
  keyedCodes: CodesTable;
  /** Redacting logger of the client. */
  logger: Logger;
}

/** The operation that resolvers use to look a keyed request up (`retrieveTransaction`). */
export type RetrieveOperation = OperationDefinition<
  z.ZodType<{ idempotencyKey: string; transactionDate: Date }>,
  z.ZodType<KiccTransaction>
>;

/**
 * Builds a decoder: the reply's `resCd` goes to the pipeline's code table; on `0000` the body is mapped by
 * `onSuccess` (which may throw a `SignatureError` or `ProtocolError`: the pipeline then resolves the outcome).
 */
export function kiccDecoder<TInput>(
  operation: string,
  onSuccess: (body: Record<string, unknown>, context: AttemptContext<TInput>) => unknown,
) {
  return (response: HttpResponse, context: AttemptContext<TInput>): DecodedReply => {
    const reply = readKiccReply(response, operation);
    if (reply.resCd !== KICC_SUCCESS_CODE) {
      return { code: reply.resCd, ...(reply.resMsg === undefined ? {} : { message: reply.resMsg }) };
    }
    try {
      return { code: reply.resCd, value: onSuccess(reply.body, context) };
    } catch (error) {
      // A reply field we cannot read (an impossible date) is the vendor's fault, never the caller's input: a
      // ProtocolError, which the pipeline retries (safe) or resolves (keyed) — DESIGN §3.
      if (error instanceof ValidationError) {
        throw new ProtocolError({
          message: `${operation}: the reply has an unreadable field`,
          vendor: 'kicc',
          operation,
          cause: error,
        });
      }
      throw error;
    }
  };
}

/**
 * The `shopTransactionId` of a keyed call: the input's, else the call option's, else a fresh one (spec §3).
 * Fixed once per call, so every retry and the resolver use the same key (DESIGN §4).
 */
export function keyedReference(prefix: string) {
  return (input: { idempotencyKey?: string | undefined }, callOptionKey: string | undefined): string => {
    if (input.idempotencyKey !== undefined) return input.idempotencyKey;
    if (callOptionKey !== undefined) {
      if (!/^[A-Za-z0-9_-]{1,60}$/.test(callOptionKey)) {
        throw new ValidationError({
          message: 'Invalid call options: idempotencyKey',
          vendor: 'kicc',
          issues: [
            {
              path: 'options.idempotencyKey',
              message: 'must be 1–60 of [A-Za-z0-9_-]',
              code: 'invalid_format',
            },
          ],
        });
      }
      return callOptionKey;
    }
    return generateIdempotencyKey(prefix);
  };
}

/** The KST date of today per the client clock. */
export function kstToday(config: ResolvedKiccConfig): string {
  return formatKst(config.clock(), 'yyyyMMdd');
}

/**
 * The resolver of every keyed KICC call (spec §2 "Outcome rules"): `retrieveTransaction(shopTransactionId,
 * KST date of attempt 1)`. Found → `accept` decides. KICC's not-found on an early attempt → ask again later
 * (the request may still be in flight); on the **last** attempt → never executed, so the pipeline resends once
 * with the same key — but only on the same KST day (after midnight the key may be reused by KICC's per-day
 * uniqueness, so the call ends in `OutcomeUnknownError`). Any other error is inconclusive (DESIGN §3).
 */
export function createRetrieveResolver<TInput extends { requestDate: string }, TOutput>(
  dependencies: KiccOperationDependencies,
  retrieve: RetrieveOperation,
  accept: (found: KiccTransaction, context: ResolutionContext<TInput>) => Resolution<TOutput>,
) {
  return async (context: ResolutionContext<TInput>): Promise<Resolution<TOutput>> => {
    const idempotencyKey = context.idempotencyKey;
    if (idempotencyKey === undefined) return { status: 'pending' };
    let found: KiccTransaction;
    try {
      found = await context.run(
        retrieve,
        { idempotencyKey, transactionDate: parseKst(context.input.requestDate) },
        {
          maxAttempts: 1,
          ...(context.signal ? { signal: context.signal } : {}),
          ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
        },
      );
    } catch (error) {
      if (error instanceof KiccError && error.category === 'not_found') {
        const lastAttempt = context.step >= dependencies.config.resolverDelaysMs.length;
        if (!lastAttempt) return { status: 'pending' };
        if (kstToday(dependencies.config) !== context.input.requestDate) return { status: 'pending' };
        return { status: 'not_executed' };
      }
      throw error;
    }
    return accept(found, context);
  };
}
