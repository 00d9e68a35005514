import type { CallOptions, VendorErrorCategory } from '@wirebridge/core';

/** Identifies an order: its `orderId` and the `orderTime` (wire `txnTime`) it was sent with. */
export interface OrderRef {
  orderId: string;
  orderTime: Date;
}

/** Options of money-moving calls. */
export interface MoneyCallOptions extends CallOptions {
  /** After a sync `accepted`, run the query schedule until the result is final. @default false */
  waitForFinal?: boolean;
}

/** Result of void, refund and payout. `accepted` is not final: the result comes by notification or query. */
export interface MoneyResult {
  orderId: string;
  orderTime: Date;
  status: 'accepted' | 'succeeded';
  queryId?: string;
  vendorCode: string;
  vendorMessage: string;
}

/** A transaction as `payments.query` / `payouts.query` report it. */
export interface UnionPayTransaction {
  orderId: string;
  orderTime: Date;
  queryId?: string;
  status: 'succeeded' | 'failed' | 'pending';
  amount?: number;
  currency?: 'CNY';
  settlementDate?: Date;
  traceNumber?: string;
  failure?: { category: VendorErrorCategory; vendorCode: string; vendorMessage: string };
  raw: Readonly<Record<string, string>>;
}

/** A signed front (browser) payment form. */
export interface FrontForm {
  action: string;
  fields: Readonly<Record<string, string>>;
  html: string;
  orderId: string;
  orderTime: Date;
}

/** The inbound back notification as an event (spec §7). */
export interface UnionPayNotificationEvent {
  type: 'transaction.result';
  kind: 'payment' | 'void' | 'refund' | 'payout' | 'card_verification' | 'other';
  orderId: string;
  orderTime: Date;
  queryId?: string;
  status: 'succeeded' | 'failed' | 'pending';
  amount?: number;
  currency?: 'CNY';
  settlementDate?: Date;
  traceNumber?: string;
  vendorCode: string;
  vendorMessage: string;
  passthrough?: string;
  maskedPan?: string;
  dedupeKey: string;
  raw: Readonly<Record<string, string>>;
}
