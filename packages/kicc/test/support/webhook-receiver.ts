import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KiccClient, KiccNotificationEvent } from '../../src/index.js';

/**
 * A service's webhook endpoint in a few lines: the raw bytes, headers and socket address go to
 * `client.notifications.process`, and its reply is written back as is.
 */
export async function startWebhookReceiver(
  client: () => KiccClient,
  onEvent: (event: KiccNotificationEvent) => Promise<void>,
): Promise<{ url: string; replies: Array<{ status: number; body: string }>; close(): Promise<void> }> {
  const replies: Array<{ status: number; body: string }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      client()
        .notifications.process(
          {
            rawBody: Buffer.concat(chunks),
            headers: request.headers,
            ...(request.socket.remoteAddress ? { remoteAddress: request.socket.remoteAddress } : {}),
          },
          onEvent,
        )
        .then((reply) => {
          const body = typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body).toString('utf8');
          replies.push({ status: reply.status, body });
          response.writeHead(reply.status, reply.headers);
          response.end(body);
        })
        .catch(() => {
          response.writeHead(500);
          response.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kicc/webhook`,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
