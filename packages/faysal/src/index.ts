// @wirebridge/faysal — explicit public API (DESIGN §11, spec §11). No `export *`.

export { fromWireAmount, toWireAmount } from './domain/amount.js';
export { isValidCnic, normalizeCnic } from './domain/cnic.js';
export { isValidPakistanIban } from './domain/iban.js';
export { PK_PURPOSE_CODES } from './domain/purpose-codes.js';
export type { StanSource } from './domain/rrn.js';
export { createMemoryStanSource, createSequenceStanSource, rrnFor } from './domain/rrn.js';
export { FaysalClient } from './faysal-client.js';
export type { FaysalCodeMeaning } from './faysal-codes.js';
export { FAYSAL_RESPONSE_CODES } from './faysal-codes.js';
export type { FaysalClientOptions } from './faysal-config.js';
export {
  DEFAULT_FAYSAL_TIMEOUT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_RESOLVE_DEADLINE_MS,
  DEFAULT_RESOLVE_DELAYS_MS,
  DEFAULT_TITLE_FETCH_TTL_MS,
} from './faysal-config.js';
export type { FaysalErrorOptions } from './faysal-error.js';
export { FaysalError } from './faysal-error.js';
export type {
  Credit,
  CreditInput,
  CreditReturn,
  FaysalInfo,
  FaysalNotificationEvent,
  FaysalOperation,
  InquiryInput,
  PkBank,
  PoolBalance,
  Rail,
  Remitter,
  ReturnInput,
  ReturnReason,
  TitleFetch,
  TitleFetchInput,
  TransactionState,
} from './faysal-types.js';
export type {
  CreditReplyValue,
  FaysalClassification,
  FaysalCodec,
  FaysalDecodedError,
  FaysalDecodedResult,
  InquiryWireInput,
} from './wire/faysal-codec.js';
export { MODELLED_METHODS, modelledFaysalCodec } from './wire/modelled-codec.js';
export type { Aes256GcmCipherOptions, FaysalPayloadCipher } from './wire/payload-ciphers.js';
export { aes128EcbHexCipher, aes256GcmCipher, noEncryption } from './wire/payload-ciphers.js';
export type { FaysalRequestSigner, RsaSha256SignerOptions } from './wire/rsa-signer.js';
export { apiKeyIdFor, rsaSha256Signer } from './wire/rsa-signer.js';
