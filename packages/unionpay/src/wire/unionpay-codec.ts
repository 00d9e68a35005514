/**
 * The only module that knows ACP field names (spec §4): SDK input → signed field map → body bytes, and
 * response bytes → verified field map → SDK values.
 */

import type { X509Certificate } from 'node:crypto';
import { randomInt } from 'node:crypto';
import {
  type HttpRequest,
  type HttpResponse,
  ProtocolError,
  SignatureError,
  ValidationError,
} from '@wirebridge/core';
import { isPendingCode, mapUnionPayResult } from '../unionpay-codes.js';
import type { UnionPayTransaction } from '../unionpay-types.js';
import type { UnionPayEncoding } from './charset.js';
import { encodeFormBody, parseResponseBody } from './form-codec.js';
import { buildCustomerInfo, type CustomerInfoFields, encryptSensitive } from './sensitive.js';
import { type ResolvedSigner, signMessage, verifyMessage } from './signature.js';
import { formatTxnTime, nearestYearDate, parseTxnTime } from './time.js';

/** Which host a request goes to. */
export type UnionPayEndpoint = 'front' | 'back' | 'query' | 'file';

/** What an operation's `encode` builds: the endpoint and the exact bytes. */
export interface UnionPayWireRequest {
  endpoint: UnionPayEndpoint;
  http: HttpRequest;
  /** The signed fields, for the resolver and for logs (never logged raw). */
  orderId?: string;
  txnTime?: string;
}

/** The client state the wire layer reads (current signer and encryption certificate can be swapped). */
export interface UnionPayWireContext {
  readonly merchantId: string;
  readonly encoding: UnionPayEncoding;
  readonly signMethod: '01' | '11';
  signer(): ResolvedSigner;
  encryptionCertificate(): X509Certificate | undefined;
  readonly trust: { middleCertificate: string | Buffer; rootCertificate: string | Buffer };
  readonly validateCnName: boolean;
  readonly secureKey: string | undefined;
  readonly timeZoneOffsetMinutes: number;
  readonly clock: () => Date;
  readonly backUrl: string | undefined;
  readonly frontUrl: string | undefined;
  readonly channelType: '07' | '08';
  readonly passthroughMode: 'raw' | 'base64';
  /** Delays before each resolver query (spec §2). */
  readonly resolverDelaysMs: readonly number[];
  /** Path of each endpoint on its host (from the environment URLs). */
  readonly paths: Readonly<Record<UnionPayEndpoint, string>>;
}

/** Only CNY in v1 (spec §4). */
export const CNY_CODE = '156';
const ENDPOINT_FILES: Readonly<Record<Exclude<UnionPayEndpoint, 'file'>, string>> = {
  front: 'frontTransReq.do',
  back: 'backTransReq.do',
  query: 'queryTrans.do',
};

/** Paths of the endpoints under the environment URLs. */
export function endpointPaths(urls: {
  gatewayBaseUrl: string;
  fileDownloadUrl: string;
}): Record<UnionPayEndpoint, string> {
  const gateway = new URL(urls.gatewayBaseUrl).pathname.replace(/\/?$/, '/');
  return {
    front: gateway + ENDPOINT_FILES.front,
    back: gateway + ENDPOINT_FILES.back,
    query: gateway + ENDPOINT_FILES.query,
    file: new URL(urls.fileDownloadUrl).pathname,
  };
}

/** Fields common to every request (spec §4). */
function commonFields(
  wire: UnionPayWireContext,
  selector: { txnType: string; txnSubType: string; bizType: string },
  order: { orderId?: string; txnTime: string },
): Record<string, string> {
  return {
    version: '5.1.0',
    encoding: wire.encoding,
    ...selector,
    accessType: '0',
    merId: wire.merchantId,
    ...(order.orderId === undefined ? {} : { orderId: order.orderId }),
    txnTime: order.txnTime,
  };
}

/** Signs the fields and serializes the body for `endpoint`. */
export function buildRequest(
  wire: UnionPayWireContext,
  endpoint: UnionPayEndpoint,
  fields: Record<string, string>,
): UnionPayWireRequest {
  const signed = signMessage(fields, wire.signer(), wire.encoding);
  return {
    endpoint,
    http: {
      method: 'POST',
      path: wire.paths[endpoint],
      headers: { 'Content-Type': `application/x-www-form-urlencoded;charset=${wire.encoding}` },
      body: encodeFormBody(signed, wire.encoding),
    },
    ...(fields.orderId === undefined ? {} : { orderId: fields.orderId }),
    ...(fields.txnTime === undefined ? {} : { txnTime: fields.txnTime }),
  };
}

/**
 * Reads and verifies a gateway response (spec §3, §4, §5.4). An empty body or a status other than 200 is a
 * `ProtocolError`; a failed signature, chain or CN check is a `SignatureError` (never trusted, so a keyed
 * call runs its resolver).
 */
export function readResponse(wire: UnionPayWireContext, response: HttpResponse): Record<string, string> {
  if (response.status !== 200 || response.body.length === 0) {
    throw new ProtocolError({
      message: `UnionPay answered HTTP ${response.status}${response.body.length === 0 ? ' with an empty body' : ''}`,
      vendor: 'unionpay',
      retryable: false,
      details: { status: response.status },
    });
  }
  const fields = parseResponseBody(response.body, wire.encoding);
  const verdict = verifyMessage(fields, {
    trust: wire.trust,
    validateCnName: wire.validateCnName,
    now: wire.clock(),
    ...(wire.secureKey === undefined ? {} : { secureKey: wire.secureKey }),
    encoding: wire.encoding,
  });
  if (!verdict.ok) {
    throw new SignatureError({
      message: `UnionPay response failed verification (${verdict.reason})`,
      vendor: 'unionpay',
      details: { reason: verdict.reason, respCode: fields.respCode },
    });
  }
  if (fields.merId !== undefined && fields.merId !== wire.merchantId) {
    throw new ProtocolError({
      message: 'UnionPay response names another merchant',
      vendor: 'unionpay',
      retryable: false,
    });
  }
  return fields;
}

/** The 7-digit detail code at the end of `respMsg` (spec §4). */
export function vendorDetailCodeOf(message: string | undefined): string | undefined {
  return /\[(\d{7})\]\s*$/.exec(message ?? '')?.[1];
}

/** A fresh order id for calls that need one per attempt (card lookup, 95): time + 6 random digits. */
export function freshOrderId(wire: UnionPayWireContext): string {
  return `${formatTxnTime(wire.clock(), wire.timeZoneOffsetMinutes)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/** `txnTime` of an order time. */
export function txnTimeOf(wire: UnionPayWireContext, orderTime: Date): string {
  return formatTxnTime(orderTime, wire.timeZoneOffsetMinutes);
}

/** `reqReserved` from the SDK's passthrough (spec §4): raw text, or base64 in `base64` mode. */
export function encodePassthrough(
  wire: UnionPayWireContext,
  passthrough: string | undefined,
): string | undefined {
  if (passthrough === undefined) return undefined;
  return wire.passthroughMode === 'base64'
    ? Buffer.from(passthrough, 'utf8').toString('base64')
    : passthrough;
}

/** The SDK's passthrough from `reqReserved`. */
export function decodePassthrough(mode: 'raw' | 'base64', value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return mode === 'base64' ? Buffer.from(value, 'base64').toString('utf8') : value;
}

function requireBackUrl(wire: UnionPayWireContext, field = 'backUrl'): string {
  if (wire.backUrl === undefined) {
    throw new ValidationError({
      message: `${field} is required for this operation (client option backUrl)`,
      issues: [{ path: field, code: 'required', message: 'set the client option backUrl' }],
    });
  }
  return wire.backUrl;
}

function requireEncryptionCertificate(wire: UnionPayWireContext): X509Certificate {
  const certificate = wire.encryptionCertificate();
  if (certificate === undefined) {
    throw new ValidationError({
      message: 'encryptionCertificate is required to send a card number (spec §5.6)',
      issues: [
        { path: 'encryptionCertificate', code: 'required', message: 'set the client option or refresh it' },
      ],
    });
  }
  return certificate;
}

function requireRsaSigning(wire: UnionPayWireContext, operation: string): void {
  // Spec §5.3: products carrying encrypted data require signMethod 01.
  if (wire.signMethod !== '01') {
    throw new ValidationError({
      message: `${operation} requires signMethod 01 (spec §5.3)`,
      issues: [{ path: 'signMethod', code: 'invalid_value', message: 'must be 01 for encrypted products' }],
    });
  }
}

/** Void (31/00) and refund (04/00) fields (spec §4). */
export function reversalFields(
  wire: UnionPayWireContext,
  kind: 'void' | 'refund',
  input: { orderId: string; orderTime: Date; originalQueryId: string; amount: number; passthrough?: string },
): Record<string, string> {
  const reqReserved = encodePassthrough(wire, input.passthrough);
  return {
    ...commonFields(
      wire,
      { txnType: kind === 'void' ? '31' : '04', txnSubType: '00', bizType: '000201' },
      { orderId: input.orderId, txnTime: txnTimeOf(wire, input.orderTime) },
    ),
    channelType: wire.channelType,
    txnAmt: String(input.amount),
    currencyCode: CNY_CODE,
    backUrl: requireBackUrl(wire),
    origQryId: input.originalQueryId,
    ...(reqReserved === undefined ? {} : { reqReserved }),
  };
}

/** Payout 12/00 fields (spec §4): `accNo` and holder data encrypted. */
export function payoutFields(
  wire: UnionPayWireContext,
  input: {
    orderId: string;
    orderTime: Date;
    amount: number;
    pan: string;
    holder: { name?: string; idType?: string; idNumber?: string };
    memo?: string;
    passthrough?: string;
  },
): Record<string, string> {
  requireRsaSigning(wire, 'payouts.create');
  const certificate = requireEncryptionCertificate(wire);
  const pem = certificate.toString();
  const accNo = encryptSensitive(input.pan, pem, wire.encoding);
  const customer: CustomerInfoFields = {
    ...(input.holder.idType === undefined ? {} : { certifTp: input.holder.idType }),
    ...(input.holder.idNumber === undefined ? {} : { certifId: input.holder.idNumber }),
    ...(input.holder.name === undefined ? {} : { customerNm: input.holder.name }),
  };
  const reqReserved = encodePassthrough(wire, input.passthrough);
  return {
    ...commonFields(
      wire,
      { txnType: '12', txnSubType: '00', bizType: '000401' },
      { orderId: input.orderId, txnTime: txnTimeOf(wire, input.orderTime) },
    ),
    channelType: '07',
    accType: '01',
    accNo: accNo.value,
    encryptCertId: accNo.encryptCertId,
    customerInfo: buildCustomerInfo(customer, pem, wire.encoding),
    txnAmt: String(input.amount),
    currencyCode: CNY_CODE,
    backUrl: requireBackUrl(wire),
    ...(input.memo === undefined ? {} : { billNo: input.memo }),
    ...(reqReserved === undefined ? {} : { reqReserved }),
  };
}

/** Real-name verification 72/01 fields (spec §4). */
export function cardVerifyFields(
  wire: UnionPayWireContext,
  input: {
    orderId: string;
    orderTime: Date;
    pan: string;
    holder: {
      name: string;
      idType: string;
      idNumber: string;
      phone?: string;
      cvn2?: string;
      expiry?: string;
    };
  },
): Record<string, string> {
  requireRsaSigning(wire, 'cards.verify');
  const certificate = requireEncryptionCertificate(wire);
  const pem = certificate.toString();
  const accNo = encryptSensitive(input.pan, pem, wire.encoding);
  const { holder } = input;
  return {
    ...commonFields(
      wire,
      { txnType: '72', txnSubType: '01', bizType: '000401' },
      { orderId: input.orderId, txnTime: txnTimeOf(wire, input.orderTime) },
    ),
    channelType: wire.channelType,
    accType: '01',
    accNo: accNo.value,
    encryptCertId: accNo.encryptCertId,
    customerInfo: buildCustomerInfo(
      {
        certifTp: holder.idType,
        certifId: holder.idNumber,
        customerNm: holder.name,
        ...(holder.phone === undefined ? {} : { phoneNo: holder.phone }),
        ...(holder.cvn2 === undefined ? {} : { cvn2: holder.cvn2 }),
        ...(holder.expiry === undefined ? {} : { expired: holder.expiry }),
      },
      pem,
      wire.encoding,
    ),
  };
}

/** Card info query 70/03 (Q001) fields (spec §4): no `channelType`, as in the demo. */
export function cardLookupFields(
  wire: UnionPayWireContext,
  input: { orderId: string; pan: string },
): Record<string, string> {
  requireRsaSigning(wire, 'cards.lookup');
  const certificate = requireEncryptionCertificate(wire);
  const accNo = encryptSensitive(input.pan, certificate.toString(), wire.encoding);
  return {
    ...commonFields(
      wire,
      { txnType: '70', txnSubType: '03', bizType: '000803' },
      { orderId: input.orderId, txnTime: txnTimeOf(wire, wire.clock()) },
    ),
    productId: 'Q001',
    accNo: accNo.value,
    encryptCertId: accNo.encryptCertId,
  };
}

/** Single query 00/00 fields: `bizType` of the original, its `orderId` and `txnTime` (spec §4). */
export function queryFields(
  wire: UnionPayWireContext,
  bizType: '000201' | '000401',
  reference: { orderId: string; orderTime: Date },
): Record<string, string> {
  return commonFields(
    wire,
    { txnType: '00', txnSubType: '00', bizType },
    { orderId: reference.orderId, txnTime: txnTimeOf(wire, reference.orderTime) },
  );
}

/** Encryption-certificate update 95/00 fields (spec §4). */
export function certificateUpdateFields(wire: UnionPayWireContext, orderId: string): Record<string, string> {
  return {
    ...commonFields(
      wire,
      { txnType: '95', txnSubType: '00', bizType: '000000' },
      { orderId, txnTime: txnTimeOf(wire, wire.clock()) },
    ),
    channelType: '07',
    certType: '01',
  };
}

/** File download 76/01 fields: `settleDate` MMDD, `fileType` 00, no `orderId` (spec §4). */
export function fileDownloadFields(wire: UnionPayWireContext, settleDate: string): Record<string, string> {
  return {
    ...commonFields(
      wire,
      { txnType: '76', txnSubType: '01', bizType: '000000' },
      { txnTime: txnTimeOf(wire, wire.clock()) },
    ),
    settleDate,
    fileType: '00',
  };
}

/** Front consume 01/01 fields (spec §4). */
export function frontPaymentFields(
  wire: UnionPayWireContext,
  input: {
    orderId: string;
    orderTime: Date;
    amount: number;
    channelType?: '07' | '08';
    paymentDeadline?: Date;
    passthrough?: string;
    frontUrl?: string;
    backUrl?: string;
  },
): Record<string, string> {
  const frontUrl = input.frontUrl ?? wire.frontUrl;
  if (frontUrl === undefined) {
    throw new ValidationError({
      message: 'frontUrl is required for a front payment',
      issues: [{ path: 'frontUrl', code: 'required', message: 'pass frontUrl or set the client option' }],
    });
  }
  const reqReserved = encodePassthrough(wire, input.passthrough);
  return {
    ...commonFields(
      wire,
      { txnType: '01', txnSubType: '01', bizType: '000201' },
      { orderId: input.orderId, txnTime: txnTimeOf(wire, input.orderTime) },
    ),
    channelType: input.channelType ?? wire.channelType,
    currencyCode: CNY_CODE,
    txnAmt: String(input.amount),
    frontUrl,
    backUrl: input.backUrl ?? requireBackUrl(wire),
    ...(reqReserved === undefined ? {} : { reqReserved }),
    ...(input.paymentDeadline === undefined ? {} : { payTimeout: txnTimeOf(wire, input.paymentDeadline) }),
  };
}

/** Amount in fen from `txnAmt`; `undefined` when absent or malformed. */
export function amountOf(fields: Readonly<Record<string, string>>): number | undefined {
  return /^\d{1,12}$/.test(fields.txnAmt ?? '') ? Number(fields.txnAmt) : undefined;
}

/**
 * A query response (respCode 00) as a transaction (spec §2, §6): `origRespCode` decides the status;
 * the payout context reads a wider set of codes as pending.
 */
export function transactionOf(
  wire: UnionPayWireContext,
  fields: Readonly<Record<string, string>>,
  reference: { orderId: string; orderTime: Date },
  context: 'payment' | 'payout',
  status?: 'pending',
): UnionPayTransaction {
  const code = fields.origRespCode ?? '';
  const message = fields.origRespMsg ?? '';
  const category = mapUnionPayResult(code, context).category;
  const resolvedStatus =
    status ?? (category === 'success' ? 'succeeded' : isPendingCode(code, context) ? 'pending' : 'failed');
  const amount = amountOf(fields);
  const settlementDate =
    fields.settleDate === undefined
      ? undefined
      : nearestYearDate(fields.settleDate, reference.orderTime, wire.timeZoneOffsetMinutes);
  return {
    orderId: reference.orderId,
    orderTime: reference.orderTime,
    ...(fields.queryId === undefined ? {} : { queryId: fields.queryId }),
    status: resolvedStatus,
    ...(amount === undefined ? {} : { amount }),
    ...(fields.currencyCode === CNY_CODE ? { currency: 'CNY' as const } : {}),
    ...(settlementDate === undefined ? {} : { settlementDate }),
    ...(fields.traceNo === undefined ? {} : { traceNumber: fields.traceNo }),
    ...(resolvedStatus === 'failed' && category !== 'success'
      ? { failure: { category, vendorCode: code, vendorMessage: message } }
      : {}),
    raw: redactRaw(fields),
  };
}

/** Fields never handed back in `raw` (spec §5.8): signatures, certificates, encrypted data. */
const RAW_DROPPED = new Set([
  'signature',
  'signPubKeyCert',
  'accNo',
  'customerInfo',
  'fileContent',
  'encryptPubKeyCert',
]);

/** The response map without signatures, PEMs and encrypted data. */
export function redactRaw(fields: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (!RAW_DROPPED.has(key)) raw[key] = value;
  return Object.freeze(raw);
}

/** Masks a PAN as `622609******0048` (spec §5.8). */
export function maskPan(pan: string): string {
  if (pan.length <= 10) return '*'.repeat(pan.length);
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

/** `txnTime` of a received message. */
export function orderTimeOf(
  wire: { timeZoneOffsetMinutes: number },
  fields: Readonly<Record<string, string>>,
): Date | undefined {
  return parseTxnTime(fields.txnTime, wire.timeZoneOffsetMinutes);
}
