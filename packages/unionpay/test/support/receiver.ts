import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundRequest, Reply } from '@wirebridge/core';

/** A loopback `backUrl` that hands each raw body to `onRequest` and writes its reply. */
export async function startReceiver(
  onRequest: (request: InboundRequest) => Promise<Reply>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      onRequest({
        rawBody: Buffer.concat(chunks),
        headers: request.headers,
        remoteAddress: request.socket.remoteAddress ?? '',
      })
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
    url: `http://127.0.0.1:${port}/unionpay/back`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` holds (generous deadline: never depends on CPU speed). */
export async function eventually(check: () => boolean, deadlineMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > deadlineMs) throw new Error('condition not reached before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
