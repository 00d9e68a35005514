import type { z } from 'zod';
import { OutcomeUnknownError, type ResolutionAttempt, TransportError } from '../errors/families.js';
import { isWirebridgeError, type WirebridgeError } from '../errors/wirebridge-error.js';
import { delay } from '../resilience/deadline.js';
import type { OperationDefinition, Resolution, ResolutionContext, RunOperation } from './operation-types.js';

/** Default delays before each status inquiry after an unknown outcome. */
export const DEFAULT_RESOLUTION_DELAYS_MS: readonly number[] = [0, 1_000, 3_000];

interface ResolveArguments<TInputSchema extends z.ZodType, TOutputSchema extends z.ZodType> {
  operation: OperationDefinition<TInputSchema, TOutputSchema>;
  input: z.output<TInputSchema>;
  idempotencyKey: string | undefined;
  cause: WirebridgeError;
  signal: AbortSignal | undefined;
  /** The caller's per-attempt timeout (`CallOptions.timeoutMs`), when given. */
  timeoutMs: number | undefined;
  run: RunOperation;
  now: () => number;
}

/**
 * Learns the fate of a call whose outcome is unknown, and reports exactly one outcome (DESIGN §2 step 8, §4).
 *
 * Only a definitive answer from the resolver or the compensation settles it. A resolver error or fault is
 * inconclusive and ends in {@link OutcomeUnknownError}: never in a second send.
 */
export async function resolveUnknownOutcome<TInputSchema extends z.ZodType, TOutputSchema extends z.ZodType>(
  args: ResolveArguments<TInputSchema, TOutputSchema>,
): Promise<z.output<TOutputSchema>> {
  const { operation } = args;
  const attempts: ResolutionAttempt[] = [];
  let step = 0;
  const context = (): ResolutionContext<z.output<TInputSchema>> => ({
    operation: operation.name,
    vendor: operation.vendor,
    input: args.input,
    idempotencyKey: args.idempotencyKey,
    cause: args.cause,
    signal: args.signal,
    ...(args.timeoutMs === undefined ? {} : { timeoutMs: args.timeoutMs }),
    step: ++step,
    run: args.run,
  });

  if (operation.resolve) {
    for (const delayMs of operation.resolutionDelaysMs ?? DEFAULT_RESOLUTION_DELAYS_MS) {
      try {
        await delay(delayMs, args.signal);
      } catch {
        break; // the caller gave up waiting; what we know so far is reported below
      }
      const settled = await tryStep(() => operation.resolve!(context()), 'resolve', attempts, args);
      if (settled.done) return settled.value;
    }
  }
  if (operation.compensate && !args.signal?.aborted) {
    const settled = await tryStep(() => operation.compensate!(context()), 'compensate', attempts, args);
    if (settled.done) return settled.value;
  }
  throw new OutcomeUnknownError({
    message: `${operation.name}: the vendor may have processed the request; reconcile by its reference`,
    vendor: operation.vendor,
    operation: operation.name,
    ...(args.idempotencyKey === undefined
      ? {}
      : { idempotencyKey: args.idempotencyKey, reference: args.idempotencyKey }),
    attempts,
    cause: args.cause,
  });
}

async function tryStep<TInputSchema extends z.ZodType, TOutputSchema extends z.ZodType>(
  step: () => Promise<Resolution<z.output<TOutputSchema>>>,
  kind: ResolutionAttempt['kind'],
  attempts: ResolutionAttempt[],
  args: ResolveArguments<TInputSchema, TOutputSchema>,
): Promise<{ done: true; value: z.output<TOutputSchema> } | { done: false }> {
  let resolution: Resolution<z.output<TOutputSchema>>;
  try {
    resolution = await step();
  } catch (error) {
    attempts.push({
      kind,
      result: 'error',
      errorCode: isWirebridgeError(error) ? error.code : 'UNEXPECTED',
      at: args.now(),
    });
    return { done: false };
  }
  switch (resolution.status) {
    case 'completed': {
      const parsed = args.operation.output.safeParse(resolution.value);
      if (parsed.success) return { done: true, value: parsed.data };
      // A result we cannot read proves nothing either way.
      attempts.push({ kind, result: 'error', errorCode: 'PROTOCOL', at: args.now() });
      return { done: false };
    }
    case 'failed':
      throw resolution.error;
    case 'not_executed':
      // Definitive: nothing happened at the vendor. Retryable, so a keyed call is sent again with the
      // same reference; an unsafe call is handed back to the caller, who may repeat it.
      throw new TransportError({
        message: `${args.operation.name}: the vendor confirmed the request was not executed`,
        vendor: args.operation.vendor,
        operation: args.operation.name,
        ...(args.idempotencyKey === undefined ? {} : { idempotencyKey: args.idempotencyKey }),
        retryable: true,
        details: { resolvedBy: kind },
        cause: args.cause,
      });
    default:
      attempts.push({ kind, result: 'pending', at: args.now() });
      return { done: false };
  }
}
