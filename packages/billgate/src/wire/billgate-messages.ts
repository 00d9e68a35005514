/**
 * Per-command tag bodies (spec §4.5): which tags each request carries and how each response is read. Operations
 * call these and never name a tag themselves. The 9100/5000/0300 tag sets are Modelled and come from
 * `billgate-modelled.ts`.
 */
import { BILLGATE_TAGS } from './billgate-constants.js';
import { parseKst } from './billgate-dates.js';
import { tagsRecord, tagValue } from './billgate-frame.js';
import { AUTH_QUERY_NOT_FOUND_CODE, AUTH_QUERY_STATUS_VALUES } from './billgate-modelled.js';
import type { BillgateMessage } from './billgate-types.js';

type Tags = Array<[tag: string, values: string[]]>;
const tag = (name: keyof typeof BILLGATE_TAGS | string) => BILLGATE_TAGS[name] as string;

/** Result fields every response carries: 1002, 1003, 1009, 1010. */
export interface BillgateResult {
  code: string;
  message?: string;
  detailCode?: string;
  detailMessage?: string;
}

export function readResult(message: BillgateMessage): BillgateResult {
  const detailCode = tagValue(message, tag('DETAIL_RESPONSE_CODE'));
  const text = tagValue(message, tag('RESPONSE_MESSAGE'));
  const detailMessage = tagValue(message, tag('DETAIL_RESPONSE_MESSAGE'));
  return {
    code: tagValue(message, tag('RESPONSE_CODE')) ?? '',
    ...(text ? { message: text } : {}),
    ...(detailCode ? { detailCode } : {}),
    ...(detailMessage ? { detailMessage } : {}),
  };
}

function amountOf(message: BillgateMessage, name: string): number | undefined {
  const value = tagValue(message, tag(name));
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** Tags 1001 and 0012 of a window MESSAGE (3000), when present (spec §2.1 step 2). */
export function readWindowMessage(message: BillgateMessage): { transactionId?: string; dealAmount?: string } {
  const transactionId = tagValue(message, tag('TRANSACTION_ID'));
  const dealAmount = tagValue(message, tag('DEAL_AMOUNT'));
  return { ...(transactionId ? { transactionId } : {}), ...(dealAmount !== undefined ? { dealAmount } : {}) };
}

/** 3001 on `0000`: 1001, 1005, 1007, 7049, 0007 (+ 5029–5031 passed through in `raw`). */
export function readApproval(message: BillgateMessage) {
  const mobileNumber = tagValue(message, tag('MOBILE_NUMBER'));
  const partialCancelType = tagValue(message, tag('PARTIAL_CANCEL_TYPE'));
  const transactionId = tagValue(message, tag('TRANSACTION_ID'));
  return {
    ...(transactionId ? { transactionId } : {}),
    approvedAt: parseKst(tagValue(message, tag('AUTH_DATE'))),
    authAmount: amountOf(message, 'AUTH_AMOUNT'),
    ...(mobileNumber ? { mobileNumber } : {}),
    ...(partialCancelType ? { partialCancelType } : {}),
    raw: tagsRecord(message),
  };
}

/** 9000: 1001, and 7043 only for a partial cancel (the partial-cancel trap, spec §4.5). */
export function cancelRequestTags(transactionId: string, partialAmount?: number): Tags {
  const tags: Tags = [[tag('TRANSACTION_ID'), [transactionId]]];
  if (partialAmount !== undefined) tags.push([tag('MOBILE_PARTIAL_CANCEL_AMOUNT'), [String(partialAmount)]]);
  return tags;
}

/** 9001: full → 1007; partial → 7043, 1032, 1040, 1041. A B102 answer may omit the amount: 0 = not reported. */
export function readCancel(message: BillgateMessage, partial: boolean) {
  const cancelTransactionId = tagValue(message, tag('CANCEL_TRANSACTION_ID'));
  const remainingTransactionId = tagValue(message, tag('REAUTH_NEW_TRANSACTION_ID'));
  return {
    cancelledAmount: amountOf(message, partial ? 'MOBILE_PARTIAL_CANCEL_AMOUNT' : 'AUTH_AMOUNT') ?? 0,
    ...(cancelTransactionId ? { cancelTransactionId } : {}),
    ...(remainingTransactionId ? { remainingTransactionId } : {}),
    raw: tagsRecord(message),
  };
}

/** 9100 (Modelled): 1001. */
export function networkCancelRequestTags(transactionId: string): Tags {
  return [[tag('TRANSACTION_ID'), [transactionId]]];
}

/** 9101 (Modelled): 1008. */
export function readNetworkCancel(message: BillgateMessage): { cancelledAt?: Date } {
  const cancelledAt = parseKst(tagValue(message, tag('CANCEL_DATE')));
  return cancelledAt ? { cancelledAt } : {};
}

/** 5000 (Modelled): 1001 when known; the header always carries the order. */
export function authQueryRequestTags(transactionId: string | undefined): Tags {
  return transactionId ? [[tag('TRANSACTION_ID'), [transactionId]]] : [];
}

/** 5001 (Modelled): B101 = not found; else 1001, 1005, 1007, 1008, 1033, 0078. */
export function readAuthQuery(message: BillgateMessage) {
  if (readResult(message).code === AUTH_QUERY_NOT_FOUND_CODE) return { notFound: true as const };
  const amount = amountOf(message, 'AUTH_AMOUNT');
  const cancelledAmount = amountOf(message, 'CANCEL_AMOUNT');
  const approvedAt = parseKst(tagValue(message, tag('AUTH_DATE')));
  const cancelledAt = parseKst(tagValue(message, tag('CANCEL_DATE')));
  const transactionId = tagValue(message, tag('TRANSACTION_ID'));
  return {
    notFound: false as const,
    // An unknown 0078 value is left for the output schema to reject (ProtocolError).
    state: AUTH_QUERY_STATUS_VALUES[tagValue(message, tag('STATUS_CODE')) ?? ''] ?? 'unreadable',
    ...(amount === undefined ? {} : { amount }),
    ...(cancelledAmount === undefined ? {} : { cancelledAmount }),
    ...(approvedAt ? { approvedAt } : {}),
    ...(cancelledAt ? { cancelledAt } : {}),
    ...(transactionId ? { transactionId } : {}),
  };
}

/** 0300 (Modelled): 0011 = now. */
export function testCallRequestTags(now: string): Tags {
  return [[tag('DEAL_DATE'), [now]]];
}
