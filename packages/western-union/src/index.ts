// @wirebridge/western-union — explicit public API (DESIGN §11; specs/western-union.md §11). No `export *`.
export type { WuCancelResult } from './operations/cancel-transfer.js';
export type { WuQuote, WuQuoteInput } from './operations/quote-transfer.js';
export type { WuRefundResult } from './operations/refund-transfer.js';
export type { WuTransfer } from './operations/send-transfer.js';
export type { WuTransferStatus } from './operations/transfer-status.js';
export type { WuCountryCurrency, WuDasRecord, WuDeliveryService } from './western-union-client.js';
export { WesternUnionClient } from './western-union-client.js';
export type { WuCodeMeaning } from './western-union-codes.js';
export { mapWesternUnionError, WESTERN_UNION_ERROR_TABLE } from './western-union-codes.js';
export type {
  WesternUnionClientOptions,
  WesternUnionTimeouts,
  WesternUnionTlsOptions,
  WuService,
} from './western-union-config.js';
export { DEFAULT_WSDL_FILES, WESTERN_UNION_ENDPOINTS } from './western-union-config.js';
export { WesternUnionError } from './western-union-error.js';
export type { WesternUnionNotificationEvent } from './wire/nis-codec.js';
export type { WuParty } from './wire/quote-codec-types.js';
export type {
  WuDeliveryTemplate,
  WuTemplateField,
  WuTemplateIssue as ValidationIssue,
} from './wire/template-grammar.js';
export { parseDeliveryOptionTemplate, validateTemplateFields } from './wire/template-grammar.js';
export type { WesternUnionFault } from './wire/wu-fault.js';
export { parseWesternUnionFault } from './wire/wu-fault.js';
