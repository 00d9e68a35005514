/*
 * Everything in the KICC contract that is **Modelled** (spec §1): our own documented contract, to be reconciled
 * with KICC's integration document at onboarding. Each piece can be overridden through client options
 * (`paths`, `resultCodes`, `byteLengthMode`, `refundCodes`) without a new release.
 */
import type { VendorErrorCategory } from '@wirebridge/core';
import type { ByteLengthMode } from './kicc-text.js';

/** Default paths of the two Modelled endpoints (spec §4.1, §4.5). */
export const modelledPaths = Object.freeze({
  issueVirtualAccount: '/api/trades/approval/virtualAccount',
  retrieveVirtualAccount: '/api/trades/retrieveVirtualAccount',
});

/** Modelled `R…` result codes used by the simulator and the default table (spec §6). */
export const modelledResultCodes: Readonly<
  Record<string, { category: VendorErrorCategory; retryable: boolean }>
> = Object.freeze({
  R101: { category: 'duplicate', retryable: false },
  R102: { category: 'duplicate', retryable: false },
  R201: { category: 'not_found', retryable: false },
  R202: { category: 'duplicate', retryable: false },
  R203: { category: 'invalid_request', retryable: false },
  R204: { category: 'invalid_request', retryable: false },
  R301: { category: 'authentication', retryable: false },
  R302: { category: 'authentication', retryable: false },
  R401: { category: 'invalid_request', retryable: false },
  R501: { category: 'unavailable', retryable: true },
  R999: { category: 'unknown', retryable: false },
});

/** The Modelled codes the SDK itself branches on (resolver, bulk mapping). */
export const modelledCodes = Object.freeze({
  duplicateTransactionId: 'R101',
  notFound: 'R201',
  alreadyClosed: 'R202',
  alreadyDeposited: 'R203',
});

/** Default byte-length counting of free text (spec §3, Modelled). */
export const defaultByteLengthMode: ByteLengthMode = 'euc-kr';

/** A refund mode of {@link RefundCodeTable}. */
export type RefundMode = 'settlement' | 'realtime_verified' | 'realtime_unverified';

/** Wire codes of one refund: `reviseTypeCode` and `reviseSubTypeCode`. */
export interface ReviseCodes {
  reviseTypeCode: string;
  reviseSubTypeCode: string;
}

/** Refund mode × full/partial → wire codes (spec §4.3.1, Modelled mapping on Sourced codes). */
export type RefundCodeTable = Readonly<Record<RefundMode, { full: ReviseCodes; partial: ReviseCodes }>>;

/** The default {@link RefundCodeTable}. */
export const defaultRefundCodes: RefundCodeTable = Object.freeze({
  settlement: {
    full: { reviseTypeCode: '60', reviseSubTypeCode: 'RF01' },
    partial: { reviseTypeCode: '62', reviseSubTypeCode: 'RF01' },
  },
  realtime_verified: {
    full: { reviseTypeCode: '63', reviseSubTypeCode: '10' },
    partial: { reviseTypeCode: '63', reviseSubTypeCode: '11' },
  },
  realtime_unverified: {
    full: { reviseTypeCode: '63', reviseSubTypeCode: '20' },
    partial: { reviseTypeCode: '63', reviseSubTypeCode: '21' },
  },
});

/** `reviseTypeCode` of the cancel of an unpaid VA (spec §1: endpoint Sourced, VA semantics Modelled). */
export const cancelReviseTypeCode = '40';

/** `kind` of an issue → `accountTypeCode` (spec §4.1, EP8 `vacct_txtype`). */
export const accountTypeCodes = Object.freeze({ one_time: '10', fixed: '20', fixed_renewal: '22' });

/** What the SDK's issue operation hands to {@link encodeIssueRequest}. */
export interface IssueRequestFields {
  merchantId: string;
  idempotencyKey: string;
  requestDate: string;
  orderNumber: string;
  amount: number;
  bankCode: string;
  kind: keyof typeof accountTypeCodes;
  fixedAccountNumber?: string | undefined;
  expiryDate: string;
  holderName?: string | undefined;
  itemName: string;
  customer?: { id?: string; name?: string; email?: string; phone?: string } | undefined;
  merchantValues?: readonly string[] | undefined;
  cashReceipt?: { issueTypeCode: string; authTypeCode: string; authValue: string } | undefined;
  clientIp?: string | undefined;
}

/** The Modelled issue request body (spec §4.1); `undefined` fields are left out by JSON serialization. */
export function encodeIssueRequest(fields: IssueRequestFields): Record<string, unknown> {
  return {
    mallId: fields.merchantId,
    shopTransactionId: fields.idempotencyKey,
    shopOrderNo: fields.orderNumber,
    approvalReqDate: fields.requestDate,
    amount: fields.amount,
    currency: '00',
    payMethodTypeCode: '22',
    clientIp: fields.clientIp,
    orderInfo: {
      goodsName: fields.itemName,
      customerInfo: encodeCustomer(fields.customer),
    },
    payMethodInfo: {
      virtualAccountMethodInfo: {
        bankCode: fields.bankCode,
        accountTypeCode: accountTypeCodes[fields.kind],
        fixedAccountNo: fields.fixedAccountNumber,
        expiryDate: fields.expiryDate,
        depositName: fields.holderName,
      },
    },
    cashReceiptInfo: fields.cashReceipt,
    shopValueInfo: encodeMerchantValues(fields.merchantValues),
  };
}

/** `customer` → `customerInfo` (shared with the Sourced `webpay` request). */
export function encodeCustomer(
  customer: IssueRequestFields['customer'],
): Record<string, string | undefined> | undefined {
  if (!customer) return undefined;
  return {
    customerId: customer.id,
    customerName: customer.name,
    customerMail: customer.email,
    customerContactNo: customer.phone,
  };
}

/** `merchantValues[0..6]` → `shopValueInfo.value1…value7`. */
export function encodeMerchantValues(
  values: readonly string[] | undefined,
): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  return Object.fromEntries(values.map((value, index) => [`value${index + 1}`, value]));
}

/** The Modelled VA inquiry body (spec §4.5). */
export function encodeInquiryRequest(merchantId: string, transactionId: string): Record<string, unknown> {
  return { mallId: merchantId, pgCno: transactionId };
}

/** SDK status of a VA (spec §4.6, Modelled mapping). */
export type VirtualAccountStatus = 'awaiting_deposit' | 'deposited' | 'cancelled' | 'expired' | 'unknown';

/**
 * `statusCode` → status (spec §4.6): `TS07` awaiting (or expired once `expiryDate` ≤ now), `TS02` cancelled,
 * `TS03` deposited (Modelled: public sources gloss it as "purchase requested"), `TS06` (partially refunded)
 * deposited; anything else unknown.
 */
export function virtualAccountStatus(
  statusCode: string,
  expiresAt: Date | undefined,
  now: Date,
): VirtualAccountStatus {
  switch (statusCode) {
    case 'TS07':
      return expiresAt !== undefined && expiresAt.getTime() <= now.getTime() ? 'expired' : 'awaiting_deposit';
    case 'TS02':
      return 'cancelled';
    case 'TS03':
    case 'TS06':
      return 'deposited';
    default:
      return 'unknown';
  }
}

/** `notiType` → event type (spec §7). */
export const notificationTypes: Readonly<Record<string, string>> = Object.freeze({
  '10': 'payment.approved',
  '20': 'payment.changed',
  '30': 'virtual_account.deposited',
  '31': 'virtual_account.deposit_cancelled',
  '40': 'escrow.changed',
  '50': 'refund.completed',
});
