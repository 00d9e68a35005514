/**
 * Pieces shared by the operation declarations: input schemas of the common fields, the gateway reply
 * reader, and the money-call resolver (spec §2 "Outcome rules").
 */
import {
  type AttemptContext,
  type CodesTable,
  type HttpResponse,
  OutcomeUnknownError,
  ProtocolError,
  type Resolution,
  type ResolutionContext,
  type RunOperation,
} from '@wirebridge/core';
import { z } from 'zod';
import { UnionPayError } from '../unionpay-error.js';
import type { MoneyResult, UnionPayTransaction } from '../unionpay-types.js';
import { readResponse, type UnionPayWireContext, vendorDetailCodeOf } from '../wire/unionpay-codec.js';

/** `orderId`: AN 8–40 of `[0-9A-Za-z]` (spec §4). */
export const orderIdSchema = z.string().regex(/^[0-9A-Za-z]{8,40}$/, 'must be 8–40 letters or digits');
/** Amount in fen: N1–12, positive. */
export const amountSchema = z.number().int().positive().max(999_999_999_999);
/** Only CNY in v1 (spec §4). */
export const currencySchema = z.literal('CNY');
/** `origQryId`: AN21. */
export const queryIdSchema = z.string().regex(/^[0-9A-Za-z]{21}$/, 'must be 21 letters or digits');
/** A PAN: 12–19 digits (spaces allowed and removed). */
export const panSchema = z
  .string()
  .transform((value) => value.replaceAll(' ', ''))
  .pipe(z.string().regex(/^\d{12,19}$/, 'must be 12–19 digits'));

/** `orderTime`, defaulting to the client clock; parsed once per call, so every retry reuses it. */
export function orderTimeSchema(wire: UnionPayWireContext) {
  return z
    .date()
    .refine((value) => !Number.isNaN(value.getTime()), 'must be a valid date')
    .optional()
    .transform((value) => value ?? wire.clock());
}

/** `reqReserved` (spec §4): ≤ 1024 bytes; `raw` mode rejects characters that break the body's syntax. */
export function passthroughSchema(wire: UnionPayWireContext) {
  return z
    .string()
    .refine(
      (value) => wire.passthroughMode === 'base64' || !/[&={}[\]"']/.test(value),
      'must not contain & = { } [ ] " \' in raw passthrough mode (use passthroughMode base64)',
    )
    .refine(
      (value) =>
        (wire.passthroughMode === 'base64'
          ? Buffer.from(value, 'utf8').toString('base64').length
          : Buffer.byteLength(value, 'utf8')) <= 1024,
      'must encode to at most 1024 bytes',
    )
    .optional();
}

/** A verified gateway reply with its code classified. */
export interface GatewayReply {
  fields: Record<string, string>;
  code: string;
  message: string;
}

/**
 * Verifies a reply and throws a {@link UnionPayError} for a non-success, non-pending code, carrying the
 * order reference and the detail code (spec §6 last line).
 */
export function readGatewayReply(
  wire: UnionPayWireContext,
  codes: CodesTable,
  response: HttpResponse,
  context: AttemptContext,
  order?: { orderId: string; orderTime: Date },
  options: { keyed?: boolean } = {},
): GatewayReply {
  const fields = readResponse(wire, response);
  const code = fields.respCode;
  if (code === undefined || code === '') {
    throw new ProtocolError({ message: `${context.operation}: reply has no respCode`, vendor: 'unionpay' });
  }
  if (order !== undefined && fields.orderId !== undefined && fields.orderId !== order.orderId) {
    throw new ProtocolError({
      message: `${context.operation}: reply is for another order`,
      vendor: 'unionpay',
    });
  }
  const message = fields.respMsg ?? '';
  if (options.keyed) failOnResentDuplicate(code, context);
  const meaning = codes.lookup(code);
  if (meaning.outcome === 'error') {
    const detail = vendorDetailCodeOf(message);
    throw new UnionPayError({
      operation: context.operation,
      category: meaning.category,
      retryable: meaning.retryable,
      vendorCode: code,
      vendorMessage: message,
      ...(detail === undefined ? {} : { vendorDetailCode: detail }),
      ...(order === undefined ? {} : { orderId: order.orderId, orderTime: order.orderTime }),
      ...(fields.queryId === undefined ? {} : { queryId: fields.queryId }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
  }
  return { fields, code, message };
}

/**
 * Spec §6 `12`: "on a resent keyed call run the resolver". A duplicate on attempt 1 is the caller's reused
 * `orderId` (a plain `duplicate` error); on a retry it is our own first send, so the outcome is unknown.
 */
function failOnResentDuplicate(code: string, context: AttemptContext): void {
  if (code === '12' && context.attempt > 1) {
    throw new OutcomeUnknownError({
      message: `${context.operation}: the gateway already has this order (12) from an earlier attempt`,
      vendor: 'unionpay',
      operation: context.operation,
      details: { vendorCode: '12' },
    });
  }
}

/** The MoneyResult schema the pipeline validates (spec §11). */
export const moneyResultSchema = z.object({
  orderId: z.string(),
  orderTime: z.date(),
  status: z.enum(['accepted', 'succeeded']),
  queryId: z.string().optional(),
  vendorCode: z.string(),
  vendorMessage: z.string(),
});

/** The UnionPayTransaction schema the pipeline validates. */
export const transactionSchema = z.custom<UnionPayTransaction>(
  (value) => typeof value === 'object' && value !== null && 'status' in value && 'orderId' in value,
);

/** A money call's accepted sync reply. */
export function acceptedResult(
  reply: GatewayReply,
  input: { orderId: string; orderTime: Date },
): MoneyResult {
  return {
    orderId: input.orderId,
    orderTime: input.orderTime,
    status: 'accepted',
    ...(reply.fields.queryId === undefined ? {} : { queryId: reply.fields.queryId }),
    vendorCode: reply.code,
    vendorMessage: reply.message,
  };
}

/** What a query told the resolver, as the resolution of a money call (spec §2 outcome rules). */
export function resolutionOf(transaction: UnionPayTransaction, operation: string): Resolution<MoneyResult> {
  if (transaction.status === 'succeeded') {
    return {
      status: 'completed',
      value: {
        orderId: transaction.orderId,
        orderTime: transaction.orderTime,
        status: 'succeeded',
        ...(transaction.queryId === undefined ? {} : { queryId: transaction.queryId }),
        vendorCode: transaction.raw.origRespCode ?? '',
        vendorMessage: transaction.raw.origRespMsg ?? '',
      },
    };
  }
  if (transaction.status === 'failed' && transaction.failure) {
    const detail = vendorDetailCodeOf(transaction.failure.vendorMessage);
    return {
      status: 'failed',
      error: new UnionPayError({
        operation,
        category: transaction.failure.category,
        retryable: false,
        vendorCode: transaction.failure.vendorCode,
        vendorMessage: transaction.failure.vendorMessage,
        ...(detail === undefined ? {} : { vendorDetailCode: detail }),
        orderId: transaction.orderId,
        orderTime: transaction.orderTime,
        ...(transaction.queryId === undefined ? {} : { queryId: transaction.queryId }),
      }),
    };
  }
  return { status: 'pending' };
}

/** Builds the resolver of a money call: one query per step of the schedule (spec §2). */
export function queryResolver<TInput extends { orderId: string; orderTime: Date }>(
  query: Parameters<RunOperation>[0],
): (context: ResolutionContext<TInput>) => Promise<Resolution<MoneyResult>> {
  return async (context) => {
    const transaction = (await context.run(
      query,
      { orderId: context.input.orderId, orderTime: context.input.orderTime },
      { maxAttempts: 1 },
    )) as UnionPayTransaction;
    return resolutionOf(transaction, context.operation);
  };
}
