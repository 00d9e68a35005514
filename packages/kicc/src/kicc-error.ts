import { registerFamily, VendorError, type VendorErrorOptions } from '@wirebridge/core';

/** Options of {@link KiccError}. */
export interface KiccErrorOptions extends VendorErrorOptions {
  /** The KICC transaction id (`pgCno`) the request was about, when known. */
  transactionId?: string;
  /** HTTP status of the reply, when it was not 200. */
  httpStatus?: number;
}

/**
 * KICC answered with a non-success `resCd` (spec §6). Branch on `category` and `retryable`; `vendorCode` is
 * the `resCd`, `idempotencyKey` the request's `shopTransactionId`.
 */
export class KiccError extends VendorError {
  /** The KICC transaction id (`pgCno`) the request was about, when known. */
  readonly transactionId?: string;
  /** HTTP status of the reply, when it was not 200. */
  readonly httpStatus?: number;
  constructor(options: KiccErrorOptions) {
    super({ ...options, vendor: options.vendor ?? 'kicc' });
    if (options.transactionId !== undefined) this.transactionId = options.transactionId;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), transactionId: this.transactionId, httpStatus: this.httpStatus };
  }
}
registerFamily(KiccError, 'KiccError');
