import { element, type XrsiObject } from './xrsi-object.js';

/** What the common blocks of spec §4.1 are built from (client configuration). */
export interface PartnerBlocks {
  identifier: string;
  counterId: string;
  operatorId?: string | undefined;
  channelName: string;
  channelVersion: string;
}

/** `device/type`: `WEB` for validation/store, `AGENT` for search/cancel/refund (spec §4.1). */
export function deviceBlock(type: 'WEB' | 'AGENT'): XrsiObject {
  return { type };
}

/** `channel/{type,name,version}` (spec §4.1). */
export function channelBlock(partner: PartnerBlocks): XrsiObject {
  return { type: 'H2H', name: partner.channelName, version: partner.channelVersion };
}

/** `foreign_remote_system/{identifier,reference_no,counter_id,operator_id?}` (spec §4.1); WU echoes it. */
export function foreignRemoteSystemBlock(partner: PartnerBlocks, reference: string): XrsiObject {
  return element({
    identifier: partner.identifier,
    reference_no: reference,
    counter_id: partner.counterId,
    operator_id: partner.operatorId,
  }) as XrsiObject;
}

/** `partner_info_buffer/partner_notification/notification_requested` (spec §4.1). */
export function partnerInfoBufferBlock(notify: boolean): XrsiObject {
  return { partner_notification: { notification_requested: notify ? 'Y' : 'N' } };
}

/** `iso_code/{country_code,currency_code}`. */
export function isoCode(country: string, currency: string): XrsiObject {
  return { iso_code: { country_code: country, currency_code: currency } };
}
