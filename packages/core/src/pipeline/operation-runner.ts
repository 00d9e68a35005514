import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CallOptions } from '../call-options.js';
import { AbortedError, OutcomeUnknownError, ProtocolError, SignatureError } from '../errors/families.js';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import {
  type CallEvent,
  type CallEventListener,
  createEventLogger,
  createRedactingLogger,
  type Logger,
  silentLogger,
} from '../observability/index.js';
import type { BackoffOptions } from '../resilience/backoff.js';
import { Bulkhead, type BulkheadOptions } from '../resilience/bulkhead.js';
import { CircuitBreakerRegistry } from '../resilience/circuit-breaker-registry.js';
import { DEFAULT_TIMEOUT_MS } from '../resilience/deadline.js';
import { DEFAULT_MAX_ATTEMPTS, executeWithRetry } from '../resilience/retry.js';
import { codeOf, eventOf } from './attempt-events.js';
import { classify, mayHaveBeenProcessed, type Phase } from './attempt-failure.js';
import { callOptionsSchema } from './call-options-schema.js';
import type {
  AttemptContext,
  Exchange,
  OperationDefinition,
  Stage,
  StageInsertion,
} from './operation-types.js';
import { resolveUnknownOutcome } from './resolve-outcome.js';
import { insertStages } from './stages.js';
import { parseOrThrow, parseResultOrThrow } from './validate.js';

/** Sends what `encode` built. Must enforce `timeoutMs` and classify failures by whether bytes were written (DESIGN §3). */
export interface Transport<TRequest = unknown, TResponse = unknown> {
  /** Sends one encoded request and resolves with the vendor's raw response; rejects on timeout or `signal` abort. */
  send(request: TRequest, options: { signal?: AbortSignal; timeoutMs: number }): Promise<TResponse>;
  /** Releases connections and sockets; called by {@link OperationRunner.close}. */
  close?(): Promise<void>;
}

/** Options of {@link createOperationRunner}: what one vendor client shares between its operations. */
export interface OperationRunnerOptions {
  /** Vendor name used for breakers, bulkhead and events. */
  vendor: string;
  /** The client's transport. */
  transport: Transport;
  /** Per-attempt timeout when neither the call nor the operation sets one. @default 3_000 */
  defaultTimeoutMs?: number;
  /** Retry attempts and backoff for `safe`/`keyed` operations. @default 3 attempts, 100 ms base, 5 s cap */
  retry?: BackoffOptions & { maxAttempts?: number };
  /** Circuit breakers; share one registry across clients to see all circuits in one place. @default a new registry */
  breakers?: CircuitBreakerRegistry;
  /** Picks the circuit of a call (`coocon:jeonbuk`). @default the vendor name */
  circuitName?: (call: { operation: string; input: unknown }) => string;
  /** Concurrency limit of this client. @default 30 in flight, 100 queued */
  bulkhead?: BulkheadOptions;
  /** Structured logger; events are logged redacted. @default silent */
  logger?: Logger;
  /** Called with one event per attempt (metrics, router statistics). */
  onEvent?: CallEventListener;
  /** Stages inserted into every operation of this client (a vendor's signing step). */
  stages?: readonly StageInsertion[];
  /** Clock for event timestamps. @default Date.now */
  now?: () => number;
}

/** Runs declared operations through the one call pipeline of DESIGN §2. */
export interface OperationRunner {
  /**
   * Validates `input` and `options`, then runs the operation under bulkhead, breaker and retry; resolves with the
   * output-schema result, or throws a `WirebridgeError` (`OutcomeUnknownError` when the outcome stays unresolved).
   */
  run<TInputSchema extends z.ZodType, TOutputSchema extends z.ZodType>(
    operation: OperationDefinition<TInputSchema, TOutputSchema>,
    input: z.input<TInputSchema>,
    options?: CallOptions,
  ): Promise<z.output<TOutputSchema>>;
  /** The circuit breakers this runner uses. */
  readonly breakers: CircuitBreakerRegistry;
  /** Releases the transport (agents, sockets). */
  close(): Promise<void>;
}

/** Creates the pipeline a vendor client runs its operations through. */
export function createOperationRunner(options: OperationRunnerOptions): OperationRunner {
  const breakers = options.breakers ?? new CircuitBreakerRegistry();
  const bulkhead = new Bulkhead({ name: options.vendor, ...options.bulkhead });
  const now = options.now ?? Date.now;
  const listeners: CallEventListener[] = [];
  if (options.logger && options.logger !== silentLogger) {
    listeners.push(createEventLogger(createRedactingLogger(options.logger)));
  }
  if (options.onEvent) listeners.push(options.onEvent);

  const baseStages: Stage[] = [
    {
      name: 'encode',
      run: async (exchange, context) => {
        exchange.request = await currentOperation(context).encode(context.input, context);
      },
    },
    {
      name: 'transport',
      run: async (exchange, context) => {
        exchange.response = await options.transport.send(exchange.request, {
          timeoutMs: context.timeoutMs,
          ...(context.signal ? { signal: context.signal } : {}),
        });
      },
    },
    {
      name: 'decode',
      run: async (exchange, context) => {
        exchange.reply = await currentOperation(context).decode(exchange.response as never, context);
      },
    },
  ];
  const clientStages = insertStages(baseStages, options.stages ?? []);

  const emit = (event: CallEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A failing metrics hook must never change the outcome of a payment.
      }
    }
  };

  /**
   * One call through the pipeline. `holdsSlot` is set for the status inquiries and reversals of an unknown-outcome
   * resolution: they run inside the slot of the call they resolve, because taking a second slot deadlocks a full
   * bulkhead — N calls resolving at once would each wait for an inquiry slot that only they can free.
   */
  async function runCall(
    operation: OperationDefinition,
    rawInput: unknown,
    callOptions: CallOptions | undefined,
    holdsSlot: boolean,
  ): Promise<unknown> {
    // 1. validate: nothing is sent for bad input or bad options.
    const subject = { vendor: operation.vendor, operation: operation.name };
    parseOrThrow(callOptionsSchema, callOptions, `call options of ${operation.name}`, {
      ...subject,
      prefix: 'options',
    });
    const input = parseOrThrow(operation.input, rawInput, `input of ${operation.name}`, subject);
    if (callOptions?.signal?.aborted) {
      throw new AbortedError({ message: `${operation.name}: aborted before sending`, ...subject });
    }
    // 2. idempotency: one reference for every attempt of this call.
    const idempotencyKey = referenceFor(operation, input, callOptions?.idempotencyKey);
    const stages = insertStages(clientStages, operation.stages ?? []);
    const timeoutMs =
      callOptions?.timeoutMs ?? operation.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxAttempts =
      operation.idempotency === 'unsafe'
        ? 1
        : (callOptions?.maxAttempts ?? options.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    const circuit = options.circuitName?.({ operation: operation.name, input }) ?? options.vendor;

    const attemptOnce = async (attempt: number) => {
      const startedAt = now();
      const context: AttemptContext = {
        operation: operation.name,
        vendor: operation.vendor,
        input,
        idempotencyKey,
        attempt,
        signal: callOptions?.signal,
        timeoutMs,
        state: new Map<string, unknown>([[operationKey, operation]]),
      };
      try {
        const value = await runAttempt(context);
        emit(eventOf(context, startedAt, now(), 'success', value.code, value.resolved));
        return value.result;
      } catch (error) {
        const failure = error as WirebridgeError;
        const outcome = failure instanceof OutcomeUnknownError ? 'unknown' : 'failure';
        emit(eventOf(context, startedAt, now(), outcome, codeOf(failure)));
        throw failure;
      }
    };

    // 4–8 for one attempt: encode → transport → decode (plus any inserted stages), then code mapping.
    const runAttempt = async (
      context: AttemptContext,
    ): Promise<{ result: z.output<typeof operation.output>; code?: string; resolved?: boolean }> => {
      const exchange: Exchange = {};
      let phase: Phase = 'before_send';
      try {
        for (const stage of stages) {
          if (stage.name === 'transport') phase = 'sending';
          await stage.run(exchange, context);
          if (stage.name === 'transport') phase = 'received';
        }
        const reply = exchange.reply;
        if (!reply)
          throw new ProtocolError({ message: `${operation.name}: no reply was decoded`, ...subject });
        // 7. map the vendor's result code.
        const meaning = operation.codes.lookup(reply.code);
        if (meaning.outcome === 'success') {
          return { result: parseResultOrThrow(operation.output, reply.value, subject), code: reply.code };
        }
        if (meaning.outcome === 'pending') {
          throw new OutcomeUnknownError({
            message: `${operation.name}: the vendor reported the request as pending (${reply.code})`,
            ...subject,
            details: { vendorCode: reply.code },
          });
        }
        throw operation.codes.createError({
          ...subject,
          category: meaning.category,
          retryable: meaning.retryable,
          vendorCode: reply.code,
          ...(reply.message === undefined ? {} : { vendorMessage: reply.message }),
          ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
        });
      } catch (error) {
        const failure = classify(error, phase, subject);
        if (!mayHaveBeenProcessed(failure, phase)) throw failure;
        // 8. unknown outcome: a safe call is simply retryable; a money-moving one is resolved.
        if (operation.idempotency === 'safe') {
          if (failure instanceof SignatureError) throw failure;
          throw new ProtocolError({
            message: `${operation.name}: no usable reply`,
            ...subject,
            retryable: true,
            cause: failure,
          });
        }
        return {
          result: await resolveUnknownOutcome({
            operation,
            input,
            idempotencyKey,
            cause: failure,
            signal: callOptions?.signal,
            timeoutMs: callOptions?.timeoutMs,
            run: runInsideSlot,
            now,
          }),
          resolved: true,
        };
      }
    };

    // 3. policies: bulkhead → circuit breaker → retry (safe/keyed only) → per-attempt timeout in the transport.
    const guarded = () =>
      breakers.execute(circuit, () =>
        executeWithRetry(attemptOnce, {
          ...options.retry,
          maxAttempts,
          ...(callOptions?.signal ? { signal: callOptions.signal } : {}),
        }),
      );
    return holdsSlot ? guarded() : bulkhead.execute(guarded);
  }

  const runInsideSlot = ((operation, input, callOptions) =>
    runCall(operation as never, input, callOptions, true)) as OperationRunner['run'];

  const runner: OperationRunner = {
    breakers,
    run: ((operation, input, callOptions) =>
      runCall(operation as never, input, callOptions, false)) as OperationRunner['run'],
    async close() {
      await options.transport.close?.();
    },
  };
  return runner;
}

/** Key under which the running operation is kept in the attempt state (stages are shared by operations). */
const operationKey = 'wirebridge.operation';

function currentOperation(context: AttemptContext): OperationDefinition {
  return context.state.get(operationKey) as OperationDefinition;
}

function referenceFor(operation: OperationDefinition, input: unknown, idempotencyKey: string | undefined) {
  if (operation.reference) return operation.reference(input as never, idempotencyKey);
  if (idempotencyKey !== undefined) return idempotencyKey;
  return operation.idempotency === 'safe' ? undefined : randomUUID();
}
