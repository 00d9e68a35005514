/**
 * The browser side of Billgate's payment window (spec §4.6, §5.3, Sourced: PHP `PayInput.php`, `PayReturn.php`): form
 * field names in, RETURN_URL field names out. Operations see plain values, never a field name.
 */
import { carrierWireCode, MOBILE_SERVICE_CODE } from './billgate-constants.js';
import type { BillgateCarrierCode } from './billgate-types.js';

/** The window script per environment. */
export const BILLGATE_WINDOW_SCRIPT_URLS = Object.freeze({
  test: 'https://tpay.billgate.net/paygate/plugin/gx_web_client.js',
  production: 'https://pay.billgate.net/paygate/plugin/gx_web_client.js',
});

/** Values of the window form, already validated. */
export interface WindowFormValues {
  serviceId: string;
  orderId: string;
  /** `YYYYMMDDhhmmss` KST. */
  orderDate: string;
  amount: number;
  itemName: string;
  returnUrl: string;
  cancelFlag?: boolean;
  checksum: string;
  itemCode?: string;
  userId?: string;
  userName?: string;
  userEmail?: string;
  reserved?: [string?, string?, string?];
  logoUrl?: string;
  prefill?: {
    birthDate?: string;
    carrier?: BillgateCarrierCode;
    mobileNumber?: string;
    readOnlyNumber?: boolean;
  };
}

/** The form fields of spec §4.6 (SERVICE_TYPE `0000` = general payment; CANCEL_FLAG `Y` unless told otherwise). */
export function buildWindowFields(values: WindowFormValues): Record<string, string> {
  const fields: Record<string, string> = {
    SERVICE_ID: values.serviceId,
    SERVICE_CODE: MOBILE_SERVICE_CODE,
    SERVICE_TYPE: '0000',
    ORDER_ID: values.orderId,
    ORDER_DATE: values.orderDate,
    AMOUNT: String(values.amount),
    ITEM_NAME: values.itemName,
    RETURN_URL: values.returnUrl,
    CANCEL_FLAG: values.cancelFlag === false ? 'N' : 'Y',
    CHECK_SUM: values.checksum,
  };
  const { prefill } = values;
  const optional: Array<[string, string | undefined]> = [
    ['ITEM_CODE', values.itemCode],
    ['USER_ID', values.userId],
    ['USER_NAME', values.userName],
    ['USER_EMAIL', values.userEmail],
    ['RESERVED1', values.reserved?.[0]],
    ['RESERVED2', values.reserved?.[1]],
    ['RESERVED3', values.reserved?.[2]],
    ['LOGO', values.logoUrl],
    ['SOCIAL_NUMBER', prefill?.birthDate],
    ['MOBILE_COMPANY_CODE', prefill?.carrier ? carrierWireCode(prefill.carrier) : undefined],
    ['MOBILE_NUMBER', prefill?.mobileNumber],
    ['READONLY_HP', prefill?.readOnlyNumber === undefined ? undefined : prefill.readOnlyNumber ? 'Y' : 'N'],
  ];
  for (const [name, value] of optional) if (value !== undefined) fields[name] = value;
  return fields;
}

/** The RETURN_URL post's fields (spec §4.6 "Return POST fields"); absent fields read as ''. */
export interface ReturnFields {
  responseCode: string;
  responseMessage: string;
  detailCode: string;
  detailMessage: string;
  serviceId: string;
  serviceCode: string;
  serviceType: string;
  orderId: string;
  orderDate: string;
  transactionId: string;
  hashData: string;
  /** The MESSAGE frame as posted (before the `+` repair). */
  message: string;
}

/** Field names of the return post, for error details (never values). */
export const RETURN_FIELD_NAMES: Readonly<Record<keyof ReturnFields, string>> = Object.freeze({
  responseCode: 'RESPONSE_CODE',
  responseMessage: 'RESPONSE_MESSAGE',
  detailCode: 'DETAIL_RESPONSE_CODE',
  detailMessage: 'DETAIL_RESPONSE_MESSAGE',
  serviceId: 'SERVICE_ID',
  serviceCode: 'SERVICE_CODE',
  serviceType: 'SERVICE_TYPE',
  orderId: 'ORDER_ID',
  orderDate: 'ORDER_DATE',
  transactionId: 'TRANSACTION_ID',
  hashData: 'HASH_DATA',
  message: 'MESSAGE',
});

export function readReturnFields(form: ReadonlyMap<string, string>): ReturnFields {
  const fields = {} as ReturnFields;
  for (const [key, name] of Object.entries(RETURN_FIELD_NAMES) as Array<[keyof ReturnFields, string]>) {
    fields[key] = form.get(name) ?? '';
  }
  return fields;
}
