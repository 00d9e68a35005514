import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundRequest, Reply } from '@wirebridge/core';

/** A partner HTTP endpoint that hands every request, raw, to `handle` and writes its Reply back. */
export async function startNisEndpoint(handle: (request: InboundRequest) => Promise<Reply>) {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      handle({
        rawBody: Buffer.concat(chunks),
        headers: request.headers,
        remoteAddress: request.socket.remoteAddress,
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
    url: `http://127.0.0.1:${port}/wu/nis`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
