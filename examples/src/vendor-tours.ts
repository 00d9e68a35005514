import { billgateDemo } from './billgate/billgate-demo.js';
import { cooconDemo } from './coocon/coocon-demo.js';
import { faysalDemo } from './faysal/faysal-demo.js';
import { kiccDemo } from './kicc/kicc-demo.js';
import { mobileChargeRoutingDemo } from './routing/mobile-charge-routing-demo.js';
import { unionpayDemo } from './unionpay/unionpay-demo.js';
import { ventajaDemo } from './ventaja/ventaja-demo.js';
import { westernUnionDemo } from './western-union/western-union-demo.js';

/** One vendor's section of `pnpm demo`: starts its simulator, tours the main flows, closes it. */
export interface VendorTour {
  vendor: string;
  run(print: (line: string) => void): Promise<void>;
}

/** The vendor sections of `pnpm demo`, in the order they are shown. Each vendor issue adds its own. */
export const vendorTours: readonly VendorTour[] = [
  { vendor: 'kicc', run: kiccDemo },
  { vendor: 'coocon', run: cooconDemo },
  { vendor: 'billgate', run: billgateDemo },
  { vendor: 'western-union', run: westernUnionDemo },
  { vendor: 'ventaja', run: ventajaDemo },
  { vendor: 'faysal', run: faysalDemo },
  { vendor: 'unionpay', run: unionpayDemo },
  {
    vendor: 'routing',
    run: async (print) => {
      await mobileChargeRoutingDemo(print);
    },
  },
];
