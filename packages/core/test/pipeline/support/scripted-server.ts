import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one request. */
export type Behaviour =
  | { kind: 'json'; body: unknown; status?: number }
  | { kind: 'hang' } // read the request, never answer
  | { kind: 'reset' } // read the request, then destroy the socket
  | { kind: 'status'; status: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback HTTP server that plays scripted behaviours and records what reached it. */
export interface ScriptedServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Sockets accepted so far. */
  connections(): number;
  /** Sockets closed so far (by either side). */
  closedSockets(): number;
  close(): Promise<void>;
}

export async function startScriptedServer(
  behave: (request: RecordedRequest, index: number) => Behaviour,
): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let closed = 0;
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const recorded = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    const behaviour = behave(recorded, requests.length - 1);
    switch (behaviour.kind) {
      case 'json':
        response
          .writeHead(behaviour.status ?? 200, { 'content-type': 'application/json' })
          .end(JSON.stringify(behaviour.body));
        return;
      case 'status':
        response.writeHead(behaviour.status).end();
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return;
    }
  });
  server.on('connection', (socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => {
      closed++;
      sockets.delete(socket);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    closedSockets: () => closed,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Resolves once `predicate` holds, polling the event loop (never a wall-clock assertion). */
export async function eventually(predicate: () => boolean, limitMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > limitMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
