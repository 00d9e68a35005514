import type { AttemptContext, CodesTable } from '@wirebridge/core';
import { z } from 'zod';
import { createBillgateCodes, mapBillgateResult } from '../billgate-codes.js';
import type { ResolvedBillgateConfig } from '../billgate-config.js';
import { BillgateError } from '../billgate-error.js';
import type { BillgateWireRequest } from '../billgate-transport.js';
import { BILLGATE_VERSION, MOBILE_SERVICE_CODE, responseCommandOf } from '../wire/billgate-constants.js';
import {
  assertResponseMatches,
  type BillgateCipherSet,
  encodeOpaque,
  openPayload,
  type ResolvedText,
  resolveText,
  sealFrame,
} from '../wire/billgate-frame.js';
import { createBillgateCipher } from '../wire/billgate-key.js';
import { readResult } from '../wire/billgate-messages.js';
import type { BillgateMessage } from '../wire/billgate-types.js';

/** What every operation of one client shares: config, ciphers, charsets, codes. */
export interface BillgateOperationContext {
  readonly config: ResolvedBillgateConfig;
  readonly ciphers: BillgateCipherSet;
  readonly text: ResolvedText;
  readonly codes: CodesTable;
}

export function createOperationContext(config: ResolvedBillgateConfig): BillgateOperationContext {
  const next = config.credentials.next;
  return {
    config,
    ciphers: {
      current: createBillgateCipher(config.credentials.current, 'credentials.current'),
      ...(next === undefined ? {} : { next: createBillgateCipher(next, 'credentials.next') }),
    },
    text: resolveText({
      ...(config.textEncoding === undefined ? {} : { textEncoding: config.textEncoding }),
    }),
    codes: createBillgateCodes(config.resultCodes),
  };
}

const requestKey = 'billgate.request';

/** Builds the frame of one request and remembers the message, so the response can be matched to it. */
export function encodeRequest(
  context: BillgateOperationContext,
  attempt: AttemptContext,
  message: Omit<BillgateMessage, 'version' | 'merchantId' | 'serviceCode'> & { serviceCode?: string },
): BillgateWireRequest {
  const full: BillgateMessage = {
    version: BILLGATE_VERSION,
    merchantId: context.config.serviceId,
    serviceCode: message.serviceCode ?? MOBILE_SERVICE_CODE,
    command: message.command,
    orderId: message.orderId,
    orderDate: message.orderDate,
    tags: message.tags,
  };
  attempt.state.set(requestKey, full);
  const frame = sealFrame(full, encodeOpaque(full, context.text), context.ciphers.current);
  return { serviceCode: full.serviceCode, frame };
}

/** Sends forwarded opaque bytes unchanged (a window MESSAGE), re-encrypted under the current key (spec §2.1). */
export function encodeForwarded(
  context: BillgateOperationContext,
  attempt: AttemptContext,
  message: BillgateMessage,
  opaque: Buffer,
): BillgateWireRequest {
  attempt.state.set(requestKey, message);
  return { serviceCode: message.serviceCode, frame: sealFrame(message, opaque, context.ciphers.current) };
}

/** Decrypts and parses a response, and checks it answers the request of this attempt (spec §4.1). */
export function decodeResponse(
  context: BillgateOperationContext,
  attempt: AttemptContext,
  response: Buffer,
): BillgateMessage {
  const request = attempt.state.get(requestKey) as BillgateMessage;
  const { message } = openPayload(response, context.ciphers, context.text);
  assertResponseMatches(request, message, responseCommandOf(request.command));
  return message;
}

/** The result code (1002) of a response. */
export function resultCodeOf(message: BillgateMessage): string {
  return readResult(message).code;
}

/** Builds the `BillgateError` of a non-success response, classified by the codes data (spec §6). */
export function errorOf(
  context: BillgateOperationContext,
  attempt: { operation: string; idempotencyKey: string | undefined },
  message: BillgateMessage,
): BillgateError {
  const result = readResult(message);
  const meaning = mapBillgateResult(result.code, result.detailCode, context.config.resultCodes);
  return new BillgateError({
    vendor: 'billgate',
    operation: attempt.operation,
    category: meaning.category === 'success' ? 'unknown' : meaning.category,
    retryable: meaning.retryable,
    vendorCode: result.code,
    ...(result.message ? { vendorMessage: result.message } : {}),
    ...(result.detailCode ? { detailCode: result.detailCode } : {}),
    ...(result.detailMessage ? { detailMessage: result.detailMessage } : {}),
    ...(attempt.idempotencyKey === undefined ? {} : { idempotencyKey: attempt.idempotencyKey }),
  });
}

// ---- shared input schemas (field errors name the field: DESIGN §2 step 1) ----

/** Order id: ASCII, 1–64 bytes (opaque header AN64, spec §4.2). */
export const orderIdSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,64}$/, 'must be 1–64 printable ASCII characters');
/** Billgate transaction id (tag 1001): printable ASCII. */
export const transactionIdSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,40}$/, 'must be 1–40 printable ASCII characters');
/** A valid date (the header carries it as KST `YYYYMMDDhhmmss`). */
export const orderDateSchema = z
  .date()
  .refine((date) => !Number.isNaN(date.getTime()), 'must be a valid date');
/** KRW, integer won. */
export const krwAmountSchema = z
  .number()
  .int('must be an integer number of won')
  .positive()
  .max(99_999_999_999);
export const krwSchema = z.literal('KRW');

/** Transaction reference of 9000/9100/5000: the original approval's header and id (spec §4.5). */
export const transactionRefSchema = z.object({
  orderId: orderIdSchema,
  orderDate: orderDateSchema,
  transactionId: transactionIdSchema,
});
