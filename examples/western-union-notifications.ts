// NIS push notifications: a partner endpoint verifies IP + Basic auth, dedupes, and acks; the simulator pushes a
// "paid" notification twice (at-least-once delivery). Simulator only.
// Run: pnpm example western-union-notifications.ts
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  connectWesternUnion,
  exampleQuoteInput,
  exampleReference,
} from './src/western-union/western-union-connection.js';

const connection = await connectWesternUnion({});
const { client, simulator } = connection;
const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const reply = await client.notifications.process(
      {
        rawBody: Buffer.concat(chunks),
        headers: request.headers,
        remoteAddress: request.socket.remoteAddress,
      },
      async (event) => {
        // Persist the event here, before resolving: the ack tells WU it may stop resending.
        console.log(`event ${event.type} for MTCN ${event.mtcn} (${event.dedupeKey})`);
      },
    );
    response.writeHead(reply.status, reply.headers);
    response.end(reply.body);
  });
});
try {
  if (simulator === undefined) throw new Error('this example needs the simulator to push notifications');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wu/nis`;
  const quote = await client.transfers.quote(exampleQuoteInput(exampleReference('WBN')));
  await client.transfers.send({ commitToken: quote.commitToken });
  simulator.state.pay(quote.mtcn);
  const reply = await simulator.sendNotification({
    mtcn: quote.mtcn,
    type: 'BIS003',
    to: url,
    basicAuth: { username: 'wu-nis', password: 'example-only-password' },
    duplicate: true,
  });
  const [first, second] = simulator.state.notificationReplies().slice(-2);
  const same = first !== undefined && second !== undefined && first.body === second.body;
  console.log(`WU received HTTP ${reply.status} for both copies; same ack both times: ${same}`);
} finally {
  server.close();
  await connection.close();
}
