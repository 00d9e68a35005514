import type { z } from 'zod';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import type { CodesTable } from './codes.js';

/**
 * How an operation may be repeated (DESIGN §4):
 * - `safe`: no side effect (inquiries); retried on transient errors.
 * - `keyed`: carries a vendor-recognised unique reference; retries reuse it, so the vendor deduplicates.
 * - `unsafe`: never retried blindly; a lost reply is resolved (status inquiry) or compensated (cancel).
 */
export type IdempotencyClass = 'safe' | 'keyed' | 'unsafe';

/** What the wire layer read from a vendor reply: the result code and the raw value to validate. */
export interface DecodedReply {
  /** The vendor's result code, verbatim (looked up in the operation's codes table). */
  code: string;
  /** The vendor's message for that code, verbatim. */
  message?: string;
  /** The operation result before output validation (only read when the code means success). */
  value?: unknown;
}

/** What every stage and wire function of one attempt can see. */
export interface AttemptContext<TInput = unknown> {
  /** Fully qualified operation name, e.g. `kicc.virtualAccounts.issue`. */
  readonly operation: string;
  readonly vendor: string;
  /** The validated input. */
  readonly input: TInput;
  /** The reference reused by every attempt of this call (undefined for `safe` operations without one). */
  readonly idempotencyKey: string | undefined;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
  /** Per-attempt timeout the transport must enforce. */
  readonly timeoutMs: number;
  /** Scratch space for stages of this attempt (a signing nonce, a captured raw response). */
  readonly state: Map<string, unknown>;
}

/** The data one attempt carries from stage to stage. */
export interface Exchange {
  /** Built by `encode` (and possibly rewritten by a signing stage); what the transport sends. */
  request?: unknown;
  /** What the transport returned; read by verifying and decoding stages. */
  response?: unknown;
  /** Set by `decode`. */
  reply?: DecodedReply;
}

/**
 * One named step of an attempt. The defaults are `encode` → `transport` → `decode`; a vendor inserts
 * its own (say `sign` after `encode`, or `verify` before `decode`) without touching core (DESIGN §2).
 */
export interface Stage {
  readonly name: string;
  /** Runs this step of one attempt, reading and writing the shared `exchange`; a throw fails the attempt. */
  run(exchange: Exchange, context: AttemptContext): Promise<void> | void;
}

/** Where to put an extra stage. */
export type StageInsertion = { before: string; stage: Stage } | { after: string; stage: Stage };

/** What a resolver or compensation learnt about a call whose outcome was unknown. */
export type Resolution<TOutput> =
  /** The request was executed and this is its result (validated against the output schema). */
  | { status: 'completed'; value: TOutput }
  /** The request was executed and failed definitively (or was reversed by compensation). */
  | { status: 'failed'; error: WirebridgeError }
  /** A definitive not-found: the vendor never executed it. Only then may a `keyed` call be sent again. */
  | { status: 'not_executed' }
  /** The vendor has not decided yet: ask again later. */
  | { status: 'pending' };

/** Context of a resolver or compensation call. */
export interface ResolutionContext<TInput> {
  readonly operation: string;
  readonly vendor: string;
  readonly input: TInput;
  readonly idempotencyKey: string | undefined;
  /** Why the outcome is unknown (a timeout after write, a reset, an unreadable or pending reply). */
  readonly cause: WirebridgeError;
  readonly signal: AbortSignal | undefined;
  /**
   * The caller's per-attempt timeout (`CallOptions.timeoutMs`) when the call set one: pass it to the inquiries
   * run here so resolution keeps to the caller's deadline instead of each inquiry's own default (DESIGN §5).
   */
  readonly timeoutMs?: number;
  /** 1-based number of this resolution step. */
  readonly step: number;
  /** Runs another operation (the status inquiry) through the same client pipeline. */
  readonly run: RunOperation;
}

/** Runs one operation through a client's pipeline. */
export type RunOperation = <TInputSchema extends z.ZodType, TOutputSchema extends z.ZodType>(
  operation: OperationDefinition<TInputSchema, TOutputSchema>,
  input: z.input<TInputSchema>,
  options?: import('../call-options.js').CallOptions,
) => Promise<z.output<TOutputSchema>>;

/** The declaration of one vendor operation: data and pure functions, no I/O of its own (STYLE). */
export interface OperationDefinition<
  TInputSchema extends z.ZodType = z.ZodType,
  TOutputSchema extends z.ZodType = z.ZodType,
> {
  /** `<vendor>.<resource>.<action>`; the vendor is the first segment. */
  readonly name: string;
  readonly vendor: string;
  readonly input: TInputSchema;
  readonly output: TOutputSchema;
  readonly idempotency: IdempotencyClass;
  /** Per-attempt timeout. @default the client's default (3 000 ms for safe calls) */
  readonly timeoutMs?: number;
  /**
   * The reference the vendor deduplicates on, derived from the input or the caller's idempotencyKey.
   * @default the caller's `idempotencyKey`, else a fresh UUID for `keyed`/`unsafe` operations
   */
  readonly reference?: (input: z.output<TInputSchema>, idempotencyKey: string | undefined) => string;
  /** Builds the request the transport sends (wire layer). */
  readonly encode: (
    input: z.output<TInputSchema>,
    context: AttemptContext<z.output<TInputSchema>>,
  ) => unknown;
  /** Reads the transport's response into a result code and raw value (wire layer). */
  readonly decode: (
    response: never,
    context: AttemptContext<z.output<TInputSchema>>,
  ) => DecodedReply | Promise<DecodedReply>;
  readonly codes: CodesTable;
  /** Status inquiry run when the outcome is unknown. */
  readonly resolve?: (
    context: ResolutionContext<z.output<TInputSchema>>,
  ) => Promise<Resolution<z.output<TOutputSchema>>>;
  /** Reversal (network cancel) run when the resolver is absent or inconclusive. */
  readonly compensate?: (
    context: ResolutionContext<z.output<TInputSchema>>,
  ) => Promise<Resolution<z.output<TOutputSchema>>>;
  /**
   * Delay before each resolver call; its length bounds the number of calls. Use the vendor's documented
   * schedule where there is one. @default [0, 1_000, 3_000]
   */
  readonly resolutionDelaysMs?: readonly number[];
  /** Extra stages for this operation only. */
  readonly stages?: readonly StageInsertion[];
}
