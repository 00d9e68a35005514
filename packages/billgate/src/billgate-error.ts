import {
  OutcomeUnknownError,
  type ResolutionAttempt,
  registerFamily,
  VendorError,
  type VendorErrorOptions,
} from '@wirebridge/core';

/** Options of {@link BillgateError}. */
export interface BillgateErrorOptions extends VendorErrorOptions {
  /** Tag 1009 (DETAIL_RESPONSE_CODE). */
  detailCode?: string;
  /** Tag 1010 (DETAIL_RESPONSE_MESSAGE). */
  detailMessage?: string;
  /** True when the SDK reversed the charge with a network cancel (9100): nothing is charged. @default false */
  compensated?: boolean;
}

/**
 * Billgate answered with a non-success code, or the SDK settled an unknown outcome definitively (spec §6).
 * `vendorCode` = tag 1002, `vendorMessage` = 1003. Callers branch on `category`, `retryable` and `compensated`.
 */
export class BillgateError extends VendorError {
  /** Tag 1009. */
  readonly detailCode?: string;
  /** Tag 1010. */
  readonly detailMessage?: string;
  /** True when a network cancel reversed the charge: nothing was charged (spec §2.1 step 5). */
  readonly compensated: boolean;

  constructor(options: BillgateErrorOptions) {
    super({ ...options, vendor: options.vendor ?? 'billgate' });
    if (options.detailCode !== undefined) this.detailCode = options.detailCode;
    if (options.detailMessage !== undefined) this.detailMessage = options.detailMessage;
    this.compensated = options.compensated ?? false;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      detailCode: this.detailCode,
      detailMessage: this.detailMessage,
      compensated: this.compensated,
    };
  }
}
registerFamily(BillgateError, 'BillgateError');

/** The network cancel a reconciliation job must still send (spec §2.1 step 5). */
export interface PendingCompensation {
  command: '9100';
  orderId: string;
  /** `YYYYMMDDhhmmss` KST, as sent in the header. */
  orderDate: string;
  transactionId: string;
}

/**
 * An approval whose outcome stays unknown after every network cancel failed. It is an `OutcomeUnknownError`
 * (so `instanceof OutcomeUnknownError` holds) that also carries the cancel still to send.
 */
export class BillgateOutcomeUnknownError extends OutcomeUnknownError {
  /** The 9100 a reconciliation job must send. */
  readonly pendingCompensation: PendingCompensation;
  constructor(options: {
    message: string;
    operation?: string;
    reference?: string;
    attempts?: readonly ResolutionAttempt[];
    pendingCompensation: PendingCompensation;
    cause?: unknown;
  }) {
    super({
      ...options,
      vendor: 'billgate',
      details: { pendingCompensation: options.pendingCompensation },
    });
    this.pendingCompensation = options.pendingCompensation;
  }
}
registerFamily(BillgateOutcomeUnknownError, 'BillgateOutcomeUnknownError');
