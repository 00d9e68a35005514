/**
 * Every Coocon field table, as data (specs/coocon.md §4.4–§4.5). All of it is **Modelled** except the three
 * Sourced header positions (bytes 30–33 message type, 34–37 거래구분, 38–41 response code): these tables are
 * our own contract, to be reconciled with Coocon's 전문 명세 at onboarding, so any of them can be replaced
 * through `CooconWireOptions.layouts` without touching code.
 */
import type { FieldSpec } from '@wirebridge/core/codec';

/** The field tables of every Coocon telegram part, by name. Replace any of them via `CooconWireOptions.layouts`. */
export type CooconLayoutSet = Record<
  'header' | 'depositBody' | 'networkBody' | 'issueBody' | 'terminateBody' | 'inquiryBody' | 'missingBody',
  FieldSpec[]
>;

/** Names of the parts of {@link CooconLayoutSet}. */
export type CooconLayoutName = keyof CooconLayoutSet;

/** Largest number of serials one 결번요구 telegram carries (spec §4.5 missing-serial body). */
export const MISSING_SERIAL_SLOTS = 20;

// spec §4.4: the 300-byte common header (KIBNET-style field set; offsets Modelled except 30–41).
const header: FieldSpec[] = [
  { name: 'institutionCode', offset: 0, length: 8, type: 'AN' },
  { name: 'bankCode', offset: 8, length: 3, type: 'AN' },
  { name: 'originatorCode', offset: 11, length: 8, type: 'AN', optional: true },
  { name: 'reserved1', offset: 19, length: 11, type: 'AN', optional: true },
  { name: 'messageType', offset: 30, length: 4, type: 'N', as: 'string' },
  { name: 'businessCode', offset: 34, length: 4, type: 'N', as: 'string' },
  { name: 'responseCode', offset: 38, length: 4, type: 'AN', default: '0000' },
  { name: 'transactionDate', offset: 42, length: 8, type: 'N', as: 'string' },
  { name: 'transactionTime', offset: 50, length: 6, type: 'N', as: 'string' },
  { name: 'transactionSerial', offset: 56, length: 7, type: 'N', as: 'number', optional: true },
  { name: 'sendCount', offset: 63, length: 3, type: 'N', as: 'number', default: 1 },
  { name: 'originalTransactionDate', offset: 66, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'originalTransactionSerial', offset: 74, length: 7, type: 'N', as: 'number', optional: true },
  { name: 'afterCutoff', offset: 81, length: 1, type: 'AN', optional: true },
  { name: 'origin', offset: 82, length: 1, type: 'AN', optional: true },
  { name: 'channel', offset: 83, length: 1, type: 'AN', optional: true },
  { name: 'networkReference', offset: 84, length: 13, type: 'AN', optional: true },
  { name: 'responseMessage', offset: 97, length: 40, type: 'AN', optional: true, lenientTrailingByte: true },
  { name: 'userWorkArea', offset: 137, length: 20, type: 'AN', optional: true },
  { name: 'reserved2', offset: 157, length: 143, type: 'AN', optional: true },
];

// spec §4.5: deposit notice (0200/1100) and deposit cancellation (0400/1100), 88 bytes.
const depositBody: FieldSpec[] = [
  { name: 'virtualAccountNumber', offset: 0, length: 16, type: 'AN', sensitive: 'account_number' },
  { name: 'amount', offset: 16, length: 13, type: 'N', as: 'number' },
  {
    name: 'depositorName',
    offset: 29,
    length: 20,
    type: 'AN',
    optional: true,
    lenientTrailingByte: true,
    sensitive: 'name',
  },
  { name: 'remitterBankCode', offset: 49, length: 3, type: 'AN', optional: true },
  { name: 'bankTransactionId', offset: 52, length: 12, type: 'AN', optional: true },
  { name: 'depositMethod', offset: 64, length: 1, type: 'AN', optional: true },
  { name: 'cancelReason', offset: 65, length: 3, type: 'AN', optional: true },
  { name: 'merchantReference', offset: 68, length: 20, type: 'AN', optional: true },
];

// spec §4.5: network management (0800: 2100 open, 2300 echo, 2400 close with the day's totals), 88 bytes.
const networkBody: FieldSpec[] = [
  { name: 'businessDate', offset: 0, length: 8, type: 'N', as: 'string' },
  { name: 'lastSerial', offset: 8, length: 7, type: 'N', as: 'number', optional: true },
  { name: 'depositCount', offset: 15, length: 7, type: 'N', as: 'number', optional: true },
  { name: 'depositTotal', offset: 22, length: 15, type: 'N', as: 'number', optional: true },
  { name: 'cancelCount', offset: 37, length: 7, type: 'N', as: 'number', optional: true },
  { name: 'cancelTotal', offset: 44, length: 15, type: 'N', as: 'number', optional: true },
  { name: 'reserved', offset: 59, length: 29, type: 'AN', optional: true },
];

// spec §4.5: VA issue (0100/1000), 200 bytes; issuedDate/issuedTime are filled by Coocon in the response.
const issueBody: FieldSpec[] = [
  {
    name: 'virtualAccountNumber',
    offset: 0,
    length: 16,
    type: 'AN',
    optional: true,
    sensitive: 'account_number',
  },
  { name: 'merchantReference', offset: 16, length: 20, type: 'AN' },
  { name: 'holderName', offset: 36, length: 20, type: 'AN', sensitive: 'name' },
  { name: 'accountType', offset: 56, length: 1, type: 'AN' },
  { name: 'amountRule', offset: 57, length: 1, type: 'AN' },
  { name: 'expectedAmount', offset: 58, length: 13, type: 'N', as: 'number', optional: true },
  { name: 'expiryDate', offset: 71, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'expiryTime', offset: 79, length: 6, type: 'N', as: 'string', optional: true },
  { name: 'customerId', offset: 85, length: 20, type: 'AN', optional: true, sensitive: 'personal' },
  { name: 'issuedDate', offset: 105, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'issuedTime', offset: 113, length: 6, type: 'N', as: 'string', optional: true },
  { name: 'reserved', offset: 119, length: 81, type: 'AN', optional: true },
];

// spec §4.5: VA terminate (0100/2000), 200 bytes.
const terminateBody: FieldSpec[] = [
  { name: 'virtualAccountNumber', offset: 0, length: 16, type: 'AN', sensitive: 'account_number' },
  { name: 'merchantReference', offset: 16, length: 20, type: 'AN', optional: true },
  { name: 'reason', offset: 36, length: 1, type: 'AN' },
  { name: 'terminatedDate', offset: 37, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'terminatedTime', offset: 45, length: 6, type: 'N', as: 'string', optional: true },
  { name: 'reserved', offset: 51, length: 149, type: 'AN', optional: true },
];

// spec §4.5: VA inquiry (0600/1000), 200 bytes; everything after merchantReference is filled in the response.
const inquiryBody: FieldSpec[] = [
  {
    name: 'virtualAccountNumber',
    offset: 0,
    length: 16,
    type: 'AN',
    optional: true,
    sensitive: 'account_number',
  },
  { name: 'merchantReference', offset: 16, length: 20, type: 'AN', optional: true },
  { name: 'status', offset: 36, length: 1, type: 'AN', optional: true },
  { name: 'accountType', offset: 37, length: 1, type: 'AN', optional: true },
  { name: 'amountRule', offset: 38, length: 1, type: 'AN', optional: true },
  { name: 'expectedAmount', offset: 39, length: 13, type: 'N', as: 'number', optional: true },
  { name: 'totalDeposited', offset: 52, length: 13, type: 'N', as: 'number', optional: true },
  { name: 'depositCount', offset: 65, length: 7, type: 'N', as: 'number', optional: true },
  { name: 'expiryDate', offset: 72, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'expiryTime', offset: 80, length: 6, type: 'N', as: 'string', optional: true },
  { name: 'holderName', offset: 86, length: 20, type: 'AN', optional: true, sensitive: 'name' },
  { name: 'issuedDate', offset: 106, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'terminatedDate', offset: 114, length: 8, type: 'N', as: 'string', optional: true },
  { name: 'reserved', offset: 122, length: 78, type: 'AN', optional: true },
];

// spec §4.5: 결번요구 (0600/6400), 200 bytes: up to 20 serials of 7 digits, unused slots 0000000.
const serialSlots: FieldSpec[] = Array.from({ length: MISSING_SERIAL_SLOTS }, (_, index) => ({
  name: `serial${index + 1}`,
  offset: 10 + index * 7,
  length: 7,
  type: 'N' as const,
  as: 'number' as const,
  optional: true,
}));
const missingBody: FieldSpec[] = [
  { name: 'targetDate', offset: 0, length: 8, type: 'N', as: 'string' },
  { name: 'count', offset: 8, length: 2, type: 'N', as: 'number' },
  ...serialSlots,
  { name: 'resendCount', offset: 150, length: 2, type: 'N', as: 'number', optional: true },
  { name: 'reserved', offset: 152, length: 48, type: 'AN', optional: true },
];

/** The default (Modelled) field tables of spec §4.4–§4.5. Plain data: copy and change one to adapt a layout. */
export const COOCON_LAYOUTS: Readonly<CooconLayoutSet> = Object.freeze({
  header,
  depositBody,
  networkBody,
  issueBody,
  terminateBody,
  inquiryBody,
  missingBody,
});

/** What one telegram kind is on the wire: its request MTI, 거래구분 and body layout (spec §4.3). */
export interface CooconMessageType {
  /** Request message type (전문구분코드); the response is this + 10. */
  mti: string;
  /** 거래구분코드. */
  businessCode: string;
  /** The body layout. */
  body: CooconLayoutName;
}

/**
 * Every telegram kind of spec §4.3. Only 0200/1100, 0400/1100, 0800/2100 and 0800/2400 are Sourced (KIBNET);
 * the others are Modelled.
 */
export const COOCON_MESSAGE_TYPES = Object.freeze({
  deposit: { mti: '0200', businessCode: '1100', body: 'depositBody' },
  depositCancel: { mti: '0400', businessCode: '1100', body: 'depositBody' },
  dayOpen: { mti: '0800', businessCode: '2100', body: 'networkBody' },
  echo: { mti: '0800', businessCode: '2300', body: 'networkBody' },
  dayClose: { mti: '0800', businessCode: '2400', body: 'networkBody' },
  issue: { mti: '0100', businessCode: '1000', body: 'issueBody' },
  terminate: { mti: '0100', businessCode: '2000', body: 'terminateBody' },
  inquiry: { mti: '0600', businessCode: '1000', body: 'inquiryBody' },
  missingSerials: { mti: '0600', businessCode: '6400', body: 'missingBody' },
} as const satisfies Record<string, CooconMessageType>);

/** A telegram kind: a key of {@link COOCON_MESSAGE_TYPES}. */
export type CooconTelegramKind = keyof typeof COOCON_MESSAGE_TYPES;
