import type { CallOptions } from '../call-options.js';
import type { VendorError } from '../errors/index.js';

/**
 * A mobile-phone charge or top-up to route to a provider (DESIGN §12). Carrier-billing fields serve Billgate,
 * the top-up fields vendors such as Ventaja; a provider validates the ones it needs and names any missing field
 * in a `ValidationError`.
 */
export interface MobileChargeRequest {
  /** The service's order id; one charge per order id at a provider. */
  orderId: string;
  /** The order's date, for providers that key orders per day. */
  orderDate?: Date;
  /** Integer minor units of `currency`. */
  amount: number;
  /** ISO 4217 code. */
  currency: string;
  /** Carrier billing: the authorization obtained in the payment window. */
  authorization?: string;
  /** Carrier billing: the provider's transaction id from the payment window. */
  providerTransactionId?: string;
  /** Top-up: the phone number to credit. */
  msisdn?: string;
  /** Top-up: ISO 3166 country of the phone number. */
  countryCode?: string;
  /** Top-up: the provider's product (denomination) code. */
  productCode?: string;
  /** Top-up: the mobile operator. */
  operator?: string;
}

/** A charge the provider accepted. */
export interface MobileChargeResult {
  provider: string;
  orderId: string;
  providerTransactionId: string;
  /** Integer minor units charged. */
  amount: number;
  currency: string;
  /** `pending` when the provider accepted the charge but completes it later; poll `status()`. */
  state: 'approved' | 'pending';
  approvedAt?: Date;
}

/** Where a charge stands at the provider. */
export interface MobileChargeState {
  state: 'approved' | 'pending' | 'partially_cancelled' | 'cancelled' | 'failed' | 'not_found' | 'unknown';
  amount?: number;
  providerTransactionId?: string;
  /** The provider's refusal, when `state` is `failed`. */
  error?: VendorError;
}

/** A cancel of an approved charge; without `amount`, the whole remaining amount. */
export interface MobileChargeCancelRequest {
  orderId: string;
  orderDate?: Date;
  providerTransactionId: string;
  /** Integer minor units to cancel; omitted for a full cancel. */
  amount?: number;
  currency: string;
}

/**
 * The routing capability for mobile charges (DESIGN §12). A definitive failure rejects with a `VendorError`, after
 * which a router may fail over with a fresh order id; an `OutcomeUnknownError` means the charge may exist, so a
 * router must not fail over and polls `status()` instead.
 */
export interface MobileChargeProvider {
  /** The provider's name, as routing and events report it. */
  readonly provider: string;
  /** Charges the phone for `request.orderId`; `state: 'pending'` means the provider completes it later. */
  charge(request: MobileChargeRequest, options?: CallOptions): Promise<MobileChargeResult>;
  /** Cancels an approved charge, fully or by `amount`; absent when the provider cannot cancel. */
  cancel?(
    request: MobileChargeCancelRequest,
    options?: CallOptions,
  ): Promise<{ cancelledAmount: number; providerTransactionId?: string }>;
  /** Looks up where the charge of `orderId` stands; `not_found` when the provider has no such order. */
  status(
    request: { orderId: string; orderDate?: Date; providerTransactionId?: string },
    options?: CallOptions,
  ): Promise<MobileChargeState>;
}
