// Ventaja e-load as core's vendor-neutral MobileChargeProvider (what the success-rate router drives).
//   pnpm example ventaja-mobile-charge.ts         against the simulator (sandbox: see ventaja-bills.ts)
import { generateAgentRefNo } from '@wirebridge/ventaja';
import { connectVentaja } from './src/ventaja/ventaja-connection.js';

const { client, target, close } = await connectVentaja();
try {
  console.log(`Ventaja mobile charge against the ${target}`);
  const provider = client.asMobileChargeProvider();
  // A fresh orderId per provider attempt; it becomes the agentRefNo.
  const orderId = generateAgentRefNo();
  const result = await provider.charge({
    orderId,
    amount: Number(process.env.VENTAJA_AMOUNT_CENTAVOS ?? 10_000),
    currency: 'PHP',
    msisdn: process.env.VENTAJA_MSISDN ?? '+639171234567',
  });
  console.log(`charge ${result.state}: ${result.providerTransactionId}`);
  console.log('status:', await provider.status({ orderId }));
} finally {
  await close();
}
