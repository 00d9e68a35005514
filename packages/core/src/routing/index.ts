export type {
  MobileChargeCancelRequest,
  MobileChargeProvider,
  MobileChargeRequest,
  MobileChargeResult,
  MobileChargeState,
} from './mobile-charge-provider.js';
