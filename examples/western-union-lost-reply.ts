// A store whose reply is lost after WU committed it: the SDK asks PayStatus by MTCN and reports the transfer as
// sent, once, without a second store or a second MTCN (spec §2.1). Simulator only: the fault is injected.
// Run: pnpm example western-union-lost-reply.ts
import {
  connectWesternUnion,
  exampleQuoteInput,
  exampleReference,
} from './src/western-union/western-union-connection.js';

const connection = await connectWesternUnion({});
try {
  const { client, simulator } = connection;
  if (simulator === undefined) throw new Error('this example injects faults: run it against the simulator');
  const quote = await client.transfers.quote(exampleQuoteInput(exampleReference('WBL')));
  simulator.inject({ operation: 'store', kind: 'reset', commit: true });
  const transfer = await client.transfers.send({ commitToken: quote.commitToken });
  console.log(
    `send of MTCN ${quote.mtcn}: connection reset after commit → resolved by ${transfer.resolvedBy}`,
  );
  const stores = simulator.state.executions().filter((execution) => execution.service === 'store');
  console.log(`stores executed at WU: ${stores.length}`);
} finally {
  await connection.close();
}
