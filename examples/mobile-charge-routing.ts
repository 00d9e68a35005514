// Mobile charges routed between Billgate and Ventaja e-load by success rate and fee (issue 11, DESIGN §6).
//   pnpm example mobile-charge-routing.ts        against both simulators
import { mobileChargeRoutingDemo } from './src/routing/mobile-charge-routing-demo.js';

await mobileChargeRoutingDemo(console.log);
