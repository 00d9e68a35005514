export type {
  MobileChargeCancelRequest,
  MobileChargeProvider,
  MobileChargeRequest,
  MobileChargeResult,
  MobileChargeState,
} from './mobile-charge-provider.js';
export type {
  MobileChargeRouter,
  MobileChargeRouterOptions,
  RoutedMobileChargeResult,
} from './mobile-charge-router.js';
export { createMobileChargeRouter } from './mobile-charge-router.js';
export type { WindowCount } from './route-outcome.js';
export { canFailOver, windowCountOf } from './route-outcome.js';
export type {
  ProviderStanding,
  RouteAttempt,
  RouteCallOptions,
  RoutedProvider,
  RouteResult,
  SuccessRateRouter,
  SuccessRateRouterOptions,
} from './success-rate-router.js';
export { createSuccessRateRouter } from './success-rate-router.js';
