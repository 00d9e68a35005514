// Two-phase send: quote (fees, FX, MTCN reservation) → send (store) → status.
// Run: pnpm example western-union-send.ts (mTLS simulator), or set WU_WSDL_DIR, WU_PFX_FILE, WU_PFX_PASSPHRASE,
// WU_PARTNER_ID, WU_COUNTER_ID, WU_CHANNEL_NAME (optionally WU_CA_FILE) for WU's UAT gateway.
import {
  connectWesternUnion,
  exampleQuoteInput,
  exampleReference,
  formatMoney,
} from './src/western-union/western-union-connection.js';

const connection = await connectWesternUnion();
try {
  const { client } = connection;
  console.log(`Talking to ${connection.target}`);
  const quote = await client.transfers.quote(exampleQuoteInput(exampleReference()));
  console.log(
    `quote ${quote.reference}: MTCN ${quote.mtcn}, send ${formatMoney(quote.sendAmount)}, receive ${formatMoney(quote.receiveAmount)}, fee ${formatMoney({ amount: quote.fees.charges, currency: quote.fees.currency })}, rate ${quote.exchangeRate}`,
  );
  const transfer = await client.transfers.send({ commitToken: quote.commitToken });
  console.log(
    `sent: MTCN ${transfer.mtcn} (new MTCN ${transfer.newMtcn}), resolved by ${transfer.resolvedBy}`,
  );
  const status = await client.transfers.status({ mtcn: transfer.mtcn });
  console.log(`status: ${status.status} (${status.rawStatus})`);
} finally {
  await connection.close();
}
