import {
  channelBlock,
  deviceBlock,
  foreignRemoteSystemBlock,
  isoCode,
  type PartnerBlocks,
  partnerInfoBufferBlock,
} from './xrsi-blocks.js';
import { asArray, child, element, textAt, type XrsiObject } from './xrsi-object.js';

/** SDK status of a WU pay status (spec §4.4). */
export type WuStatusName = 'available' | 'queued' | 'paid' | 'cancelled' | 'unknown';

const statusNames: Readonly<Record<string, WuStatusName>> = {
  'W/C': 'available',
  WCQ: 'queued',
  PAID: 'paid',
  CAN: 'cancelled',
};

/** `W/C` → available, `WCQ` → queued, `PAID` → paid, `CAN` → cancelled, anything else → unknown (spec §4.4). */
export function statusName(raw: string): WuStatusName {
  return Object.hasOwn(statusNames, raw) ? (statusNames[raw] as WuStatusName) : 'unknown';
}

/** `pay-status-inquiry-request-data`: `channel`, `mtcn`, `foreign_remote_system` (spec §4.4). */
export function buildPayStatusRequest(partner: PartnerBlocks, mtcn: string, reference: string): XrsiObject {
  return {
    channel: channelBlock(partner),
    mtcn,
    foreign_remote_system: foreignRemoteSystemBlock(partner, reference),
  };
}

/** One `payment_transaction` of a PayStatus or Search reply. */
export interface PaymentTransaction {
  moneyTransferKey: string;
  rawStatus: string;
  mtcn?: string;
  newMtcn?: string;
  filingDate?: string;
  filingTime?: string;
  financials?: unknown;
}

/** Reads `number_matches` and the `payment_transactions` of a PayStatus/Search reply (spec §4.4). */
export function readPaymentTransactions(reply: unknown): {
  numberMatches: number;
  transactions: PaymentTransaction[];
} {
  const transactions = asArray(child(child(reply, 'payment_transactions'), 'payment_transaction')).map(
    (transaction): PaymentTransaction => {
      const mtcn = textAt(transaction, 'mtcn');
      const newMtcn = textAt(transaction, 'new_mtcn');
      const filingDate = textAt(transaction, 'filing_date');
      const filingTime = textAt(transaction, 'filing_time');
      const financials = child(transaction, 'financials');
      return {
        moneyTransferKey: textAt(transaction, 'money_transfer_key') ?? '',
        rawStatus: (textAt(transaction, 'pay_status_description') ?? '').trim(),
        ...(mtcn === undefined ? {} : { mtcn }),
        ...(newMtcn === undefined ? {} : { newMtcn }),
        ...(filingDate === undefined ? {} : { filingDate }),
        ...(filingTime === undefined ? {} : { filingTime }),
        ...(financials === undefined ? {} : { financials }),
      };
    },
  );
  const matchesText = textAt(reply, 'number_matches');
  const numberMatches = matchesText === undefined ? transactions.length : Number(matchesText);
  return {
    numberMatches: Number.isFinite(numberMatches) ? numberMatches : transactions.length,
    transactions,
  };
}

/** `search_flag` values (XSD `agentcsc_flags`). */
export type SearchFlag = 'CANCEL_SEND' | 'REFUND';

/** `search-request` in spec §4.4 order. */
export function buildSearchRequest(
  partner: PartnerBlocks,
  origin: { country: string; currency: string },
  mtcn: string,
  reference: string,
  flag: SearchFlag,
): XrsiObject {
  return {
    device: deviceBlock('AGENT'),
    channel: channelBlock(partner),
    foreign_remote_system: foreignRemoteSystemBlock(partner, reference),
    payment_transaction: {
      payment_details: { originating_country_currency: isoCode(origin.country, origin.currency) },
      mtcn,
    },
    search_flag: flag,
    partner_info_buffer: partnerInfoBufferBlock(true),
  };
}

/** `cancel-send-request` in spec §4.4 order. */
export function buildCancelSendRequest(
  partner: PartnerBlocks,
  input: {
    mtcn: string;
    databaseKey: string;
    reason: string;
    comments: readonly string[];
    reference: string;
  },
): XrsiObject {
  return element({
    device: deviceBlock('AGENT'),
    channel: channelBlock(partner),
    reason_for_redelivery: input.reason,
    mtcn: input.mtcn,
    database_key: input.databaseKey,
    comments_data: input.comments.length === 0 ? undefined : { comment: [...input.comments] },
    disallow_traffic_flag: 'Y',
    foreign_remote_system: foreignRemoteSystemBlock(partner, input.reference),
  }) as XrsiObject;
}

/** `refund-request` in spec §4.4 order (**Modelled**: the endpoint is not public). */
export function buildRefundRequest(
  partner: PartnerBlocks,
  input: {
    financials: unknown;
    mtcn: string;
    newMtcn: string | undefined;
    comments: readonly string[];
    reason: string;
    moneyTransferKey: string;
    reference: string;
  },
): XrsiObject {
  return element({
    device: deviceBlock('AGENT'),
    channel: channelBlock(partner),
    financials: input.financials as XrsiObject | undefined,
    mtcn: input.mtcn,
    new_mtcn: input.newMtcn,
    comments: input.comments.length === 0 ? undefined : { comment: [...input.comments] },
    cancel_reason: input.reason,
    money_transfer_key: input.moneyTransferKey,
    foreign_remote_system: foreignRemoteSystemBlock(partner, input.reference),
    partner_info_buffer: partnerInfoBufferBlock(true),
  }) as XrsiObject;
}

/** `reason_for_redelivery` / `cancel_reason` when the caller gives none (spec §4.4). */
export const DEFAULT_CANCEL_REASON = 'WIC';
