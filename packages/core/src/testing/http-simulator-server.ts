import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { ConfigError } from '../errors/index.js';
import { delay } from '../resilience/deadline.js';
import { isSocketFault, type SimulatorFault } from './simulator-faults.js';
import { resetSocket, writeWithFault } from './socket-faults.js';
import { formatAuthority, type ListenOptions, listenTracked, type TrackedServer } from './tracked-server.js';

/** Default largest request body the HTTP simulator base reads: 1 MiB. */
export const DEFAULT_SIMULATOR_MAX_BODY_BYTES = 1_048_576;

/** A request as the simulator received it, body read completely. */
export interface HttpSimulatorRequest {
  /** Upper-case method. */
  method: string;
  /** Path and query as sent (`/api/trades/revise?x=1`). */
  url: string;
  /** The path without the query. */
  path: string;
  /** Headers as Node parsed them (lower-case names). */
  headers: IncomingHttpHeaders;
  /** The exact body bytes (verify signatures on these, DESIGN §8). */
  body: Buffer;
  /** The client's address. */
  remoteAddress: string | undefined;
  /** Milliseconds since the epoch when the body was read. */
  receivedAt: number;
}

/** What the vendor simulator answers; the base writes it, applying `fault` on the way. */
export interface HttpSimulatorReply {
  /** HTTP status. @default 200 */
  status?: number;
  /** Response headers; `Content-Length` is computed. @default none */
  headers?: Record<string, string | readonly string[]>;
  /** Response body. @default empty */
  body?: string | Uint8Array;
  /**
   * A fault taken from the simulator's switchboard. Socket faults (`delay`, `reset-before-response`,
   * `reset-mid-response`, `partial-write`, `garbage`, `black-hole`) are applied here; vendor-level kinds are
   * ignored, because the vendor simulator already applied them when it built the reply. @default none
   */
  fault?: SimulatorFault | { kind: string };
}

/** Options of {@link startHttpSimulatorServer}. */
export interface HttpSimulatorServerOptions extends ListenOptions {
  /**
   * Answers one request: parse, update state, build the reply. Whatever it throws becomes a 500 reply and is
   * kept in `handlerErrors`, so a broken simulator fails the test instead of hanging it.
   */
  handle(request: HttpSimulatorRequest): HttpSimulatorReply | Promise<HttpSimulatorReply>;
  /** Serve HTTPS with these TLS options (certificate, key, `requestCert` for mTLS). @default plain HTTP */
  tls?: https.ServerOptions;
  /** Largest request body read; a larger one is answered 413. @default 1_048_576 */
  maxBodyBytes?: number;
}

/** A running HTTP simulator base. */
export interface HttpSimulatorServer {
  /** `http://127.0.0.1:<port>` (or `https://`), no trailing slash. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Every request that was read completely, oldest first. */
  readonly requests: readonly HttpSimulatorRequest[];
  /** Errors thrown by `handle`, or raised writing its reply, oldest first. */
  readonly handlerErrors: readonly unknown[];
  /** Requests being handled or answered right now. */
  readonly inFlight: number;
  /** The most requests in flight at once since start (for concurrency-bound tests). */
  readonly maxInFlightSeen: number;
  /** TCP connections accepted since start. */
  readonly connectionCount: number;
  /** Stops listening, destroys every connection (black-holed ones included) and cancels pending delays. */
  close(): Promise<void>;
}

/**
 * Starts the HTTP base a vendor simulator builds on (DESIGN §9): a loopback server that reads each request
 * completely, logs it, hands it to `handle`, and writes the reply with the fault the simulator took from its
 * switchboard. Faults that need raw bytes (resets, partial writes, garbage) bypass Node's response writer and
 * close the connection afterwards; a plain or delayed reply keeps the connection alive.
 *
 * @throws ConfigError for an invalid option or an address that cannot be listened on.
 */
export async function startHttpSimulatorServer(
  options: HttpSimulatorServerOptions,
): Promise<HttpSimulatorServer> {
  if (typeof options?.handle !== 'function') {
    throw new ConfigError({ message: 'HTTP simulator: option handle must be a function' });
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_SIMULATOR_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ConfigError({ message: 'HTTP simulator: option maxBodyBytes must be a positive integer' });
  }

  const requests: HttpSimulatorRequest[] = [];
  const handlerErrors: unknown[] = [];
  let inFlight = 0;
  let maxInFlightSeen = 0;
  // Assigned right after listening; requests cannot arrive before.
  let tracked: TrackedServer | undefined;

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
    // 'close' comes once the reply is finished or the connection is gone, so a black-holed request stays in
    // flight until its connection closes.
    response.once('close', () => inFlight--);
    serve(request, response, tracked!).catch((error: unknown) => {
      // A reply Node refuses to write (an invalid header value): fail the exchange, never the test process.
      handlerErrors.push(error);
      request.socket.destroy();
    });
  };

  const serve = async (request: IncomingMessage, response: ServerResponse, server: TrackedServer) => {
    const body = await readBody(request, maxBodyBytes);
    if (body === 'aborted') return;
    if (body === 'too-large') {
      response.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
      response.end('request body too large for the simulator');
      return;
    }
    const url = request.url ?? '/';
    const received: HttpSimulatorRequest = {
      method: (request.method ?? 'GET').toUpperCase(),
      url,
      path: url.split('?')[0] ?? url,
      headers: request.headers,
      body,
      remoteAddress: request.socket.remoteAddress,
      receivedAt: Date.now(),
    };
    requests.push(received);
    let reply: HttpSimulatorReply;
    try {
      reply = (await options.handle(received)) ?? {};
    } catch (error) {
      handlerErrors.push(error);
      reply = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'simulator handler failed' };
    }
    if (server.signal.aborted) return;
    await writeReply(request.socket, response, reply, server.signal);
  };

  const server = options.tls ? https.createServer(options.tls, onRequest) : http.createServer(onRequest);
  tracked = await listenTracked(server, options, 'HTTP simulator');
  const started = tracked;
  const url = `${options.tls ? 'https' : 'http'}://${formatAuthority(started.host, started.port)}`;

  return {
    url,
    host: started.host,
    port: started.port,
    requests,
    handlerErrors,
    get inFlight() {
      return inFlight;
    },
    get maxInFlightSeen() {
      return maxInFlightSeen;
    },
    get connectionCount() {
      return started.connectionCount;
    },
    close: () => started.close(),
  };
}

async function writeReply(
  socket: Socket,
  response: ServerResponse,
  reply: HttpSimulatorReply,
  signal: AbortSignal,
): Promise<void> {
  const fault = isSocketFault(reply.fault) ? reply.fault : undefined;
  const status = reply.status ?? 200;
  const body = toBuffer(reply.body);
  switch (fault?.kind) {
    case undefined:
      writeNormally(response, status, reply.headers, body);
      return;
    case 'delay':
      try {
        await delay(fault.ms, signal);
      } catch {
        return; // the server is closing and destroys the connection
      }
      writeNormally(response, status, reply.headers, body);
      return;
    case 'black-hole':
      return;
    case 'reset-before-response':
      resetSocket(socket);
      return;
    default:
      // Resets mid-way, partial writes and garbage are about the bytes on the wire, status line included.
      await writeWithFault(socket, serializeResponse(status, reply.headers, body), fault, {
        signal,
        end: true,
      });
  }
}

function writeNormally(
  response: ServerResponse,
  status: number,
  headers: HttpSimulatorReply['headers'],
  body: Buffer,
): void {
  if (response.destroyed) return;
  response.writeHead(status, { ...headers, 'content-length': String(body.length) });
  response.end(body);
}

/** The reply as raw HTTP/1.1 bytes; `Connection: close` because the socket is ended after a raw write. */
function serializeResponse(status: number, headers: HttpSimulatorReply['headers'], body: Buffer): Buffer {
  const lines = [`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'connection' || lower === 'transfer-encoding') continue;
    for (const item of typeof value === 'string' ? [value] : value) lines.push(`${name}: ${item}`);
  }
  lines.push(`Content-Length: ${body.length}`, 'Connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}

function toBuffer(body: string | Uint8Array | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
}

/** Reads the whole body; past `limit` the rest is discarded. A client that gives up mid-body is never handled. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.once('end', () => resolve(size > limit ? 'too-large' : Buffer.concat(chunks)));
    request.once('error', () => resolve('aborted'));
    request.once('close', () => {
      if (!request.complete) resolve('aborted');
    });
  });
}
