import type { CallOptions } from '../call-options.js';
import { ValidationError } from '../errors/families.js';
import type {
  MobileChargeCancelRequest,
  MobileChargeProvider,
  MobileChargeRequest,
  MobileChargeResult,
  MobileChargeState,
} from './mobile-charge-provider.js';
import {
  createSuccessRateRouter,
  type ProviderStanding,
  type RouteAttempt,
  type SuccessRateRouterOptions,
} from './success-rate-router.js';

/** Options of {@link createMobileChargeRouter}: the router's, with providers named by their `provider` field. */
export interface MobileChargeRouterOptions
  extends Omit<SuccessRateRouterOptions<MobileChargeProvider>, 'providers'> {
  providers: readonly {
    provider: MobileChargeProvider;
    /** See `RoutedProvider.fee`. */
    fee: number | ((amount: number) => number);
    /** The provider's circuit in `breakers`. @default provider.provider */
    circuit?: string;
  }[];
}

/** A routed charge: the provider's result, and every provider call the route made. */
export interface RoutedMobileChargeResult extends MobileChargeResult {
  attempts: RouteAttempt[];
}

/** Mobile charges routed between providers by success rate and fee (DESIGN §6, §12). */
export interface MobileChargeRouter {
  /**
   * Charges with the best provider, failing over only when the failure proves nothing was charged. The result's
   * `provider` says who charged: pass it to `cancel` and `status`. An `OutcomeUnknownError` (its `vendor` names
   * the provider) is never failed over: poll `status` with that provider until it resolves.
   */
  charge(request: MobileChargeRequest, options?: CallOptions): Promise<RoutedMobileChargeResult>;
  /** Cancels at the provider that charged. @throws ValidationError when the provider cannot cancel. */
  cancel(
    request: MobileChargeCancelRequest & { provider: string },
    options?: CallOptions,
  ): Promise<{ cancelledAmount: number; providerTransactionId?: string }>;
  /** Asks the named provider where a charge stands; not counted in any window (creation time only). */
  status(
    request: { provider: string; orderId: string; orderDate?: Date; providerTransactionId?: string },
    options?: CallOptions,
  ): Promise<MobileChargeState>;
  /** Each provider's rate, counts and circuit. */
  stats(): Promise<ProviderStanding[]>;
}

/** Creates a {@link MobileChargeRouter} over providers such as Billgate's and Ventaja's `asMobileChargeProvider()`. */
export function createMobileChargeRouter(options: MobileChargeRouterOptions): MobileChargeRouter {
  const providers = (options.providers ?? []).map((entry) => ({
    name: entry.provider?.provider,
    provider: entry.provider,
    fee: entry.fee,
    ...(entry.circuit === undefined ? {} : { circuit: entry.circuit }),
  }));
  const router = createSuccessRateRouter<MobileChargeProvider>({ ...options, providers });
  const byName = new Map(providers.map((entry) => [entry.name, entry.provider]));

  function providerNamed(name: string): MobileChargeProvider {
    const provider = byName.get(name);
    if (provider === undefined) {
      throw new ValidationError({
        message: 'mobile charge router: unknown provider',
        issues: [
          { path: 'provider', message: `is not one of the router's providers`, code: 'invalid_value' },
        ],
      });
    }
    return provider;
  }

  return {
    async charge(request, callOptions) {
      const routed = await router.run(request.amount, (provider) => provider.charge(request, callOptions), {
        ...(callOptions?.signal === undefined ? {} : { signal: callOptions.signal }),
      });
      return { ...routed.result, attempts: routed.attempts };
    },
    async cancel({ provider: name, ...request }, callOptions) {
      const provider = providerNamed(name);
      if (provider.cancel === undefined) {
        throw new ValidationError({
          message: `mobile charge router: ${name} cannot cancel a charge`,
          issues: [{ path: 'provider', message: 'does not support cancel', code: 'invalid_value' }],
        });
      }
      return provider.cancel(request, callOptions);
    },
    async status({ provider: name, ...request }, callOptions) {
      return providerNamed(name).status(request, callOptions);
    },
    stats: () => router.stats(),
  };
}
