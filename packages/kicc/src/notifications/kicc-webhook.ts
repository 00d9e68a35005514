import type { InboundRequest, NotificationHandler, NotificationResult, Reply } from '@wirebridge/core';
import { z } from 'zod';
import { KICC_WEBHOOK_IPS, type ResolvedKiccConfig } from '../kicc-config.js';
import { parseOptionalKst } from '../wire/kicc-kst.js';
import { notificationTypes } from '../wire/modelled-codec.js';

/** An inbound KICC notification as the SDK hands it to the service (spec §7, §11). */
export interface KiccNotificationEvent {
  type:
    | 'virtual_account.deposited'
    | 'virtual_account.deposit_cancelled'
    | 'payment.approved'
    | 'payment.changed'
    | 'escrow.changed'
    | 'refund.completed'
    | 'unknown';
  notificationType: string;
  merchantId: string;
  transactionId: string;
  orderNumber?: string;
  idempotencyKey?: string;
  /**
   * Amount KICC reports. Business check left to the service: compare it (and `deposit.amount`) with the VA's
   * expected amount; a `31` reverses a `30` for the same `transactionId` (spec §7).
   */
  amount?: number;
  currency: 'KRW';
  occurredAt?: Date;
  /** The VA; `accountNumber` is the full number: never log it. */
  virtualAccount?: { bankCode: string; accountNumber: string; holderName?: string };
  deposit?: { depositedAt: Date; amount: number; depositorName?: string; bankCode?: string };
  cancelTransactionId?: string;
  /** `kicc:{mallId}:{notiType}:{pgCno}[:{cancelPgCno}]` (spec §7). */
  dedupeKey: string;
  /** The parsed body as received. */
  raw: Readonly<Record<string, unknown>>;
}

const jsonHeaders = { 'Content-Type': 'application/json; charset=utf-8' };
/** The ack KICC expects (spec §7, exact bytes). */
export const KICC_WEBHOOK_ACK: Reply = Object.freeze({
  status: 200,
  headers: jsonHeaders,
  body: '{"resCd":"0000","resMsg":"Success"}',
});
/** Asks KICC to resend (spec §7, exact bytes). */
export const KICC_WEBHOOK_FAILURE: Reply = Object.freeze({
  status: 200,
  headers: jsonHeaders,
  body: '{"resCd":"5001","resMsg":"FAIL"}',
});
const rejectedBody = '{"resCd":"5001","resMsg":"REJECTED"}';
const maxBodyBytes = 64 * 1024;

const kstText = z.string().regex(/^\d{14}$/);
// Common fields are Sourced; the rest is Modelled (spec §7) and parsed leniently: unknown fields are kept in `raw`.
const commonFields = z.object({
  resCd: z.string().max(4),
  resMsg: z.string().max(100).optional(),
  mallId: z.string().min(1).max(8),
  notiType: z.string().regex(/^\d{2}$/),
  pgCno: z.string().min(1).max(20),
  shopOrderNo: z.string().max(40).optional(),
  shopTransactionId: z.string().max(60).optional(),
  amount: z.number().int().optional(),
  transactionDate: kstText.optional(),
  virtualAccountInfo: z
    .object({ bankCode: z.string(), accountNo: z.string().min(1), depositName: z.string().optional() })
    .optional(),
  depositInfo: z
    .object({
      depositDate: kstText,
      depositAmount: z.number().int(),
      depositorName: z.string().optional(),
      depositBankCode: z.string().optional(),
    })
    .optional(),
  cancelPgCno: z.string().max(20).optional(),
  cancelDate: kstText.optional(),
});
// Deposit notices must say what was deposited; everything else is checked only for the common fields.
const depositFields = commonFields.extend({ depositInfo: commonFields.shape.depositInfo.unwrap() });

function rejection(
  reason: 'ip_not_allowed' | 'malformed' | 'unknown_account',
  detail: string,
): NotificationResult<KiccNotificationEvent> {
  return {
    accepted: false,
    event: null,
    rejection: { reason, detail },
    reply: { status: reason === 'ip_not_allowed' ? 403 : 400, headers: jsonHeaders, body: rejectedBody },
  };
}

/** `::ffff:a.b.c.d` → `a.b.c.d` (spec §7). */
function normalizeAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice(7) : trimmed;
}

/** The address to check: the socket's, or the n-th `X-Forwarded-For` entry from the right when configured. */
function sourceAddress(request: InboundRequest, trustedProxyHops: number): string | undefined {
  if (trustedProxyHops <= 0) return normalizeAddress(request.remoteAddress);
  const header = request.headers['x-forwarded-for'] ?? request.headers['X-Forwarded-For'];
  const list = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  return normalizeAddress(list[list.length - trustedProxyHops]);
}

/**
 * Verifies and parses one KICC webhook, in the order of spec §7: source IP, body size and JSON, `mallId`,
 * schema by `notiType`. KICC signs nothing, so trust comes from the allow-list and the mall id. Pure: no dedupe.
 */
export function createKiccWebhookHandler(
  config: ResolvedKiccConfig,
): NotificationHandler<KiccNotificationEvent> {
  const environmentIps =
    config.webhookEnvironment === 'production'
      ? KICC_WEBHOOK_IPS.production
      : config.webhookEnvironment === 'test'
        ? KICC_WEBHOOK_IPS.test
        : [];
  const allowed = new Set(
    [...environmentIps, ...config.webhook.extraAllowedIps].map((ip) => normalizeAddress(ip)),
  );
  const merchantIds = new Set(config.merchantIds);

  return {
    handle(request) {
      const address = sourceAddress(request, config.webhook.trustedProxyHops);
      if (address === undefined || !allowed.has(address)) {
        return rejection('ip_not_allowed', 'source address is not on the KICC allow-list');
      }
      const bytes =
        typeof request.rawBody === 'string'
          ? Buffer.from(request.rawBody, 'utf8')
          : Buffer.from(request.rawBody);
      if (bytes.length > maxBodyBytes) return rejection('malformed', 'body over 64 KiB');
      let body: unknown;
      try {
        body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        return rejection('malformed', 'body is not UTF-8 JSON');
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return rejection('malformed', 'body is not a JSON object');
      }
      const record = body as Record<string, unknown>;
      if (typeof record.mallId === 'string' && !merchantIds.has(record.mallId)) {
        return rejection('unknown_account', 'mallId is not configured on this client');
      }
      const schema = record.notiType === '30' ? depositFields : commonFields;
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))];
        return rejection('malformed', `invalid fields: ${fields.join(', ')}`);
      }
      try {
        return accepted(parsed.data, record);
      } catch {
        // An impossible date in a field that matched its pattern (20251399…): malformed, KICC may resend.
        return rejection('malformed', 'invalid date field');
      }
    },
  };
}

/** Builds the event of a verified notification; throws only for an impossible date. */
function accepted(
  wire: z.output<typeof commonFields>,
  record: Record<string, unknown>,
): NotificationResult<KiccNotificationEvent> {
  const dedupeKey = `kicc:${wire.mallId}:${wire.notiType}:${wire.pgCno}${wire.cancelPgCno ? `:${wire.cancelPgCno}` : ''}`;
  const occurredAt = parseOptionalKst(
    wire.cancelDate ?? wire.depositInfo?.depositDate ?? wire.transactionDate,
  );
  const event: KiccNotificationEvent = {
    type: (notificationTypes[wire.notiType] as KiccNotificationEvent['type'] | undefined) ?? 'unknown',
    notificationType: wire.notiType,
    merchantId: wire.mallId,
    transactionId: wire.pgCno,
    ...(wire.shopOrderNo ? { orderNumber: wire.shopOrderNo } : {}),
    ...(wire.shopTransactionId ? { idempotencyKey: wire.shopTransactionId } : {}),
    ...(wire.amount === undefined ? {} : { amount: wire.amount }),
    currency: 'KRW',
    ...(occurredAt ? { occurredAt } : {}),
    ...(wire.virtualAccountInfo
      ? {
          virtualAccount: {
            bankCode: wire.virtualAccountInfo.bankCode,
            accountNumber: wire.virtualAccountInfo.accountNo,
            ...(wire.virtualAccountInfo.depositName
              ? { holderName: wire.virtualAccountInfo.depositName }
              : {}),
          },
        }
      : {}),
    ...(wire.depositInfo
      ? {
          deposit: {
            depositedAt: parseOptionalKst(wire.depositInfo.depositDate)!,
            amount: wire.depositInfo.depositAmount,
            ...(wire.depositInfo.depositorName ? { depositorName: wire.depositInfo.depositorName } : {}),
            ...(wire.depositInfo.depositBankCode ? { bankCode: wire.depositInfo.depositBankCode } : {}),
          },
        }
      : {}),
    ...(wire.cancelPgCno ? { cancelTransactionId: wire.cancelPgCno } : {}),
    dedupeKey,
    raw: Object.freeze({ ...record }),
  };
  return {
    accepted: true,
    event,
    dedupeKey,
    reply: KICC_WEBHOOK_ACK,
    failureReply: KICC_WEBHOOK_FAILURE,
  };
}
