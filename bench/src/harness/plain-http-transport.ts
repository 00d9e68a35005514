import { Agent, request as httpRequest } from 'node:http';
import type { HttpRequest, HttpResponse, HttpSendOptions, HttpTransport } from '@wirebridge/core';

/**
 * A diagnostic HttpTransport on bare `node:http` (keep-alive agent, no axios, no classification, no limits).
 * Not a replacement for core's transport: it lets a profiling script run a vendor client with the HTTP layer
 * swapped out, to measure how much of the SDK's overhead is the axios-based transport.
 */
export function createPlainHttpTransport(baseUrl: string, maxSockets: number): HttpTransport {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const origin = new URL(baseUrl);
  return {
    send(request: HttpRequest, options: HttpSendOptions): Promise<HttpResponse> {
      return new Promise((resolve, reject) => {
        const outgoing = httpRequest(
          {
            agent,
            host: origin.hostname,
            port: origin.port,
            method: request.method,
            path: request.path,
            headers: request.headers,
            signal: options.signal,
          },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('end', () =>
              resolve({
                status: incoming.statusCode ?? 0,
                headers: incoming.headers as HttpResponse['headers'],
                body: Buffer.concat(chunks),
              }),
            );
            incoming.on('error', reject);
          },
        );
        outgoing.on('error', reject);
        outgoing.end(request.body);
      });
    },
    async close() {
      agent.destroy();
    },
  };
}
