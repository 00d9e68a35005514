// Profiles the router decision alone (see profile-codec-decode.ts for how to run).
import { createSuccessRateRouter } from '@wirebridge/core';

const router = createSuccessRateRouter({
  providers: [
    { name: 'billgate', provider: 'billgate', fee: (amount: number) => Math.max(100, amount * 0.021) },
    { name: 'ventaja', provider: 'ventaja', fee: (amount: number) => Math.max(80, amount * 0.025) },
    { name: 'unionpay', provider: 'unionpay', fee: 300 },
  ],
});
for (let index = 0; index < 1_000; index++) await router.record('billgate', index % 10 !== 0);
let ranked = 0;
const startedAt = performance.now();
while (performance.now() - startedAt < 3_000) {
  for (let index = 0; index < 1_000; index++) ranked += (await router.rank(10_000)).length;
}
console.log(`ranked ${ranked / 3} times`);
