import type { VendorErrorCategory } from '@wirebridge/core';
import type { FaysalInfo, FaysalNotificationEvent, FaysalOperation } from '../faysal-types.js';

/** What a codec read from one JSON-RPC `result`: the response code and the operation's value. */
export interface FaysalDecodedResult {
  responseCode: string;
  responseDesc: string;
  /** The operation's value in SDK terms (`TitleFetch`, a credit result…), before the client adds its own fields. */
  value: unknown;
}

/** What a codec read from a JSON-RPC `error` object. */
export interface FaysalDecodedError {
  /** `data.responseCode` when the bank sent one. */
  responseCode?: string;
  rpcErrorCode: number;
  message: string;
  /** `data.retryAfterMs` of a rate-limit error (`-32004`). */
  retryAfterMs?: number;
  /** `data.fields` of an invalid-params error. */
  fields?: string[];
}

/** How a response code is read (spec §6). */
export interface FaysalClassification {
  outcome: 'success' | 'pending' | 'failure';
  category?: VendorErrorCategory;
  retryable: boolean;
}

/**
 * The swappable wire layer (spec §1 "Isolation rule", §11): every Modelled name — methods, param and result
 * keys, the code table, the notification shape — lives behind this interface. Onboarding Faysal's real
 * contract means writing a new codec and passing it as `options.codec` (and to the simulator).
 */
export interface FaysalCodec {
  /** e.g. `wirebridge-modelled-v1`. */
  readonly name: string;
  /** Path of the JSON-RPC endpoint under `baseUrl`, e.g. `/jsonrpc`. */
  readonly endpointPath: string;
  /** Builds the JSON-RPC method and named params of one call. */
  encode(
    operation: FaysalOperation,
    input: unknown,
    context: { info: FaysalInfo },
  ): { method: string; params: Record<string, unknown> };
  /** Reads one `result` (zod-checked); throws `ProtocolError` when it does not match. */
  decode(operation: FaysalOperation, result: unknown): FaysalDecodedResult;
  /** Reads a JSON-RPC error object. */
  decodeError(error: { code: number; message: string; data?: unknown }): FaysalDecodedError;
  /** Classifies a response code or a JSON-RPC error code. */
  classify(code: { responseCode?: string; rpcErrorCode?: number }): FaysalClassification;
  /** Reads an inbound notification's method and (decrypted) params; throws `ProtocolError` when malformed. */
  decodeNotification(method: string, params: unknown): FaysalNotificationEvent;
  /** The `result` of the acknowledgement reply. */
  encodeNotificationAck(): Record<string, unknown>;
  /** Bank side (simulator): the operation a method name stands for. */
  operationOf(method: string): FaysalOperation | undefined;
  /** Bank side (simulator): the method name of the status notification. */
  readonly notificationMethod: string;
}

/** What `decode('credit', …)` returns as `value` (the client adds `partnerReference`, `resolvedBy`, `replayed`). */
export interface CreditReplyValue {
  status: 'completed' | 'pending' | 'on_hold' | 'rejected';
  bankReference: string;
  rail: 'BOOK' | 'RAAST' | 'IBFT';
  rrn: string;
  stan: string;
  creditedAt?: Date;
  /** On `0110`: the original credit, with what identifies it (spec §2.1). */
  original?: Omit<CreditReplyValue, 'original'> & {
    amount: import('@wirebridge/core').Money;
    beneficiaryAccount: string;
  };
  raw: unknown;
}

/** Input the codec encodes for `inquiry` (the SDK's union, `txnDate` as a Date). */
export type InquiryWireInput =
  | { partnerReference: string }
  | { returnReference: string }
  | { rrn: string; stan: string; txnDate: Date };
