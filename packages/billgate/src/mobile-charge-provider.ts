import {
  type CallOptions,
  type MobileChargeProvider,
  type MobileChargeResult,
  type MobileChargeState,
  OutcomeUnknownError,
  ValidationError,
  VendorError,
} from '@wirebridge/core';
import type { BillgateClient } from './billgate-client.js';
import { BillgateError } from './billgate-error.js';
import type { BillgateOperationContext } from './operations/billgate-operation-context.js';
import { parseKst } from './wire/billgate-dates.js';
import { openFrame } from './wire/billgate-frame.js';
import { readWindowMessage } from './wire/billgate-messages.js';

const operation = 'billgate.provider';

function missing(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `${operation}: ${path} ${message}; nothing was sent`,
    vendor: 'billgate',
    operation,
    issues: [{ path, message, code: 'invalid_type' }],
  });
}

/**
 * Billgate as core's vendor-neutral `MobileChargeProvider` (spec §11 adapter mapping). Outcomes reach the router
 * only as results, `BillgateError` (`compensated: true` = nothing charged) or `OutcomeUnknownError` (do not fail over).
 */
export function createBillgateMobileChargeProvider(
  client: BillgateClient,
  context: BillgateOperationContext,
): MobileChargeProvider {
  return {
    provider: 'billgate',

    async charge(request, options?: CallOptions): Promise<MobileChargeResult> {
      if (!request?.authorization) throw missing('authorization', 'is required (the window MESSAGE)');
      // Header order date and tag 1001 come from the MESSAGE when the router does not carry them.
      let fromMessage: { orderDate?: Date; transactionId?: string } = {};
      try {
        const { message } = openFrame(
          Buffer.from(request.authorization, 'latin1'),
          context.ciphers,
          context.text,
        );
        const orderDate = parseKst(message.orderDate);
        const { transactionId } = readWindowMessage(message);
        fromMessage = { ...(orderDate ? { orderDate } : {}), ...(transactionId ? { transactionId } : {}) };
      } catch {
        // charge() validates the MESSAGE itself and names the field.
      }
      const transactionId = request.providerTransactionId ?? fromMessage.transactionId;
      if (!transactionId)
        throw missing('providerTransactionId', 'is required unless the MESSAGE carries tag 1001');
      const orderDate = request.orderDate ?? fromMessage.orderDate;
      if (!orderDate) throw missing('orderDate', 'is required');
      if (request.currency !== 'KRW') throw missing('currency', 'must be KRW');
      try {
        const approval = await client.mobile.charge(
          {
            orderId: request.orderId,
            orderDate,
            amount: request.amount,
            currency: 'KRW',
            transactionId,
            authorization: request.authorization,
          },
          options,
        );
        return {
          provider: 'billgate',
          orderId: approval.orderId,
          providerTransactionId: approval.transactionId,
          amount: approval.amount,
          currency: 'KRW',
          state: 'approved',
          approvedAt: approval.approvedAt,
        };
      } catch (error) {
        // B902 reached the router as "pending" (spec §11), not as a failure to fail over from.
        if (
          error instanceof OutcomeUnknownError &&
          error.cause instanceof BillgateError &&
          error.cause.vendorCode === 'B902'
        ) {
          return {
            provider: 'billgate',
            orderId: request.orderId,
            providerTransactionId: transactionId,
            amount: request.amount,
            currency: 'KRW',
            state: 'pending',
          };
        }
        throw error;
      }
    },

    async cancel(request, options?: CallOptions) {
      if (!request?.orderDate)
        throw missing('orderDate', 'is required: Billgate headers carry the order date');
      if (request.currency !== 'KRW') throw missing('currency', 'must be KRW');
      const reference = {
        orderId: request.orderId,
        orderDate: request.orderDate,
        transactionId: request.providerTransactionId,
        currency: 'KRW' as const,
      };
      const result = await client.mobile.cancel(
        request.amount === undefined ? reference : { ...reference, amount: request.amount },
        options,
      );
      const providerTransactionId = result.cancelTransactionId ?? result.remainingTransactionId;
      return {
        cancelledAmount: result.cancelledAmount,
        ...(providerTransactionId ? { providerTransactionId } : {}),
      };
    },

    async status(request, options?: CallOptions): Promise<MobileChargeState> {
      if (!request?.orderDate)
        throw missing('orderDate', 'is required: Billgate headers carry the order date');
      try {
        const status = await client.mobile.getStatus(
          {
            orderId: request.orderId,
            orderDate: request.orderDate,
            ...(request.providerTransactionId ? { transactionId: request.providerTransactionId } : {}),
          },
          options,
        );
        const base = {
          ...(status.amount === undefined ? {} : { amount: status.amount }),
          ...(request.providerTransactionId ? { providerTransactionId: request.providerTransactionId } : {}),
        };
        if (status.state === 'failed') {
          return {
            state: 'failed',
            ...base,
            error: new BillgateError({
              operation,
              category: 'declined',
              retryable: false,
              vendorCode: '3000',
            }),
          };
        }
        return { state: status.state, ...base };
      } catch (error) {
        // status() always resolves (spec §11): a definitive vendor answer is `failed`, anything transient `unknown`.
        if (error instanceof VendorError && !error.retryable) return { state: 'failed', error };
        return { state: 'unknown' };
      }
    },
  };
}
