// @wirebridge/unionpay — explicit public API (DESIGN §11, spec §11).

export type { BinEntry, BinFormat, BinSource } from './bin/bin-types.js';
export { BIN_FORMATS, loadUnionPayBinTable } from './bin/load-bin-table.js';
export { type BinRefreshResult, RefreshableBinTable } from './bin/refreshable-bin-table.js';
export { UnionPayBinTable } from './bin/unionpay-bin-table.js';
export {
  NOTIFICATION_ACK,
  NOTIFICATION_REJECTED,
  NOTIFICATION_RETRY,
  notificationDedupeKey,
} from './notifications/unionpay-notifications.js';
export type { FrontPaymentInput } from './operations/create-front-form.js';
export type { SettlementArchive } from './operations/download-settlement-file.js';
export type {
  CardVerifyInput,
  DailySettlement,
  PayoutInput,
  RefundInput,
  VoidInput,
} from './unionpay-client.js';
export { UnionPayClient } from './unionpay-client.js';
export { mapUnionPayResult, UNIONPAY_CODE_ROWS, type UnionPayResultContext } from './unionpay-codes.js';
export type {
  SigningCredentials,
  UnionPayClientOptions,
  UnionPayEnvironmentUrls,
} from './unionpay-config.js';
export { DEFAULT_RESOLVER_DELAYS_MS, UNIONPAY_ENVIRONMENTS } from './unionpay-config.js';
export { FileFormatError, UnionPayError, type UnionPayErrorOptions } from './unionpay-error.js';
export type {
  FrontForm,
  MoneyCallOptions,
  MoneyResult,
  OrderRef,
  UnionPayNotificationEvent,
  UnionPayTransaction,
} from './unionpay-types.js';
export type { UnionPayEncoding } from './wire/charset.js';
export { decodeFileContent } from './wire/files/file-content.js';
export { readZipEntries, type ZipEntry } from './wire/files/zip-reader.js';
export { type ZmCsvOptions, zmRecordsToCsv } from './wire/files/zm-csv.js';
export { ZM_FIELDS, type ZmField, type ZmFieldName, type ZmRecord } from './wire/files/zm-layout.js';
export {
  type FileLineError,
  parseZmeFile,
  parseZmFile,
  type SettlementParseOptions,
  type ZmeRecord,
} from './wire/files/zm-parser.js';
export { encodeFormBody, parseResponseBody } from './wire/form-codec.js';
export {
  MODELLED_CARD_INFO_ISSUER_FIELD,
  MODELLED_FILE_NOT_FOUND_CODES,
  MODELLED_TIME_ZONE_OFFSET_MINUTES,
} from './wire/modelled.js';
export type { CustomerInfoFields } from './wire/sensitive.js';
export { buildCustomerInfo, encryptSensitive } from './wire/sensitive.js';
export type { ResolvedSigner, VerifyFailureReason, VerifyOptions } from './wire/signature.js';
export {
  buildSigningString,
  loadSigningCredentials,
  signMessage,
  verifyLegacyMessage,
  verifyMessage,
} from './wire/signature.js';
