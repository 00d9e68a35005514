/**
 * Back notifications (spec §7): decode the raw form body, verify the untouched map (5.0.0 only when allowed),
 * require our `merId`, then build the event. Replies: `ok` (200), `retry` (500), `rejected` (400).
 */
import type { InboundRequest, NotificationHandler, NotificationResult, Reply } from '@wirebridge/core';
import { isPendingCode, mapUnionPayResult } from '../unionpay-codes.js';
import type { UnionPayNotificationEvent } from '../unionpay-types.js';
import type { UnionPayEncoding } from '../wire/charset.js';
import { parseNotificationBody } from '../wire/form-codec.js';
import { verifyLegacyMessage, verifyMessage } from '../wire/signature.js';
import { nearestYearDate } from '../wire/time.js';
import {
  amountOf,
  CNY_CODE,
  decodePassthrough,
  maskPan,
  orderTimeOf,
  redactRaw,
} from '../wire/unionpay-codec.js';

const textReply = (status: number, body: string): Reply => ({
  status,
  headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
  body,
});

/** The ack (spec §7). */
export const NOTIFICATION_ACK: Reply = textReply(200, 'ok');
/** Asks UnionPay to resend (spec §7). */
export const NOTIFICATION_RETRY: Reply = textReply(500, 'retry');
/** Refuses a message that failed verification (spec §7). */
export const NOTIFICATION_REJECTED: Reply = textReply(400, 'rejected');

/** What the handler needs from the client. */
export interface NotificationSettings {
  merchantId: string;
  trust: { middleCertificate: string | Buffer; rootCertificate: string | Buffer };
  validateCnName: boolean;
  secureKey: string | undefined;
  acceptLegacyNotifications: boolean;
  legacyVerifyCertificates: ReadonlyArray<string | Buffer>;
  passthroughMode: 'raw' | 'base64';
  timeZoneOffsetMinutes: number;
  clock: () => Date;
  /** Decrypts a returned `accNo` with the merchant key (for `maskedPan`); undefined when not possible. */
  decryptPan: (value: string, encoding: UnionPayEncoding) => string | undefined;
}

const KINDS: Readonly<Record<string, UnionPayNotificationEvent['kind']>> = {
  '01': 'payment',
  '31': 'void',
  '04': 'refund',
  '12': 'payout',
  '72': 'card_verification',
};

function reject(
  reason: 'bad_signature' | 'malformed' | 'unknown_account',
  detail: string,
): NotificationResult<UnionPayNotificationEvent> {
  return { accepted: false, event: null, rejection: { reason, detail }, reply: NOTIFICATION_REJECTED };
}

/** The dedupe key of a notification (spec §7). */
export function notificationDedupeKey(fields: Readonly<Record<string, string>>): string {
  return fields.queryId
    ? `unionpay:${fields.merId}:${fields.queryId}`
    : `unionpay:${fields.merId}:${fields.orderId}:${fields.txnTime}:${fields.txnType}`;
}

/** Builds the verify-and-parse handler of back notifications. */
export function createUnionPayNotificationHandler(
  settings: NotificationSettings,
): NotificationHandler<UnionPayNotificationEvent> {
  return {
    handle(request: InboundRequest) {
      let fields: Record<string, string>;
      try {
        fields = parseNotificationBody(request.rawBody);
      } catch {
        return reject('malformed', 'body is not a readable form');
      }
      const legacy = fields.version === '5.0.0';
      if (legacy) {
        if (!settings.acceptLegacyNotifications)
          return reject('bad_signature', '5.0.0 notifications are not accepted');
        if (!verifyLegacyMessage(fields, settings.legacyVerifyCertificates)) {
          return reject('bad_signature', 'legacy signature did not verify');
        }
      } else {
        const verdict = verifyMessage(fields, {
          trust: settings.trust,
          validateCnName: settings.validateCnName,
          now: settings.clock(),
          ...(settings.secureKey === undefined ? {} : { secureKey: settings.secureKey }),
        });
        if (!verdict.ok) return reject('bad_signature', `verification failed (${verdict.reason})`);
      }
      if (fields.merId !== settings.merchantId)
        return reject('unknown_account', 'merId is not this merchant');
      const orderTime = orderTimeOf(settings, fields);
      const code = fields.respCode;
      if (fields.orderId === undefined || orderTime === undefined || code === undefined) {
        return reject('malformed', 'orderId, txnTime or respCode missing');
      }
      const kind = KINDS[fields.txnType ?? ''] ?? 'other';
      const context = kind === 'payout' ? 'payout' : 'payment';
      const status =
        mapUnionPayResult(code, context).category === 'success'
          ? 'succeeded'
          : isPendingCode(code, context)
            ? 'pending'
            : 'failed';
      const amount = amountOf(fields);
      const settlementDate =
        fields.settleDate === undefined
          ? undefined
          : nearestYearDate(fields.settleDate, orderTime, settings.timeZoneOffsetMinutes);
      const passthrough = decodePassthrough(settings.passthroughMode, fields.reqReserved);
      const pan =
        fields.accNo === undefined
          ? undefined
          : settings.decryptPan(fields.accNo, fields.encoding?.toUpperCase() === 'GBK' ? 'GBK' : 'UTF-8');
      const dedupeKey = notificationDedupeKey(fields);
      const event: UnionPayNotificationEvent = {
        type: 'transaction.result',
        kind,
        orderId: fields.orderId,
        orderTime,
        ...(fields.queryId === undefined ? {} : { queryId: fields.queryId }),
        status,
        ...(amount === undefined ? {} : { amount }),
        ...(fields.currencyCode === CNY_CODE ? { currency: 'CNY' as const } : {}),
        ...(settlementDate === undefined ? {} : { settlementDate }),
        ...(fields.traceNo === undefined ? {} : { traceNumber: fields.traceNo }),
        vendorCode: code,
        vendorMessage: fields.respMsg ?? '',
        ...(passthrough === undefined ? {} : { passthrough }),
        ...(pan === undefined ? {} : { maskedPan: maskPan(pan) }),
        dedupeKey,
        raw: redactRaw(fields),
      };
      return { accepted: true, event, dedupeKey, reply: NOTIFICATION_ACK, failureReply: NOTIFICATION_RETRY };
    },
  };
}
