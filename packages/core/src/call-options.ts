/** Per-call options accepted by every operation (DESIGN §12). */
export interface CallOptions {
  /** Cancels the call. If it fires after the request was written the outcome is resolved, not guessed. */
  signal?: AbortSignal;
  /** Per-attempt timeout in milliseconds. @default the operation's documented figure, else 3 000 */
  timeoutMs?: number;
  /** Upper bound on attempts for `safe`/`keyed` operations; `unsafe` ones are sent once, always. @default 3 */
  maxAttempts?: number;
  /**
   * Reference the vendor deduplicates on (KICC `shopTransactionId`, Ventaja `agentRefNo`, …). Reuse the
   * same key to repeat a call safely. @default minted by the operation when omitted
   */
  idempotencyKey?: string;
}

/** An amount of money in integer minor units (DESIGN §12). */
export interface Money {
  /** Integer minor units (cents, won, fils). Never a float. */
  amount: number;
  /** ISO 4217 alphabetic code, e.g. `KRW`. */
  currency: string;
}
