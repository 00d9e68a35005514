import { XRSI_NAMESPACE } from '../wire/minimal-wsdl.js';
import { escapeXml } from '../wire/wu-fault.js';
import { ALPHA3 } from './simulator-corridors.js';
import type { SimulatedTransfer } from './simulator-state.js';

const envelopeOpen =
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>';
const envelopeClose = '</soapenv:Body></soapenv:Envelope>';

/** A WU business fault as the sourced fixtures show it (spec §6): HTTP 500, `detail/xrsi:error-reply/error`. */
export function standardFault(code: string, text: string): string {
  return (
    `${envelopeOpen}<soapenv:Fault><faultcode>xrsi:error-reply</faultcode><faultstring>business exception</faultstring>` +
    `<detail><xrsi:error-reply xmlns:xrsi="${XRSI_NAMESPACE}"><error>${escapeXml(`${code} ${text}`.trim())}</error>` +
    `</xrsi:error-reply></detail></soapenv:Fault>${envelopeClose}`
  );
}

/** The non-standard variant (spec §6, UNICEF `send_client_non_std_error.yaml`): text directly inside `error-reply`. */
export function nonStandardFault(code: string, text: string): string {
  return (
    `${envelopeOpen}<soapenv:Fault><faultcode>xrsi:error-reply</faultcode><faultstring>business exception</faultstring>` +
    `<detail><xrsi:error-reply xmlns:xrsi="${XRSI_NAMESPACE}">${escapeXml(`${code} ${text}`.trim())}</xrsi:error-reply>` +
    `</detail></soapenv:Fault>${envelopeClose}`
  );
}

/** A reply the strict parser cannot finish (spec §9 `malformed`). */
export function truncatedReply(replyElement: string): string {
  return `${envelopeOpen}<xrsi:${replyElement} xmlns:xrsi="${XRSI_NAMESPACE}"><channel><version>9500</version></chan`;
}

/** A reply carrying a `<__proto__>` element (spec §9 `proto`, §5.4). */
export function prototypeReply(replyElement: string): string {
  return (
    `${envelopeOpen}<xrsi:${replyElement} xmlns:xrsi="${XRSI_NAMESPACE}"><__proto__><polluted>yes</polluted></__proto__>` +
    `<mtcn>0000000000</mtcn></xrsi:${replyElement}>${envelopeClose}`
  );
}

/** A NIS push for a transfer (spec §7), as WU's `NS1`/`NS2`-prefixed envelope. */
export function nisEnvelope(
  transfer: SimulatedTransfer,
  options: { type: string; endpoint: string; partnerId: string; attempt: number; date: Date },
): string {
  const messages: Record<string, string> = {
    BIS003: 'Receiver Paid Notification',
    BIS005: 'Transaction Cancelled',
    BIS006: 'Transaction Refunded',
  };
  return (
    '<NS1:Envelope xmlns:NS1="http://schemas.xmlsoap.org/soap/envelope/"><NS1:Header>' +
    `<EndPoint>${escapeXml(options.endpoint)}</EndPoint><nrt_retry_count>${options.attempt}</nrt_retry_count>` +
    `<nrt_attempt_count>${options.attempt}</nrt_attempt_count></NS1:Header><NS1:Body>` +
    `<NS2:nis-notification-request xmlns:NS2="${XRSI_NAMESPACE}"><partner><id>${escapeXml(options.partnerId)}</id></partner>` +
    '<payment_details><origination>' +
    `<principal_amount>${transfer.origin.principal}</principal_amount><currency_iso_code>${transfer.origin.currency}</currency_iso_code>` +
    `<country_iso_code>${ALPHA3[transfer.origin.country] ?? transfer.origin.country}</country_iso_code></origination><destination>` +
    `<expected_payout_amount>${transfer.destination.payout}</expected_payout_amount><currency_iso_code>${transfer.destination.currency}</currency_iso_code>` +
    `<country_iso_code>${ALPHA3[transfer.destination.country] ?? transfer.destination.country}</country_iso_code></destination></payment_details>` +
    `<transaction_id>${transfer.newMtcn}</transaction_id><money_transfer_control><date>${options.date.toISOString().slice(0, 10)}</date>` +
    `<mtcn>${transfer.mtcn}</mtcn></money_transfer_control><notification_type>${escapeXml(options.type)}</notification_type>` +
    '<message_code>DVQ00001</message_code>' +
    `<message_text>${escapeXml(messages[options.type] ?? 'Notification')}</message_text>` +
    '</NS2:nis-notification-request></NS1:Body></NS1:Envelope>'
  );
}
