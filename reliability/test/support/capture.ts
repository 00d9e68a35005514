// A loopback HTTP endpoint that keeps every raw request it receives (bytes, headers, socket address) and answers
// with `reply` (default 200 "ok"), so a simulator's real push can be replayed into `notifications.process`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundRequest, Reply } from '@wirebridge/core';

export interface CaptureEndpoint {
  url: string;
  requests: InboundRequest[];
  close(): Promise<void>;
}

export async function startCaptureEndpoint(
  path = '/push',
  reply?: (request: InboundRequest) => Promise<Reply> | Reply,
): Promise<CaptureEndpoint> {
  const requests: InboundRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const inbound: InboundRequest = {
        rawBody: Buffer.concat(chunks),
        headers: { ...request.headers },
        ...(request.socket.remoteAddress ? { remoteAddress: request.socket.remoteAddress } : {}),
      };
      requests.push(inbound);
      Promise.resolve(reply ? reply(inbound) : { status: 200, headers: {}, body: 'ok' })
        .then((answer) => {
          response.writeHead(answer.status, answer.headers);
          response.end(answer.body);
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
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` holds. */
export async function eventually(check: () => boolean, deadlineMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > deadlineMs) throw new Error('condition not reached before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
