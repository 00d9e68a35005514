import type { BillgateCarrierCode } from './billgate-types.js';

/** Billgate service codes (PHP `Const.php`); the TCP port is `"3" + code` (spec §3). */
export const BILLGATE_SERVICE_CODES: Readonly<Record<string, string>> = Object.freeze({
  CREDIT_CARD: '0900',
  BANK_TRANSFER: '1000',
  MOBILE: '1100',
  PHONE_BILL: '1200',
  VIRTUAL_ACCOUNT: '1800',
  CASH_RECEIPT: '4100',
});

/** Command numbers used by this package (PHP `Const.php`); responses are the request's `xxx1` (spec §4.2). */
export const BILLGATE_COMMANDS: Readonly<Record<string, string>> = Object.freeze({
  AUTH_REQUEST: '3000',
  AUTH_RESPONSE: '3001',
  CANCEL_REQUEST: '9000',
  CANCEL_RESPONSE: '9001',
  NETWORK_CANCEL_REQUEST: '9100',
  NETWORK_CANCEL_RESPONSE: '9101',
  AUTH_QUERY_REQUEST: '5000',
  AUTH_QUERY_RESPONSE: '5001',
  TEST_CALL_REQUEST: '0300',
  TEST_CALL_RESPONSE: '0301',
});

/** Tag numbers used by this package (spec §4.4, PHP `Const.php`). */
export const BILLGATE_TAGS: Readonly<Record<string, string>> = Object.freeze({
  ITEM_NAME: '0004',
  MOBILE_NUMBER: '0007',
  PASSWORD: '0009',
  DEAL_DATE: '0011',
  DEAL_AMOUNT: '0012',
  MOBILE_COMPANY_CODE: '0059',
  SOCIAL_NUMBER: '0069',
  STATUS_CODE: '0078',
  TRANSACTION_ID: '1001',
  RESPONSE_CODE: '1002',
  RESPONSE_MESSAGE: '1003',
  AUTH_DATE: '1005',
  AUTH_AMOUNT: '1007',
  CANCEL_DATE: '1008',
  DETAIL_RESPONSE_CODE: '1009',
  DETAIL_RESPONSE_MESSAGE: '1010',
  CANCEL_TRANSACTION_ID: '1032',
  CANCEL_AMOUNT: '1033',
  REAUTH_OLD_TRANSACTION_ID: '1040',
  REAUTH_NEW_TRANSACTION_ID: '1041',
  EVENT_USE_AMOUNT: '5029',
  DISCOUNT_AMOUNT: '5030',
  DEMAND_AMOUNT: '5031',
  MOBILE_PARTIAL_CANCEL_AMOUNT: '7043',
  PARTIAL_CANCEL_TYPE: '7049',
});

/** Carrier codes of the payment window (spec §4.6): wire code → SDK name. */
export const BILLGATE_CARRIER_CODES: Readonly<Record<string, BillgateCarrierCode>> = Object.freeze({
  '0000': 'SKT',
  '0001': 'KT',
  '0002': 'LGU',
  '0010': 'KCT',
  '0011': 'CJH',
  '0012': 'SKL',
});

/** SDK carrier name → wire code. */
export function carrierWireCode(carrier: BillgateCarrierCode): string | undefined {
  for (const [code, name] of Object.entries(BILLGATE_CARRIER_CODES)) if (name === carrier) return code;
  return undefined;
}

/** The frame version of every message (Java `VERSION = "0100"`, spec §4.1). */
export const BILLGATE_VERSION = '0100';
/** The mobile service code (spec §2). */
export const MOBILE_SERVICE_CODE = '1100';
/** Largest `LLLL` value: four digits (spec §3 Limits). */
export const MAX_FRAME_LENGTH = 9_999;

/** The response command of a request command: `3000` → `3001` (spec §4.2). */
export function responseCommandOf(command: string): string {
  return `${command.slice(0, 3)}1`;
}
