// Receiving signed status notifications (spec §7): an HTTP endpoint hands each push to
// client.notifications.process, which verifies, deduplicates and acknowledges. Simulator only.
// Run: pnpm example faysal-notifications.ts
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectFaysal, demoBeneficiary } from './src/faysal/faysal-connection.js';

const connection = await connectFaysal({});
const { client, simulator } = connection;
const server = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const reply = await client.notifications.process(
    {
      rawBody: Buffer.concat(chunks),
      headers: request.headers,
      remoteAddress: request.socket.remoteAddress ?? '',
    },
    async (event) => {
      console.log(`event ${event.type} for ${event.partnerReference} (${event.dedupeKey})`);
    },
  );
  response.writeHead(reply.status, reply.headers).end(reply.body);
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
try {
  const partnerReference = `WB-${Date.now()}`;
  await client.remittances.credit({
    partnerReference,
    amount: { amount: 100_000, currency: 'PKR' },
    source: { amount: { amount: 4_900, currency: 'KRW' }, fxRate: '0.20408163' },
    purposeCode: '0251',
    remitter: {
      name: 'KIM MINJI',
      country: 'KR',
      nationality: 'KR',
      idType: 'passport',
      idNumber: 'M12345678',
      dateOfBirth: new Date('1990-01-15'),
    },
    beneficiary: demoBeneficiary(connection, {}),
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/faysal`;
  const reply = await simulator!.notify({ url, partnerReference, status: 'COMPLETED', duplicate: true });
  console.log(`bank received HTTP ${reply.status} for both copies; the event was processed once`);
  const rejected = await simulator!.notify({
    url,
    partnerReference,
    status: 'COMPLETED',
    badSignature: true,
  });
  console.log(`a tampered push got HTTP ${rejected.status}`);
} finally {
  server.close();
  await connection.close();
}
