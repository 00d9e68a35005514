// @wirebridge/coocon — explicit public API (DESIGN §11, spec §11). No `export *`.

export { CooconClient } from './coocon-client.js';
export { COOCON_RESULT_CODES, type CooconResultCode } from './coocon-codes.js';
export { COOCON_DEFAULTS, type CooconClientOptions } from './coocon-config.js';
export { CooconError } from './coocon-error.js';
export type { CooconAllowList } from './notifications/allow-list.js';
export type {
  CooconDayTotals,
  CooconDepositCancelledEvent,
  CooconDepositEvent,
  CooconEvent,
  CooconNetworkEvent,
  CooconTelegramMeta,
} from './notifications/coocon-events.js';
export type { CooconNotifications } from './notifications/coocon-notifications.js';
export {
  type CooconDayClosedInfo,
  type CooconDelivery,
  type CooconGapInfo,
  type CooconReceiver,
  type CooconReceiverOptions,
  DEFAULT_ACK_TIMEOUT_MS,
  DEFAULT_GAP_GRACE_MS,
} from './notifications/coocon-receiver.js';
export { type CooconSerialStore, createMemorySerialStore } from './notifications/serial-store.js';
export type { GetVirtualAccountInput } from './operations/get-virtual-account.js';
export type { IssueVirtualAccountInput } from './operations/issue-virtual-account.js';
export type { RequestMissingInput } from './operations/request-missing-deposits.js';
export type { TerminateVirtualAccountInput, Termination } from './operations/terminate-virtual-account.js';
export type { VirtualAccount } from './operations/virtual-account-schemas.js';
export { buildCooconAck, type CooconEnvelope, readCooconEnvelope } from './wire/coocon-envelope.js';
export { decodeCooconFrame, encodeCooconFrame } from './wire/coocon-frame.js';
export {
  COOCON_LAYOUTS,
  COOCON_MESSAGE_TYPES,
  type CooconLayoutSet,
  type CooconMessageType,
  type CooconTelegramKind,
} from './wire/coocon-layouts.js';
export {
  type CooconTelegram,
  cooconDedupeKey,
  decodeCooconTelegram,
  encodeCooconTelegram,
} from './wire/coocon-telegram.js';
export { type CooconWireOptions, cooconKeyBytes } from './wire/coocon-wire-options.js';
