import {
  type CallOptions,
  type MobileChargeProvider,
  type MobileChargeRequest,
  type MobileChargeResult,
  type MobileChargeState,
  ValidationError,
  VendorError,
} from '@wirebridge/core';
import type { EloadProduct, Topup, TopupInput, VentajaMobileChargeOptions } from './ventaja-client.js';
import { VentajaError } from './ventaja-error.js';
import { toVentajaMsisdn } from './wire/ventaja-msisdn.js';

/** The part of `VentajaClient` the adapter uses. */
interface EloadClient {
  readonly eload: {
    products(input?: { telco?: string }, options?: CallOptions): Promise<EloadProduct[]>;
    prefixes(options?: CallOptions): Promise<{ prefix: string; telco: string }[]>;
    topup(input: TopupInput, options?: CallOptions): Promise<Topup>;
    inquire(input: { agentRefNo: string; transactionNumber?: string }, options?: CallOptions): Promise<Topup>;
  };
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError({
    message: `ventaja mobile charge: ${path} ${message}`,
    vendor: 'ventaja',
    operation: 'ventaja.mobileCharge.charge',
    issues: [{ path, message, code: 'invalid_value' }],
  });
}

/** spec §11.1: `productCode` if given; else the operator's product whose fixed amount, or open range, fits. */
async function selectProduct(
  client: EloadClient,
  request: MobileChargeRequest & { msisdn: string },
  options: VentajaMobileChargeOptions,
  callOptions: CallOptions | undefined,
): Promise<string> {
  if (request.productCode !== undefined) return request.productCode;
  const products = await client.eload.products(undefined, callOptions);
  if (options.productSelector) return options.productSelector(request, products);
  let operator = request.operator;
  if (operator === undefined) {
    const local = toVentajaMsisdn(request.msisdn);
    const prefixes = await client.eload.prefixes(callOptions);
    const match = prefixes
      .filter((entry) => local.startsWith(entry.prefix))
      .sort((left, right) => right.prefix.length - left.prefix.length)[0];
    if (!match) throw invalid('msisdn', 'has a prefix no telco is listed for');
    operator = match.telco;
  }
  const wanted = operator.toUpperCase();
  const ofOperator = products.filter((product) => product.telco.toUpperCase() === wanted);
  // A fixed-amount product that equals the request wins; only without one is an open range considered.
  const fixed = ofOperator.filter((product) => product.amount?.amount === request.amount);
  const candidates =
    fixed.length > 0
      ? fixed
      : ofOperator.filter(
          (product) =>
            product.range !== undefined &&
            product.range.min.amount <= request.amount &&
            request.amount <= product.range.max.amount,
        );
  if (candidates.length !== 1) {
    throw invalid(
      'amount',
      candidates.length === 0
        ? 'matches no product of the operator'
        : 'matches several products: pass productCode',
    );
  }
  return candidates[0]!.productCode;
}

/**
 * Ventaja e-load as core's `MobileChargeProvider` (spec §11.1). A definitive failure rejects with `VentajaError`
 * (a router may fail over with a fresh `orderId`); an unknown outcome rejects with `OutcomeUnknownError` (it must
 * not fail over, and polls `status`). There is no `cancel`: Ventaja e-load cannot reverse a top-up.
 */
export function createVentajaMobileChargeProvider(
  client: EloadClient,
  agentRefNoPattern: RegExp,
  options: VentajaMobileChargeOptions,
): MobileChargeProvider {
  return {
    provider: 'ventaja',
    async charge(request, callOptions): Promise<MobileChargeResult> {
      if (typeof request !== 'object' || request === null) throw invalid('request', 'must be an object');
      if (
        typeof request.orderId !== 'string' ||
        !new RegExp(agentRefNoPattern.source, agentRefNoPattern.flags).test(request.orderId)
      ) {
        throw invalid('orderId', `must match ${agentRefNoPattern}`);
      }
      if (request.currency !== 'PHP') throw invalid('currency', 'must be PHP');
      if (!Number.isSafeInteger(request.amount) || request.amount <= 0)
        throw invalid('amount', 'must be positive centavos');
      if (typeof request.msisdn !== 'string') throw invalid('msisdn', 'is required for a top-up');
      toVentajaMsisdn(request.msisdn); // validates before anything is sent
      const withMsisdn = request as MobileChargeRequest & { msisdn: string };
      const productCode = await selectProduct(client, withMsisdn, options, callOptions);
      const topup = await client.eload.topup(
        {
          msisdn: withMsisdn.msisdn,
          productCode,
          amount: { amount: request.amount, currency: 'PHP' },
          agentRefNo: request.orderId,
        },
        callOptions,
      );
      const result: MobileChargeResult = {
        provider: 'ventaja',
        orderId: request.orderId,
        providerTransactionId: topup.transactionNumber ?? topup.referenceNumber ?? request.orderId,
        amount: request.amount,
        currency: 'PHP',
        state: topup.status === 'succeeded' ? 'approved' : 'pending',
      };
      if (topup.status === 'succeeded' && topup.enteredAt) result.approvedAt = topup.enteredAt;
      return result;
    },
    async status(request, callOptions): Promise<MobileChargeState> {
      try {
        const topup = await client.eload.inquire(
          {
            agentRefNo: request.orderId,
            ...(request.providerTransactionId === undefined
              ? {}
              : { transactionNumber: request.providerTransactionId }),
          },
          callOptions,
        );
        const state: MobileChargeState = {
          state: topup.status === 'succeeded' ? 'approved' : topup.status,
        };
        if (topup.transactionNumber !== undefined) state.providerTransactionId = topup.transactionNumber;
        if (topup.status === 'failed') {
          state.error = new VentajaError({
            operation: 'ventaja.eload.inquire',
            category: 'declined',
            retryable: false,
            vendorCode: '100',
            vendorMessage: 'the top-up failed',
            idempotencyKey: request.orderId,
          });
        }
        return state;
      } catch (error) {
        if (error instanceof VendorError && error.vendorCode === '129') return { state: 'not_found', error };
        // status() always resolves: a transient failure of the inquiry itself is `unknown` (spec §11.1).
        return error instanceof VendorError ? { state: 'unknown', error } : { state: 'unknown' };
      }
    },
  };
}
