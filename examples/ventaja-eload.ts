// E-load (mobile top-up) with Ventaja: products, prefixes, telco status, top-up, inquiry.
//   pnpm example ventaja-eload.ts                 against the simulator
//   VENTAJA_OUTLET_ID=… VENTAJA_PASSWORD=… VENTAJA_PRIVATE_KEY_FILE=… pnpm example ventaja-eload.ts   against the sandbox
import { connectVentaja } from './src/ventaja/ventaja-connection.js';

const { client, target, close } = await connectVentaja();
try {
  console.log(`Ventaja e-load against the ${target}`);
  const products = await client.eload.products();
  console.log(
    `${products.length} products, e.g. ${products
      .slice(0, 3)
      .map((product) => product.productCode)
      .join(', ')}`,
  );
  const prefixes = await client.eload.prefixes();
  console.log(`${prefixes.length} prefixes; telco status:`, await client.eload.telcoStatus());
  // A top-up is never re-sent automatically: if this reports an unknown outcome, inquire before trying again.
  const topup = await client.eload.topup({
    msisdn: process.env.VENTAJA_MSISDN ?? '+639171234567',
    productCode: process.env.VENTAJA_PRODUCT ?? 'GLOBE100',
    amount: { amount: Number(process.env.VENTAJA_AMOUNT_CENTAVOS ?? 10_000), currency: 'PHP' },
  });
  console.log(
    `top-up ${topup.status}: ${topup.transactionNumber ?? '(no number yet)'} (${topup.agentRefNo})`,
  );
  const inquiry = await client.eload.inquire({ agentRefNo: topup.agentRefNo });
  console.log(`inquiry status: ${inquiry.status}`);
  const balance = await client.eload.balance();
  console.log(`e-load credit: PHP ${(balance.amount / 100).toFixed(2)}`);
} finally {
  await close();
}
