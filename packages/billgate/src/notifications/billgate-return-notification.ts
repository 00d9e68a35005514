import {
  ConfigError,
  type InboundRequest,
  type NotificationHandler,
  type NotificationResult,
  ProtocolError,
  type Reply,
  SignatureError,
} from '@wirebridge/core';
import { BillgateError } from '../billgate-error.js';
import type { BillgateOperationContext } from '../operations/billgate-operation-context.js';
import { type PreparedMobilePayment, parseMobileReturn } from '../operations/parse-return.js';
import { parseReturnForm } from '../wire/billgate-return.js';
import { readReturnFields } from '../wire/billgate-window.js';

/** A verified RETURN_URL post: a window that succeeded (ready for `charge`) or one that failed (nothing to charge). */
export type BillgateReturnEvent =
  | { kind: 'prepared'; payment: PreparedMobilePayment }
  | { kind: 'failed'; orderId: string; error: BillgateError };

/** Finds our own order record: HASH_DATA is checked against this amount, never a posted one (spec §5.3 step 4). */
export type BillgateOrderLookup = (
  orderId: string,
) => Promise<{ amount: number } | undefined> | { amount: number } | undefined;

// The return post comes from the payer's browser and the service renders its own page (spec §7): these replies are
// what the SDK suggests for that page's HTTP status, nothing Billgate reads.
const acknowledged: Reply = {
  status: 200,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'OK',
};
const retryLater: Reply = {
  status: 503,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'RETRY',
};
const rejected: Reply = {
  status: 400,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: 'REJECTED',
};

/**
 * The inbound handler of the RETURN_URL post (spec §5.3, §7; DESIGN §12): verifies the raw body (SERVICE_ID, order,
 * HASH_DATA against our amount, MESSAGE under our key) before anything is trusted. Dedupe key:
 * `billgate:return:{serviceId}:{orderId}:{transactionId}`.
 */
export function createBillgateReturnHandler(
  context: BillgateOperationContext,
  lookupOrder: BillgateOrderLookup | undefined,
): NotificationHandler<BillgateReturnEvent> {
  const reject = (
    reason: 'unauthenticated' | 'bad_signature' | 'malformed' | 'unknown_account',
    detail: string,
  ): NotificationResult<BillgateReturnEvent> => ({
    accepted: false,
    event: null,
    rejection: { reason, detail },
    reply: rejected,
  });
  return {
    async handle(request: InboundRequest): Promise<NotificationResult<BillgateReturnEvent>> {
      if (lookupOrder === undefined) {
        throw new ConfigError({
          message: 'Billgate notifications need the lookupOrder option (our amount verifies HASH_DATA)',
          vendor: 'billgate',
        });
      }
      let orderId: string;
      let transactionId: string;
      try {
        const fields = readReturnFields(parseReturnForm(request.rawBody, context.config.returnCharset));
        orderId = fields.orderId;
        transactionId = fields.transactionId;
      } catch {
        return reject('malformed', 'the body is not a form in the configured charset');
      }
      if (!/^[\x21-\x7e]{1,64}$/.test(orderId)) return reject('malformed', 'ORDER_ID is missing or invalid');
      const order = await lookupOrder(orderId);
      if (order === undefined) return reject('unknown_account', 'no such order');
      const dedupeKey = `billgate:return:${context.config.serviceId}:${orderId}:${transactionId}`;
      try {
        const payment = parseMobileReturn(context, {
          rawBody: request.rawBody,
          expected: { orderId, amount: order.amount, currency: 'KRW' },
        });
        return {
          accepted: true,
          event: { kind: 'prepared', payment },
          dedupeKey,
          reply: acknowledged,
          failureReply: retryLater,
        };
      } catch (error) {
        if (error instanceof BillgateError) {
          return {
            accepted: true,
            event: { kind: 'failed', orderId, error },
            dedupeKey,
            reply: acknowledged,
            failureReply: retryLater,
          };
        }
        if (error instanceof SignatureError) return reject('bad_signature', error.message);
        if (error instanceof ProtocolError) {
          const field = (error.details as { field?: string } | undefined)?.field;
          if (field === 'SERVICE_ID' || field === 'SERVICE_CODE')
            return reject('unauthenticated', `${field} is not ours`);
          return reject('malformed', error.message);
        }
        return reject('malformed', 'the return post could not be read');
      }
    },
  };
}
