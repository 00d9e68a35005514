/*
 * The Sourced KICC wire format (spec §3–§5): JSON bodies, SDK ↔ wire names, `msgAuthValue` inputs and the
 * approval/revise response shapes. The only module besides modelled-codec.ts that knows KICC's field names.
 */
import {
  type HttpRequest,
  type HttpResponse,
  jsonRequestBody,
  ProtocolError,
  parseJsonBody,
  SignatureError,
} from '@wirebridge/core';
import { z } from 'zod';
import { KiccError } from '../kicc-error.js';
import type { KiccCancellation, KiccVirtualAccount } from '../operations/kicc-schemas.js';
import { parseKst, parseOptionalKst } from './kicc-kst.js';
import { computeMsgAuthValue, verifyMsgAuthValue } from './kicc-mac.js';
import { virtualAccountStatus } from './modelled-codec.js';

/** Sourced paths (spec §2). */
export const kiccPaths = Object.freeze({
  webpay: '/api/ep9/trades/webpay',
  approval: '/api/ep9/trades/approval',
  revise: '/api/trades/revise',
  retrieveTransaction: '/api/trades/retrieveTransaction',
});

/** A JSON POST with the exact bytes that are sent (spec §3: `Accept: application/json`). */
export function jsonPost(path: string, body: Record<string, unknown>): HttpRequest {
  const serialized = jsonRequestBody(body);
  return {
    method: 'POST',
    path,
    headers: { ...serialized.headers, Accept: 'application/json' },
    body: serialized.body,
  };
}

/** The `resCd`/`resMsg` every KICC response carries (spec §4). */
export interface KiccReplyHeader {
  resCd: string;
  resMsg?: string;
  body: Record<string, unknown>;
}

/**
 * Reads a KICC reply (spec §3): HTTP 200 with a JSON object carrying `resCd` is an answer. A 4xx is an
 * `invalid_request` {@link KiccError}; any other status, non-JSON or a missing `resCd` is a `ProtocolError`
 * (the pipeline retries it for safe calls and resolves it for keyed ones). 5xx never gets here: the transport
 * reports it as an unknown outcome.
 */
export function readKiccReply(response: HttpResponse, operation: string): KiccReplyHeader {
  if (response.status >= 400 && response.status < 500) {
    throw new KiccError({
      operation,
      category: 'invalid_request',
      retryable: false,
      vendorCode: `HTTP_${response.status}`,
      httpStatus: response.status,
    });
  }
  if (response.status !== 200) {
    throw new ProtocolError({
      message: `${operation}: unexpected HTTP status ${response.status}`,
      vendor: 'kicc',
      operation,
      details: { status: response.status },
    });
  }
  const body = parseJsonBody(response);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProtocolError({
      message: `${operation}: reply is not a JSON object`,
      vendor: 'kicc',
      operation,
    });
  }
  const record = body as Record<string, unknown>;
  if (typeof record.resCd !== 'string' || record.resCd.length === 0) {
    throw new ProtocolError({ message: `${operation}: reply has no resCd`, vendor: 'kicc', operation });
  }
  return {
    resCd: record.resCd,
    ...(typeof record.resMsg === 'string' ? { resMsg: record.resMsg } : {}),
    body: record,
  };
}

const kstText = z.string().regex(/^\d{14}$/);
const optionalText = z.string().optional().default('');

/** Approval-shaped response (spec §4.1), lenient on fields KICC may add (they are ignored). */
const wireApproval = z.object({
  pgCno: z.string().min(1),
  shopTransactionId: z.string().optional(),
  shopOrderNo: z.string(),
  amount: z.number().int(),
  transactionDate: kstText,
  statusCode: z.string(),
  msgAuthValue: z.string().optional(),
  paymentInfo: z.object({
    virtualAccountInfo: z.object({
      bankCode: z.string(),
      bankName: optionalText,
      accountNo: z.string().min(1),
      depositName: optionalText,
      expiryDate: kstText,
    }),
  }),
  depositInfo: z
    .object({
      depositDate: kstText,
      depositAmount: z.number().int(),
      depositorName: z.string().optional(),
      depositBankCode: z.string().optional(),
    })
    .optional(),
  cancelPgCno: z.string().optional(),
});
type WireApproval = z.output<typeof wireApproval>;

/** Revise-shaped response (spec §4.3). */
const wireRevise = z.object({
  shopTransactionId: z.string(),
  oriPgCno: z.string().min(1),
  cancelPgCno: z.string().min(1),
  transactionDate: kstText,
  cancelAmount: z.number().int(),
  remainAmount: z.number().int(),
  statusCode: z.string(),
  reviseInfo: z
    .object({ refundInfo: z.object({ refundDate: z.string().optional() }).partial().optional() })
    .partial()
    .optional(),
});

function parseWire<T extends z.ZodType>(schema: T, body: unknown, operation: string): z.output<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ProtocolError({
    message: `${operation}: the reply does not have the expected shape`,
    vendor: 'kicc',
    operation,
    details: { fields: [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))] },
  });
}

/** True when a retrieved transaction is revise-shaped (spec §4.4: it has `cancelPgCno` and `oriPgCno`). */
export function isReviseShaped(body: Record<string, unknown>): boolean {
  return typeof body.cancelPgCno === 'string' && typeof body.oriPgCno === 'string';
}

/** Approval-shaped body → {@link KiccVirtualAccount}. */
export function decodeVirtualAccount(
  body: Record<string, unknown>,
  options: { operation: string; now: Date; integrity: KiccVirtualAccount['integrity'] },
): KiccVirtualAccount {
  const wire = parseWire(wireApproval, body, options.operation);
  return toVirtualAccount(wire, options.now, options.integrity);
}

function toVirtualAccount(
  wire: WireApproval,
  now: Date,
  integrity: KiccVirtualAccount['integrity'],
): KiccVirtualAccount {
  const info = wire.paymentInfo.virtualAccountInfo;
  const expiresAt = parseKst(info.expiryDate);
  // A deposit notice not reversed shows as depositInfo on the inquiry (spec §4.5, §4.6).
  const deposit = wire.depositInfo
    ? {
        depositedAt: parseKst(wire.depositInfo.depositDate),
        amount: wire.depositInfo.depositAmount,
        ...(wire.depositInfo.depositorName ? { depositorName: wire.depositInfo.depositorName } : {}),
        ...(wire.depositInfo.depositBankCode ? { bankCode: wire.depositInfo.depositBankCode } : {}),
      }
    : undefined;
  let status = virtualAccountStatus(wire.statusCode, expiresAt, now);
  if (status === 'unknown' && deposit) status = 'deposited';
  return {
    transactionId: wire.pgCno,
    orderNumber: wire.shopOrderNo,
    ...(wire.shopTransactionId ? { idempotencyKey: wire.shopTransactionId } : {}),
    transactionDate: parseKst(wire.transactionDate),
    amount: wire.amount,
    currency: 'KRW',
    bankCode: info.bankCode,
    bankName: info.bankName,
    accountNumber: info.accountNo,
    holderName: info.depositName,
    expiresAt,
    status,
    vendorStatusCode: wire.statusCode,
    ...(deposit ? { deposit } : {}),
    ...(wire.cancelPgCno ? { cancelTransactionId: wire.cancelPgCno } : {}),
    integrity,
  };
}

/**
 * Checks an approval or Modelled-issue response (spec §5): `msgAuthValue` over `pgCno|amount|transactionDate`
 * with the current or previous key, the amount against the requested one, and the echoed `shopOrderNo` and
 * `shopTransactionId`. Any mismatch is a {@link SignatureError} carrying the `pgCno` and amount, so the resolver
 * can confirm (or refute) the result by inquiry — never an automatic cancel.
 */
export function verifyApprovalResponse(
  body: Record<string, unknown>,
  expected: {
    operation: string;
    keys: readonly string[];
    orderNumber: string;
    idempotencyKey: string;
    amount?: number;
  },
): void {
  const wire = parseWire(wireApproval, body, expected.operation);
  const problems: string[] = [];
  if (
    !verifyMsgAuthValue(
      expected.keys,
      [wire.pgCno, wire.amount, wire.transactionDate],
      wire.msgAuthValue ?? '',
    )
  ) {
    problems.push('msgAuthValue');
  }
  if (expected.amount !== undefined && wire.amount !== expected.amount) problems.push('amount');
  if (wire.shopOrderNo !== expected.orderNumber) problems.push('shopOrderNo');
  if (wire.shopTransactionId !== undefined && wire.shopTransactionId !== expected.idempotencyKey) {
    problems.push('shopTransactionId');
  }
  if (problems.length > 0) {
    throw new SignatureError({
      message: `${expected.operation}: the reply failed its integrity check (${problems.join(', ')})`,
      vendor: 'kicc',
      operation: expected.operation,
      idempotencyKey: expected.idempotencyKey,
      details: { failedChecks: problems, transactionId: wire.pgCno, amount: wire.amount },
    });
  }
}

/** Revise-shaped body → {@link KiccCancellation}. */
export function decodeCancellation(body: Record<string, unknown>, operation: string): KiccCancellation {
  const wire = parseWire(wireRevise, body, operation);
  const refundDate = parseOptionalKst(wire.reviseInfo?.refundInfo?.refundDate);
  return {
    transactionId: wire.oriPgCno,
    cancelTransactionId: wire.cancelPgCno,
    idempotencyKey: wire.shopTransactionId,
    cancelledAt: parseKst(wire.transactionDate),
    cancelAmount: wire.cancelAmount,
    remainingAmount: wire.remainAmount,
    currency: 'KRW',
    vendorStatusCode: wire.statusCode,
    ...(refundDate ? { refundDate } : {}),
  };
}

/** Fields of a revise request (spec §4.3). */
export interface ReviseRequestFields {
  merchantId: string;
  secretKey: string;
  idempotencyKey: string;
  transactionId: string;
  reviseTypeCode: string;
  reviseSubTypeCode?: string | undefined;
  amount?: number | undefined;
  remainingAmount?: number | undefined;
  requestDate: string;
  clientIp?: string | undefined;
  clientId?: string | undefined;
  reason?: string | undefined;
  refundQuery?: boolean;
  refundAccount?: { bankCode: string; accountNumber: string; holderName: string } | undefined;
}

/**
 * The revise request (cancel, refund, bulk). `msgAuthValue` = HMAC over `pgCno|shopTransactionId`, where
 * `pgCno` is the original transaction and `shopTransactionId` this request's key (spec §5).
 */
export function encodeRevise(fields: ReviseRequestFields): HttpRequest {
  return jsonPost(kiccPaths.revise, {
    mallId: fields.merchantId,
    shopTransactionId: fields.idempotencyKey,
    pgCno: fields.transactionId,
    reviseTypeCode: fields.reviseTypeCode,
    reviseSubTypeCode: fields.reviseSubTypeCode,
    amount: fields.amount,
    remainAmount: fields.remainingAmount,
    clientIp: fields.clientIp,
    clientId: fields.clientId,
    cancelReqDate: fields.requestDate,
    msgAuthValue: computeMsgAuthValue(fields.secretKey, [fields.transactionId, fields.idempotencyKey]),
    reviseMessage: fields.reason,
    refundQueryFlag: fields.refundQuery ? 'Y' : undefined,
    refundInfo: fields.refundAccount
      ? {
          refundBankCode: fields.refundAccount.bankCode,
          refundAccountNo: fields.refundAccount.accountNumber,
          refundDepositName: fields.refundAccount.holderName,
        }
      : undefined,
  });
}

/** `retrieveTransaction` (spec §4.4): no `msgAuthValue`; only yesterday and today are covered. */
export function encodeRetrieveTransaction(
  merchantId: string,
  idempotencyKey: string,
  transactionDate: string,
): HttpRequest {
  return jsonPost(kiccPaths.retrieveTransaction, {
    mallId: merchantId,
    shopTransactionId: idempotencyKey,
    transactionDate,
  });
}

/** `approval` after the payment window (spec §4.2). */
export function encodeApproval(fields: {
  merchantId: string;
  idempotencyKey: string;
  authorizationId: string;
  orderNumber: string;
  requestDate: string;
}): HttpRequest {
  return jsonPost(kiccPaths.approval, {
    mallId: fields.merchantId,
    shopTransactionId: fields.idempotencyKey,
    authorizationId: fields.authorizationId,
    shopOrderNo: fields.orderNumber,
    approvalReqDate: fields.requestDate,
  });
}

/** `webpay` for a VA payment window (spec §4.2). */
export function encodeWebpay(fields: {
  merchantId: string;
  orderNumber: string;
  amount: number;
  returnUrl: string;
  device: 'pc' | 'mobile';
  language?: string | undefined;
  itemName: string;
  customerInfo?: Record<string, string | undefined> | undefined;
  shopValueInfo?: Record<string, string> | undefined;
}): HttpRequest {
  return jsonPost(kiccPaths.webpay, {
    mallId: fields.merchantId,
    shopOrderNo: fields.orderNumber,
    amount: fields.amount,
    currency: '00',
    payMethodTypeCode: '22',
    clientTypeCode: '00',
    deviceTypeCode: fields.device,
    returnUrl: fields.returnUrl,
    langFlag: fields.language,
    orderInfo: { goodsName: fields.itemName, customerInfo: fields.customerInfo },
    shopValueInfo: fields.shopValueInfo,
  });
}

/** Reads `authPageUrl` from a `webpay` reply. */
export function decodeWebpay(body: Record<string, unknown>, operation: string): string {
  return parseWire(z.object({ authPageUrl: z.url() }), body, operation).authPageUrl;
}
