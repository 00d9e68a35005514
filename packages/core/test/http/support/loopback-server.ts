import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo, type Socket } from 'node:net';

/** A request as the server received it, body included. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Called once the request body has been read completely. */
export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse, body: Buffer) => void;

/** A server on 127.0.0.1 and a random port that records what reached it. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` (or `https://`). */
  url: string;
  port: number;
  /** Every request that reached the HTTP layer, in order. */
  requests: ReceivedRequest[];
  /** Server-side sockets, one per TCP connection accepted. */
  sockets: Socket[];
  /** Resolves when the server-side socket of connection `index` closes. */
  socketClosed(index: number): Promise<void>;
  /** Resolves with the server-side socket of the next TCP connection accepted. */
  nextConnection(): Promise<Socket>;
  /** Resolves with the next request once it reached the HTTP layer (body read). */
  nextRequest(): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

type AnyServer = http.Server | https.Server | net.Server;

/** Starts a plain HTTP server. */
export function startHttpServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  return listen(http.createServer(), 'http', handler);
}

/** Starts an HTTPS server with the given TLS options (certificates, `requestCert`…). */
export function startHttpsServer(
  options: https.ServerOptions,
  handler: LoopbackHandler,
): Promise<LoopbackServer> {
  return listen(https.createServer(options), 'https', handler);
}

/** Accepts TCP connections, reads and discards what arrives, never answers: a TLS handshake against it stalls. */
export function startSilentServer(): Promise<LoopbackServer> {
  // Reading (and dropping) the ClientHello is what lets the server see the client's FIN and close its socket.
  return listen(
    net.createServer((socket) => socket.resume()),
    'https',
    () => undefined,
  );
}

/** A port nothing listens on: bound by a server that is then closed. */
export async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function listen(
  server: AnyServer,
  scheme: 'http' | 'https',
  handler: LoopbackHandler,
): Promise<LoopbackServer> {
  const requests: ReceivedRequest[] = [];
  const sockets: Socket[] = [];
  const closed: Array<Promise<void>> = [];
  const waiting: Array<(request: ReceivedRequest) => void> = [];
  const waitingForConnection: Array<(socket: Socket) => void> = [];

  server.on('connection', (socket: Socket) => {
    sockets.push(socket);
    closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
    waitingForConnection.shift()?.(socket);
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(received);
      handler(request, response, received.body);
      waiting.shift()?.(received);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    sockets,
    socketClosed(index) {
      const promise = closed[index];
      if (promise === undefined) throw new Error(`no connection #${index}`);
      return promise;
    },
    nextConnection() {
      return new Promise((resolve) => waitingForConnection.push(resolve));
    },
    nextRequest() {
      return new Promise((resolve) => waiting.push(resolve));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
