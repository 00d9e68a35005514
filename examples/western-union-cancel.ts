// Cancel before pay-out: Search CANCEL_SEND → CancelSend with the money_transfer_key, then status.
// Run: pnpm example western-union-cancel.ts (mTLS simulator), or set the WU_* variables of western-union-send.ts.
import {
  connectWesternUnion,
  exampleQuoteInput,
  exampleReference,
} from './src/western-union/western-union-connection.js';

const connection = await connectWesternUnion();
try {
  const { client } = connection;
  console.log(`Talking to ${connection.target}`);
  const quote = await client.transfers.quote(exampleQuoteInput(exampleReference('WBC')));
  const transfer = await client.transfers.send({ commitToken: quote.commitToken });
  console.log(`sent MTCN ${transfer.mtcn}`);
  const cancelled = await client.transfers.cancel({ mtcn: transfer.mtcn, comments: ['CUSTOMER REQUEST'] });
  console.log(`cancel: ${cancelled.status} (money transfer key ${cancelled.moneyTransferKey})`);
  const status = await client.transfers.status({ mtcn: transfer.mtcn });
  console.log(`status: ${status.status} (${status.rawStatus})`);
} finally {
  await connection.close();
}
