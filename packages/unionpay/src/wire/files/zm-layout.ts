/**
 * The ZM (transaction detail) and ZME (adjustment) line layouts of the settlement archive (spec §8.3, §8.4):
 * fixed byte widths, one space between fields.
 */

/** Field types: S string, N unsigned integer, A signed amount (C/D/space + digits, fen), T `MMDDhhmmss`. */
export type ZmFieldType = 'S' | 'N' | 'A' | 'T';

/** One ZM record: a property per field, plus its line, raw text and currency. */
export interface ZmRecord {
  tradeCode: string;
  acquirerInstitutionCode: string;
  senderInstitutionCode: string;
  traceNumber: string;
  transmissionTime: Date | null;
  maskedPan: string;
  amount: number | null;
  merchantCategoryCode: string;
  terminalType: string;
  queryId: string;
  legacyPaymentMethod: string;
  orderId: string;
  paymentCardType: string;
  originalTraceNumber: string;
  originalTransmissionTime: Date | null;
  merchantFee: number | null;
  settlementAmount: number | null;
  paymentMethod: string;
  groupMerchantId: string;
  transactionType: string;
  transactionSubType: string;
  businessType: string;
  accountType: string;
  billType: string;
  billNumber: string;
  interactionMode: string;
  originalQueryId: string;
  merchantId: string;
  splitSettlementMode: string;
  subMerchantId: string;
  subMerchantShortName: string;
  subMerchantSplitAmount: number | null;
  netSettlementAmount: number | null;
  terminalId: string;
  merchantReserved: string;
  discountAmount: number | null;
  invoiceAmount: number | null;
  installmentFee: number | null;
  installmentCount: number | null;
  transactionMedium: string;
  reserved41: string;
  reserved42: string;
  /** 1-based line number in the file. */
  line: number;
  /** The line as latin1 text (GBK bytes kept one-to-one). */
  raw: string;
  currency: 'CNY';
}

/** The ZM field names, in order, with the record type they produce. */
export type ZmFieldName = Exclude<keyof ZmRecord, 'line' | 'raw' | 'currency'>;

/** One ZM field: 1-based index, byte offset, byte width, type. */
export interface ZmField {
  index: number;
  name: ZmFieldName;
  offset: number;
  width: number;
  type: ZmFieldType;
}

const ZM_SPEC: ReadonlyArray<[ZmFieldName, number, ZmFieldType]> = [
  ['tradeCode', 3, 'S'],
  ['acquirerInstitutionCode', 11, 'S'],
  ['senderInstitutionCode', 11, 'S'],
  ['traceNumber', 6, 'S'],
  ['transmissionTime', 10, 'T'],
  ['maskedPan', 19, 'S'],
  ['amount', 12, 'N'],
  ['merchantCategoryCode', 4, 'S'],
  ['terminalType', 2, 'S'],
  ['queryId', 21, 'S'],
  ['legacyPaymentMethod', 2, 'S'],
  ['orderId', 32, 'S'],
  ['paymentCardType', 2, 'S'],
  ['originalTraceNumber', 6, 'S'],
  ['originalTransmissionTime', 10, 'T'],
  ['merchantFee', 13, 'A'],
  ['settlementAmount', 13, 'A'],
  ['paymentMethod', 4, 'S'],
  ['groupMerchantId', 15, 'S'],
  ['transactionType', 2, 'S'],
  ['transactionSubType', 2, 'S'],
  ['businessType', 6, 'S'],
  ['accountType', 2, 'S'],
  ['billType', 4, 'S'],
  ['billNumber', 32, 'S'],
  ['interactionMode', 1, 'S'],
  ['originalQueryId', 21, 'S'],
  ['merchantId', 15, 'S'],
  ['splitSettlementMode', 1, 'S'],
  ['subMerchantId', 15, 'S'],
  ['subMerchantShortName', 32, 'S'],
  ['subMerchantSplitAmount', 13, 'A'],
  ['netSettlementAmount', 13, 'A'],
  ['terminalId', 8, 'S'],
  ['merchantReserved', 32, 'S'],
  ['discountAmount', 13, 'A'],
  ['invoiceAmount', 13, 'A'],
  ['installmentFee', 12, 'A'],
  ['installmentCount', 2, 'N'],
  ['transactionMedium', 1, 'S'],
  ['reserved41', 32, 'S'],
  ['reserved42', 98, 'S'],
];

function withOffsets<T extends { width: number }>(fields: ReadonlyArray<T>): Array<T & { offset: number }> {
  let offset = 0;
  return fields.map((field) => {
    const placed = { ...field, offset };
    offset += field.width + 1;
    return placed;
  });
}

/** The 42 ZM fields (spec §8.3 table), 607 bytes per line. */
export const ZM_FIELDS: ReadonlyArray<ZmField> = Object.freeze(
  withOffsets(ZM_SPEC.map(([name, width, type], index) => ({ index: index + 1, name, width, type }))),
);

/** Bytes per ZM line. */
export const ZM_LINE_BYTES = 607;

/** The 22 ZME widths (spec §8.4), 339 bytes per line; fields 1–9 are typed like ZM 1–9. */
export const ZME_WIDTHS: readonly number[] = [
  3, 11, 11, 6, 10, 19, 12, 4, 2, 2, 6, 10, 4, 12, 13, 13, 15, 15, 1, 12, 2, 135,
];
/** Bytes per ZME line. */
export const ZME_LINE_BYTES = 339;
