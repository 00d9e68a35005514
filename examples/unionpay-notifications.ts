/**
 * Receive UnionPay back notifications (spec §7): verify the raw body, dedupe through `notifications.process`, and
 * answer `ok` / `retry` / `rejected`. The simulator sends the payout's result twice; it is processed once.
 *
 *   pnpm example unionpay-notifications.ts
 *
 * Against the simulator by default. With the variables of examples/src/unionpay/unionpay-connection.ts, this
 * listens on UNIONPAY_LISTEN_PORT (default 8080) for UnionPay's test gateway to call UNIONPAY_BACK_URL, for a minute.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UnionPayNotificationEvent } from '@wirebridge/unionpay';
import { connectUnionPay, exampleOrderId } from './src/unionpay/unionpay-connection.js';

const events: UnionPayNotificationEvent[] = [];
let handleRequest: (
  rawBody: Buffer,
  remoteAddress: string | undefined,
) => Promise<{ status: number; body: string | Uint8Array; headers: Record<string, string> }> = async () => ({
  status: 503,
  headers: {},
  body: 'starting',
});
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void handleRequest(Buffer.concat(chunks), request.socket.remoteAddress).then((reply) => {
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    });
  });
});
const simulatorMode = !process.env.UNIONPAY_MERCHANT_ID;
await new Promise<void>((resolve) =>
  server.listen(simulatorMode ? 0 : Number(process.env.UNIONPAY_LISTEN_PORT ?? 8080), resolve),
);
const port = (server.address() as AddressInfo).port;
const connection = await connectUnionPay(
  process.env,
  { notificationDelaysMs: [50, 100] },
  simulatorMode ? { backUrl: `http://127.0.0.1:${port}/unionpay/back` } : {},
);
handleRequest = (rawBody, remoteAddress) =>
  connection.client.notifications.process(
    { rawBody, headers: {}, ...(remoteAddress ? { remoteAddress } : {}) },
    async (event) => {
      events.push(event);
      console.log(
        `event ${event.kind} ${event.orderId}: ${event.status} ${event.amount ?? '-'} fen (key ${event.dedupeKey})`,
      );
    },
  );
try {
  if (connection.simulator) {
    const orderId = exampleOrderId('PO');
    connection.simulator.inject({ match: { orderId }, fault: { kind: 'duplicate-notification', copies: 2 } });
    await connection.client.payouts.create({
      orderId,
      amount: 3_300,
      currency: 'CNY',
      pan: '6216261000000000018',
      holder: { name: '张三' },
    });
    const deadline = Date.now() + 10_000;
    while (
      connection.simulator.notifications().filter((entry) => entry.status === 200).length < 2 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const acks = connection.simulator.notifications().map((entry) => entry.status);
    console.log(`deliveries answered ${acks.join(', ')}; events processed: ${events.length}`);
  } else {
    console.log(`listening on port ${port} for notifications to ${process.env.UNIONPAY_BACK_URL} for 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
} finally {
  await connection.close();
  server.closeAllConnections();
  server.close();
}
