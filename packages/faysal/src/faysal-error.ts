import { registerFamily, VendorError, type VendorErrorOptions } from '@wirebridge/core';

/** Options of {@link FaysalError}. */
export interface FaysalErrorOptions extends Omit<VendorErrorOptions, 'vendor'> {
  /** The bank's reference of the transaction, when known (e.g. a credit still pending at the resolver deadline). */
  bankReference?: string;
  /** Milliseconds the bank asked to wait before retrying (`-32004`). */
  retryAfterMs?: number;
}

/**
 * Faysal answered with a non-success code (spec §6). `vendor` is `'faysal'`; `vendorCode` is the 4-digit
 * `responseCode`, or `rpc:<code>` for a JSON-RPC error without `data.responseCode`. Branch on `category` and
 * `retryable`, never on the message.
 */
export class FaysalError extends VendorError {
  readonly bankReference?: string;
  readonly retryAfterMs?: number;
  constructor(options: FaysalErrorOptions) {
    super({ ...options, vendor: 'faysal' });
    if (options.bankReference !== undefined) this.bankReference = options.bankReference;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), bankReference: this.bankReference, retryAfterMs: this.retryAfterMs };
  }
}
registerFamily(FaysalError, 'FaysalError');
