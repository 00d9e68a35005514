import type { Reply } from '@wirebridge/core';
import { buildSoapFaultEnvelope } from '@wirebridge/core/soap';
import { XRSI_NAMESPACE } from './minimal-wsdl.js';
import { fromWireAmount } from './wu-amounts.js';
import { escapeXml } from './wu-fault.js';
import { child, isReservedKey, textAt, textOf } from './xrsi-object.js';

/** A NIS push as the SDK reports it (spec §7, §11). */
export interface WesternUnionNotificationEvent {
  type:
    | 'transfer.paid'
    | 'transfer.cancelled'
    | 'transfer.refunded'
    | 'transfer.rejected'
    | 'transfer.purged'
    | 'transfer.notification';
  notificationType: string;
  dedupeKey: string;
  mtcn: string;
  newMtcn: string;
  transferDate: Date;
  messageCode?: string;
  messageText?: string;
  reasonCode?: string;
  reasonDescription?: string;
  origination: { amount: number; currency: string; countryAlpha3: string };
  destination: { expectedPayoutAmount: number; currency: string; countryAlpha3: string };
  partnerId: string;
  delivery: { retryCount: number; attemptCount: number };
  raw: unknown;
}

const eventTypes: Readonly<Record<string, WesternUnionNotificationEvent['type']>> = {
  BIS003: 'transfer.paid',
  BIS012: 'transfer.paid',
  BIS005: 'transfer.cancelled',
  BIS006: 'transfer.refunded',
  BIS011: 'transfer.rejected',
  BIS016: 'transfer.purged',
};

/** `notification_type` → event type; unknown types are still acknowledged as `transfer.notification` (spec §7). */
export function notificationEventType(notificationType: string): WesternUnionNotificationEvent['type'] {
  return Object.hasOwn(eventTypes, notificationType)
    ? (eventTypes[notificationType] as WesternUnionNotificationEvent['type'])
    : 'transfer.notification';
}

/** `"wu:nis:" + transaction_id + ":" + notification_type` (spec §7). */
export function nisDedupeKey(transactionId: string, notificationType: string): string {
  return `wu:nis:${transactionId}:${notificationType}`;
}

/**
 * Reads the parsed `nis-notification-request` into an event; `undefined` when a required element is missing.
 * Country codes are alpha-3 here; amounts carry 2 implied decimals (spec §7).
 */
export function readNotification(
  body: unknown,
  header: Readonly<Record<string, unknown>> | undefined,
  amountScaleOverrides: Readonly<Record<string, number>>,
): WesternUnionNotificationEvent | undefined {
  const transactionId = textAt(body, 'transaction_id')?.trim();
  const notificationType = textAt(body, 'notification_type')?.trim();
  const mtcn = textAt(body, 'money_transfer_control', 'mtcn')?.trim();
  const date = textAt(body, 'money_transfer_control', 'date')?.trim();
  if (!transactionId || !notificationType || !mtcn || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    return undefined;
  const transferDate = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(transferDate.getTime())) return undefined;
  const origination = child(child(body, 'payment_details'), 'origination');
  const destination = child(child(body, 'payment_details'), 'destination');
  const originCurrency = textAt(origination, 'currency_iso_code')?.trim() ?? '';
  const destinationCurrency = textAt(destination, 'currency_iso_code')?.trim() ?? '';
  let originAmount: number | undefined;
  let payoutAmount: number | undefined;
  try {
    originAmount = fromWireAmount(
      textAt(origination, 'principal_amount'),
      originCurrency,
      amountScaleOverrides,
      'principal_amount',
    );
    payoutAmount = fromWireAmount(
      textAt(destination, 'expected_payout_amount'),
      destinationCurrency,
      amountScaleOverrides,
      'expected_payout_amount',
    );
  } catch {
    return undefined;
  }
  const counter = (name: string) => {
    const value = Number(textOf(header?.[name]) ?? '0');
    return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  };
  const optional = (name: string, key: string) => {
    const value = textAt(body, name);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    type: notificationEventType(notificationType),
    notificationType,
    dedupeKey: nisDedupeKey(transactionId, notificationType),
    mtcn,
    newMtcn: transactionId,
    transferDate,
    ...optional('message_code', 'messageCode'),
    ...optional('message_text', 'messageText'),
    ...optional('reason_code', 'reasonCode'),
    ...optional('reason_desc', 'reasonDescription'),
    origination: {
      amount: originAmount ?? 0,
      currency: originCurrency,
      countryAlpha3: textAt(origination, 'country_iso_code')?.trim() ?? '',
    },
    destination: {
      expectedPayoutAmount: payoutAmount ?? 0,
      currency: destinationCurrency,
      countryAlpha3: textAt(destination, 'country_iso_code')?.trim() ?? '',
    },
    partnerId: textAt(body, 'partner', 'id')?.trim() ?? '',
    delivery: { retryCount: counter('nrt_retry_count'), attemptCount: counter('nrt_attempt_count') },
    raw: body,
  } as WesternUnionNotificationEvent;
}

/** Elements the ack drops from the echo (spec §7, UNICEF `api/webhook.py`). */
const removedFromAck = new Set(['reason_code', 'reason_desc', 'message_code', 'message_text']);

/**
 * The ack (spec §7): HTTP 200, `application/xml`, the request body's children in received order minus the four
 * removed tags, `<ack_message>Acknowledged</ack_message>` last, no SOAP Header, text XML-escaped.
 */
export function buildNotificationAck(body: unknown): Reply {
  let children = '';
  if (typeof body === 'object' && body !== null) {
    for (const [name, value] of Object.entries(body)) {
      if (name === 'attributes' || removedFromAck.has(name)) continue;
      children += serializeElement(name, value);
    }
  }
  const xml =
    '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>' +
    `<xrsi:nis-notification-reply xmlns:xrsi="${XRSI_NAMESPACE}">${children}` +
    '<ack_message>Acknowledged</ack_message></xrsi:nis-notification-reply></soapenv:Body></soapenv:Envelope>';
  return { status: 200, headers: { 'Content-Type': 'application/xml' }, body: xml };
}

function serializeElement(name: string, value: unknown): string {
  if (isReservedKey(name) || !/^[A-Za-z_][\w.-]*$/.test(name)) return '';
  if (Array.isArray(value)) return value.map((item) => serializeElement(name, item)).join('');
  if (value === null || value === undefined) return `<${name}/>`;
  if (typeof value !== 'object') return `<${name}>${escapeXml(String(value))}</${name}>`;
  const record = value as Record<string, unknown>;
  let attributes = '';
  const attributeValues = record.attributes;
  if (typeof attributeValues === 'object' && attributeValues !== null) {
    for (const [attribute, attributeValue] of Object.entries(attributeValues)) {
      if (/^[A-Za-z_][\w.-]*$/.test(attribute) && !attribute.startsWith('xmlns')) {
        attributes += ` ${attribute}="${escapeXml(String(attributeValue))}"`;
      }
    }
  }
  let content = '';
  for (const [childName, childValue] of Object.entries(record)) {
    if (childName === 'attributes') continue;
    if (childName === '$value') content += escapeXml(String(childValue));
    else content += serializeElement(childName, childValue);
  }
  return `<${name}${attributes}>${content}</${name}>`;
}

/** Rejection replies (spec §7). */
export const NIS_REPLIES = {
  ipNotAllowed: (): Reply => ({ status: 403, headers: {}, body: '' }),
  unauthenticated: (): Reply => ({
    status: 401,
    headers: { 'WWW-Authenticate': 'Basic realm="wirebridge"' },
    body: '',
  }),
  malformed: (): Reply => ({
    status: 400,
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
    body: buildSoapFaultEnvelope({ faultCode: 'soapenv:Client', faultString: 'Malformed notification' }),
  }),
  retryLater: (): Reply => ({
    status: 500,
    headers: { 'Content-Type': 'text/xml; charset=utf-8' },
    body: buildSoapFaultEnvelope({ faultCode: 'soapenv:Server', faultString: 'Retry later' }),
  }),
};
