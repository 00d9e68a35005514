// @wirebridge/billgate — explicit public API (DESIGN §11, spec §11). No `export *`.
export type {
  MobileCancelInput,
  MobileCancelResult,
  MobileChargeApproval,
  MobileChargeInput,
  MobileChargeStatus,
  MobilePaymentRequestInput,
  MobileTransactionRef,
} from './billgate-client.js';
export { BillgateClient } from './billgate-client.js';
export { mapBillgateResult } from './billgate-codes.js';
export type { BillgateClientOptions } from './billgate-config.js';
export {
  BILLGATE_COMPENSATION_TIMEOUT_MS,
  BILLGATE_DEFAULT_TIMEOUTS,
  BILLGATE_DEFAULT_UNKNOWN_OUTCOME,
  BILLGATE_ENVIRONMENTS,
} from './billgate-config.js';
export type { BillgateErrorOptions, PendingCompensation } from './billgate-error.js';
export { BillgateError, BillgateOutcomeUnknownError } from './billgate-error.js';
export type {
  BillgateOrderLookup,
  BillgateReturnEvent,
} from './notifications/billgate-return-notification.js';
export type { MobilePaymentRequest } from './operations/create-payment-request.js';
export type { PreparedMobilePayment } from './operations/parse-return.js';
export type { BillgateChecksumInput, BillgateHashDataInput } from './wire/billgate-checksum.js';
export {
  computeBillgateHashData,
  createBillgateChecksum,
  verifyBillgateChecksum,
  verifyBillgateHashData,
} from './wire/billgate-checksum.js';
export {
  BILLGATE_CARRIER_CODES,
  BILLGATE_COMMANDS,
  BILLGATE_SERVICE_CODES,
  BILLGATE_TAGS,
} from './wire/billgate-constants.js';
export { decodeBillgateFrame, encodeBillgateFrame } from './wire/billgate-frame.js';
export { BILLGATE_TEST_KEY, BILLGATE_TEST_SERVICE_ID } from './wire/billgate-key.js';
export type {
  BillgateCarrierCode,
  BillgateKey,
  BillgateMessage,
  BillgateServiceCode,
  TextOptions,
} from './wire/billgate-types.js';
