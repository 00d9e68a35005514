import { type HttpResponse, ProtocolError } from '@wirebridge/core';
import { z } from 'zod';
import { fromVentajaAmount, toVentajaAmount } from './ventaja-amount.js';
import { serializeVentajaEnvelope, type VentajaEnvelope } from './ventaja-envelope.js';

/*
 * The only module that knows Ventaja's paths, `data` field names and response shapes (spec §4.3). Every
 * **Modelled** name (e-load fields, `status`/`remarks`, balance/receipt/pulldata shapes, message keys) lives
 * here, so it can be swapped at onboarding without touching the operations.
 */

/** The two Ventaja hosts (spec §3). */
export type VentajaHost = 'bills' | 'eload';

/** Which request envelope the bills host expects (spec §4.1). */
export type VentajaWireGeneration = 'unified' | 'v4';

/** One Ventaja endpoint: its host, path, and the v4 operation code where the spec gives one (spec §2). */
export interface VentajaEndpoint {
  host: VentajaHost;
  path: string;
  v4Code?: number;
}

/** Every endpoint the package calls (spec §2 table). */
export const VENTAJA_ENDPOINTS = {
  validate: { host: 'bills', path: '/validate', v4Code: 118 },
  process: { host: 'bills', path: '/process', v4Code: 118 },
  inquiry: { host: 'bills', path: '/inquiry', v4Code: 107 },
  cancel: { host: 'bills', path: '/cancel', v4Code: 107 },
  pulldata: { host: 'bills', path: '/pulldata' },
  receipt: { host: 'bills', path: '/receipt' },
  billsBalance: { host: 'bills', path: '/balance' },
  productList: { host: 'eload', path: '/product-list' },
  prefixList: { host: 'eload', path: '/prefix-list' },
  telcoStatus: { host: 'eload', path: '/telco-status' },
  topupRequest: { host: 'eload', path: '/topup-request' },
  topupInquiry: { host: 'eload', path: '/topup-inquiry' },
  eloadBalance: { host: 'eload', path: '/balance' },
} as const satisfies Record<string, VentajaEndpoint>;

/** A request body ready to sign: the exact bytes and where they go. */
export interface VentajaUnsignedRequest {
  host: VentajaHost;
  path: string;
  /** The exact bytes that are signed and sent (spec §5). */
  body: Buffer;
}

/** Credentials that go into every envelope (spec §4.1). */
export interface VentajaEnvelopeCredentials {
  outletId: string;
  uid: string;
  password: string;
}

/** Builds the envelope for one endpoint and serializes it once (spec §4.1, §5 step 1). */
export function encodeVentajaRequest(
  endpoint: VentajaEndpoint,
  data: Record<string, unknown> | null,
  credentials: VentajaEnvelopeCredentials,
  generation: VentajaWireGeneration,
): VentajaUnsignedRequest {
  const envelope: VentajaEnvelope = {
    id: credentials.outletId,
    uid: credentials.uid,
    pwd: credentials.password,
    data,
  };
  let path: string = endpoint.path;
  if (generation === 'v4' && endpoint.host === 'bills') {
    if (endpoint === VENTAJA_ENDPOINTS.billsBalance) {
      // v4 balance is code 100 to /process with `data: null` (spec §2).
      path = VENTAJA_ENDPOINTS.process.path;
      envelope.code = 100;
      envelope.data = null;
    } else if (endpoint.v4Code !== undefined) {
      envelope.code = endpoint.v4Code;
    }
    envelope.countryCode = 'PH';
  }
  return { host: endpoint.host, path, body: serializeVentajaEnvelope(envelope) };
}

// ---------------------------------------------------------------------------------------------------------
// Request `data` payloads, keys in the spec §4.3 order.

/** `validate` / `process` data (spec §4.3): biller fields, then the biller-specific `extra` (**Modelled**). */
export function billData(input: {
  billerCode: string;
  accountNumber: string;
  identifier: string;
  amountMinor: number;
  agentRefNo: string;
  extra?: Readonly<Record<string, string | number>>;
}): Record<string, unknown> {
  return {
    billerCode: input.billerCode,
    accountNumber: input.accountNumber,
    identifier: input.identifier,
    amount: toVentajaAmount(input.amountMinor),
    agentRefNo: input.agentRefNo,
    ...input.extra,
  };
}

/** The `data` keys `extra` may not replace. */
export const RESERVED_BILL_FIELDS: ReadonlySet<string> = new Set([
  'billerCode',
  'accountNumber',
  'identifier',
  'amount',
  'agentRefNo',
]);

/** `inquiry` data (spec §4.3). */
export function inquiryData(input: {
  agentRefNo: string;
  transactionNumber?: string | undefined;
  referenceNumber?: string | undefined;
}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (input.transactionNumber !== undefined) data.transactionNumber = input.transactionNumber;
  if (input.referenceNumber !== undefined) data.referenceNumber = input.referenceNumber;
  data.agentRefNo = input.agentRefNo;
  return data;
}

/** `cancel` data: the original payment's numbers (spec §4.3). */
export function cancelData(input: {
  transactionNumber: string;
  referenceNumber: string;
  agentRefNo: string;
}): Record<string, unknown> {
  return {
    transactionNumber: input.transactionNumber,
    referenceNumber: input.referenceNumber,
    agentRefNo: input.agentRefNo,
  };
}

/** `pulldata` data (spec §4.3). */
export function pullDataData(input: {
  billerCode: string;
  accountNumber: string;
  identifier?: string | undefined;
}): Record<string, unknown> {
  const data: Record<string, unknown> = { billerCode: input.billerCode, accountNumber: input.accountNumber };
  if (input.identifier !== undefined) data.identifier = input.identifier;
  return data;
}

/** `receipt` data (spec §4.3). */
export function receiptData(input: {
  transactionNumber: string;
  agentRefNo: string;
}): Record<string, unknown> {
  return { transactionNumber: input.transactionNumber, agentRefNo: input.agentRefNo };
}

/** `product-list` data (spec §4.3, **Modelled**). */
export function productListData(input: { telco?: string | undefined }): Record<string, unknown> {
  return input.telco === undefined ? {} : { telco: input.telco };
}

/** `topup-request` data (spec §4.3, **Modelled** names). */
export function topupData(input: {
  productCode: string;
  mobileNumber: string;
  amountMinor: number;
  agentRefNo: string;
}): Record<string, unknown> {
  return {
    productCode: input.productCode,
    mobileNumber: input.mobileNumber,
    amount: toVentajaAmount(input.amountMinor),
    agentRefNo: input.agentRefNo,
  };
}

/** `topup-inquiry` data (spec §4.3, **Modelled**). */
export function topupInquiryData(input: { agentRefNo: string; transactionNumber?: string | undefined }) {
  const data: Record<string, unknown> = { agentRefNo: input.agentRefNo };
  if (input.transactionNumber !== undefined) data.transactionNumber = input.transactionNumber;
  return data;
}

// ---------------------------------------------------------------------------------------------------------
// Responses.

/** A Ventaja reply as read from the wire (spec §4.2). */
export interface VentajaReply {
  /** `responseCode` as a string (`'100'`, `'124'`). */
  code: string;
  /** The first of `message` / `responseMessage` / `description` present (**Modelled**). */
  message?: string;
  /** `data`, unvalidated. */
  data: unknown;
  /** The whole parsed body. */
  raw: Record<string, unknown>;
}

const messageKeys = ['message', 'responseMessage', 'description'] as const;

/**
 * Reads the response envelope (spec §4.2): HTTP 200, a JSON object with a numeric (or numeric-string)
 * `responseCode`. Anything else is a `ProtocolError`; the pipeline turns it into an unknown outcome for the
 * money-moving operations.
 */
export function decodeVentajaReply(response: HttpResponse, operation: string): VentajaReply {
  const subject = { vendor: 'ventaja', operation };
  if (response.status !== 200) {
    throw new ProtocolError({
      message: `${operation}: HTTP ${response.status}`,
      ...subject,
      details: { status: response.status },
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new ProtocolError({ message: `${operation}: the reply is not JSON`, ...subject });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProtocolError({ message: `${operation}: the reply is not a JSON object`, ...subject });
  }
  const raw = parsed as Record<string, unknown>;
  const responseCode = raw.responseCode;
  const code =
    typeof responseCode === 'number' && Number.isInteger(responseCode)
      ? String(responseCode)
      : typeof responseCode === 'string' && /^\d{1,4}$/.test(responseCode)
        ? String(Number(responseCode))
        : undefined;
  if (code === undefined) {
    throw new ProtocolError({ message: `${operation}: the reply has no responseCode`, ...subject });
  }
  const reply: VentajaReply = { code, data: raw.data, raw };
  for (const key of messageKeys) {
    if (typeof raw[key] === 'string') {
      reply.message = raw[key];
      break;
    }
  }
  return reply;
}

/** Parses `value` with `schema`, turning a mismatch into a `ProtocolError` naming the field (not the value). */
export function readWith<T>(schema: z.ZodType<T>, value: unknown, operation: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ProtocolError({
    message: `${operation}: unexpected reply data at ${issue?.path.join('.') || '(root)'}`,
    vendor: 'ventaja',
    operation,
  });
}

const dateEntryPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

/** `dateEntry` has no offset and is Manila time (spec §4.4). */
export function fromVentajaDate(dateEntry: string): Date {
  if (!dateEntryPattern.test(dateEntry)) {
    throw new ProtocolError({ message: 'Ventaja dateEntry is not yyyy-MM-ddTHH:mm:ss', vendor: 'ventaja' });
  }
  const date = new Date(`${dateEntry}+08:00`);
  if (Number.isNaN(date.getTime()))
    throw new ProtocolError({ message: 'Ventaja dateEntry is not a date', vendor: 'ventaja' });
  return date;
}

/** Manila wall-clock text of an instant (for the simulator and for `dateEntry` fixtures). */
export function toVentajaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
}

const billRecordSchema = z
  .object({
    transactionNumber: z.string().min(1),
    referenceNumber: z.string().min(1),
    dateEntry: z.string(),
    // Modelled: inquiry adds status and remarks (spec §4.3).
    status: z.enum(['POSTED', 'PENDING', 'CANCELLED', 'REJECTED']).optional(),
    remarks: z.string().optional(),
  })
  .passthrough();

/** A bills record (`process`, `inquiry`, `cancel` data) in SDK terms. */
export interface VentajaBillRecord {
  transactionNumber: string;
  referenceNumber: string;
  enteredAt: Date;
  status: 'posted' | 'pending' | 'cancelled' | 'rejected';
  remarks?: string;
}

/** Reads a bills record; a reply without `status` (a `process` reply) is `posted`. */
export function readBillRecord(data: unknown, operation: string): VentajaBillRecord {
  const record = readWith(billRecordSchema, data, operation);
  const result: VentajaBillRecord = {
    transactionNumber: record.transactionNumber,
    referenceNumber: record.referenceNumber,
    enteredAt: fromVentajaDate(record.dateEntry),
    status: (record.status ?? 'POSTED').toLowerCase() as VentajaBillRecord['status'],
  };
  if (record.remarks !== undefined) result.remarks = record.remarks;
  return result;
}

/** Reads an optional bills record (`cancel` replies may carry none). */
export function readOptionalDate(data: unknown): Date | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const dateEntry = (data as { dateEntry?: unknown }).dateEntry;
  return typeof dateEntry === 'string' && dateEntryPattern.test(dateEntry)
    ? fromVentajaDate(dateEntry)
    : undefined;
}

/** `pulldata` / `receipt` / `validate` data kept as details (spec §4.3, **Modelled**). */
export function readDetails(data: unknown): Record<string, unknown> {
  if (data === null || data === undefined) return {};
  if (typeof data === 'string') return { receipt: data };
  if (typeof data === 'object' && !Array.isArray(data)) return { ...(data as Record<string, unknown>) };
  return { value: data };
}

/**
 * Balance (spec §4.3, **Modelled**): `{ balance, currencyCode? }`, or the first numeric key matching `/balance/i`.
 * @returns centavos
 */
export function readBalance(data: unknown, operation: string): number {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    const direct = record.balance;
    if (typeof direct === 'number' || typeof direct === 'string') return fromVentajaAmount(direct);
    for (const [key, value] of Object.entries(record)) {
      if (
        /balance/i.test(key) &&
        (typeof value === 'number' || (typeof value === 'string' && value !== ''))
      ) {
        return fromVentajaAmount(value);
      }
    }
  }
  throw new ProtocolError({
    message: `${operation}: the reply carries no balance`,
    vendor: 'ventaja',
    operation,
  });
}

const productSchema = z
  .object({
    productCode: z.string().min(1),
    telco: z.string().min(1),
    description: z.string(),
    amount: z.union([z.number(), z.string()]).optional(),
    minAmount: z.union([z.number(), z.string()]).optional(),
    maxAmount: z.union([z.number(), z.string()]).optional(),
    currencyCode: z.string().optional(),
  })
  .passthrough();

/** An e-load product in SDK terms (amounts in centavos). */
export interface VentajaProductRecord {
  productCode: string;
  telco: string;
  description: string;
  amountMinor?: number;
  rangeMinor?: { min: number; max: number };
  raw: unknown;
}

/** Reads the product list (spec §4.3, **Modelled**). */
export function readProducts(data: unknown, operation: string): VentajaProductRecord[] {
  const products = readWith(z.array(productSchema), data, operation);
  return products.map((product) => {
    const record: VentajaProductRecord = {
      productCode: product.productCode,
      telco: product.telco,
      description: product.description,
      raw: product,
    };
    if (product.amount !== undefined) record.amountMinor = fromVentajaAmount(product.amount);
    if (product.minAmount !== undefined && product.maxAmount !== undefined) {
      record.rangeMinor = {
        min: fromVentajaAmount(product.minAmount),
        max: fromVentajaAmount(product.maxAmount),
      };
    }
    return record;
  });
}

/** Reads the prefix list (spec §4.3, **Modelled**). */
export function readPrefixes(data: unknown, operation: string): { prefix: string; telco: string }[] {
  const prefixes = readWith(
    z.array(z.object({ prefix: z.string().regex(/^\d{3,5}$/), telco: z.string().min(1) }).passthrough()),
    data,
    operation,
  );
  return prefixes.map((entry) => ({ prefix: entry.prefix, telco: entry.telco }));
}

/** Reads the telco status list (spec §4.3, **Modelled**). */
export function readTelcoStatus(
  data: unknown,
  operation: string,
): { telco: string; status: 'up' | 'down' | 'maintenance' }[] {
  const statuses = readWith(
    z.array(
      z.object({ telco: z.string().min(1), status: z.enum(['UP', 'DOWN', 'MAINTENANCE']) }).passthrough(),
    ),
    data,
    operation,
  );
  return statuses.map((entry) => ({
    telco: entry.telco,
    status: entry.status.toLowerCase() as 'up' | 'down' | 'maintenance',
  }));
}

const topupSchema = z
  .object({
    transactionNumber: z.string().min(1).optional(),
    referenceNumber: z.string().min(1).optional(),
    status: z.enum(['SUCCESS', 'PENDING', 'FAILED']),
    telcoReference: z.string().optional(),
    dateEntry: z.string().optional(),
  })
  .passthrough();

/** A top-up record in SDK terms. */
export interface VentajaTopupRecord {
  transactionNumber?: string;
  referenceNumber?: string;
  telcoReference?: string;
  status: 'succeeded' | 'pending' | 'failed';
  enteredAt?: Date;
}

const topupStatus = { SUCCESS: 'succeeded', PENDING: 'pending', FAILED: 'failed' } as const;

/** Reads a `topup-request` / `topup-inquiry` record (spec §4.3, **Modelled**). */
export function readTopupRecord(data: unknown, operation: string): VentajaTopupRecord {
  const record = readWith(topupSchema, data, operation);
  const result: VentajaTopupRecord = { status: topupStatus[record.status] };
  if (record.transactionNumber !== undefined) result.transactionNumber = record.transactionNumber;
  if (record.referenceNumber !== undefined) result.referenceNumber = record.referenceNumber;
  if (record.telcoReference !== undefined) result.telcoReference = record.telcoReference;
  if (record.dateEntry !== undefined) result.enteredAt = fromVentajaDate(record.dateEntry);
  return result;
}
