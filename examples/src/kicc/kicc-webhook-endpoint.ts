import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KiccClient, KiccNotificationEvent } from '@wirebridge/kicc';

/**
 * A service's KICC webhook endpoint: hand the exact bytes, headers and socket address to
 * `client.notifications.process` and write back the reply it returns (spec §7, DESIGN §12).
 */
export async function startKiccWebhookEndpoint(
  client: () => KiccClient,
  onEvent: (event: KiccNotificationEvent) => Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
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
          response.writeHead(reply.status, reply.headers);
          response.end(reply.body);
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
