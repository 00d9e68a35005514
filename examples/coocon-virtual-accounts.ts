// Coocon virtual accounts: issue (발급), look up (조회), echo (회선점검), terminate (해지).
//   pnpm example coocon-virtual-accounts.ts      against the simulator
//   COOCON_RELAY_HOST=… COOCON_RELAY_PORT=… COOCON_INSTITUTION_CODE=… COOCON_KEY=… pnpm example coocon-virtual-accounts.ts
//                                                against a Coocon test system (on-premises, given at onboarding)
import { OutcomeUnknownError } from '@wirebridge/core';
import { connectCoocon } from './src/coocon/coocon-connection.js';

const { client, target, close } = await connectCoocon();
try {
  console.log(`Coocon virtual accounts against the ${target}`);
  const { latencyMs } = await client.health.ping();
  console.log(`echo answered in ${latencyMs.toFixed(1)} ms`);
  const merchantReference = `VA-${Date.now()}`;
  // Keyed on merchantReference: a lost reply is resolved with get(), never a second account.
  const account = await client.virtualAccounts.issue({
    merchantReference,
    holderName: '위브릿지',
    accountType: 'one_time',
    amountRule: 'exact',
    expectedAmount: 150_000,
    currency: 'KRW',
    expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1_000),
  });
  console.log(
    `issued account ****${account.virtualAccountNumber.slice(-4)} for ${merchantReference}, KRW ${account.expectedAmount}`,
  );
  const fetched = await client.virtualAccounts.get({ merchantReference });
  console.log(`status ${fetched.status}, deposited KRW ${fetched.totalDeposited ?? 0}`);
  const termination = await client.virtualAccounts.terminate({
    virtualAccountNumber: account.virtualAccountNumber,
    merchantReference,
    reason: 'customer_request',
  });
  console.log(
    `terminated at ${termination.terminatedAt.toISOString()} (already: ${termination.alreadyTerminated})`,
  );
} catch (error) {
  if (error instanceof OutcomeUnknownError)
    console.error(`outcome unknown; reconcile reference ${error.reference}`);
  throw error;
} finally {
  await close();
}
