// @wirebridge/kicc — explicit public API (DESIGN §11, spec §11). No `export *`.

export type {
  BulkDeactivateItem,
  BulkDeactivateOptions,
  BulkDeactivationReport,
  BulkItemResult,
  BulkProgress,
} from './bulk/bulk-types.js';
export type { BulkCheckpointStore } from './bulk/checkpoint-stores.js';
export { createFileCheckpointStore, createMemoryCheckpointStore } from './bulk/checkpoint-stores.js';
export type { KiccBankCode } from './kicc-bank-codes.js';
export { KICC_BANK_CODES } from './kicc-bank-codes.js';
export { KiccClient } from './kicc-client.js';
export type { KiccResultMeaning } from './kicc-codes.js';
export { KICC_RESULT_CODES, KICC_SUCCESS_CODE, mapKiccResult } from './kicc-codes.js';
export type { KiccClientOptions } from './kicc-config.js';
export { DEFAULT_RESOLVER_DELAYS_MS, KICC_ENVIRONMENTS, KICC_WEBHOOK_IPS } from './kicc-config.js';
export type { KiccErrorOptions } from './kicc-error.js';
export { KiccError } from './kicc-error.js';
export type { KiccNotificationEvent } from './notifications/kicc-webhook.js';
export { KICC_WEBHOOK_ACK, KICC_WEBHOOK_FAILURE } from './notifications/kicc-webhook.js';
export type { ApproveVirtualAccountInput } from './operations/approve-virtual-account.js';
export type { CancelVirtualAccountInput } from './operations/cancel-virtual-account.js';
export type { PaymentWindowInput } from './operations/create-payment-window.js';
export type { IssueVirtualAccountInput } from './operations/issue-virtual-account.js';
export type { KiccCancellation, KiccTransaction, KiccVirtualAccount } from './operations/kicc-schemas.js';
export type { RefundVirtualAccountInput } from './operations/refund-virtual-account.js';
export { deriveBulkIdempotencyKey, generateIdempotencyKey } from './wire/kicc-ids.js';
export { formatKst, parseKst } from './wire/kicc-kst.js';
export { computeMsgAuthValue, verifyMsgAuthValue } from './wire/kicc-mac.js';
export type { ByteLengthMode } from './wire/kicc-text.js';
export type { RefundCodeTable, RefundMode, ReviseCodes } from './wire/modelled-codec.js';
export { defaultRefundCodes, modelledPaths } from './wire/modelled-codec.js';
