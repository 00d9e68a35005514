import http, {
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

/**
 * What one attempt's connection did, observed on the socket rather than guessed from error text. `connected` is
 * the line DESIGN §3 draws between "nothing can have reached the server" and "the request may have been
 * processed": Node writes the request only once the socket is established (TCP connect for http, the TLS
 * handshake for https), so before that moment no request byte can have left the process.
 */
export interface ConnectionState {
  /** The socket is established, or was when assigned (keep-alive reuse): request bytes may reach the server. */
  connected: boolean;
  /** The socket came from the keep-alive pool. */
  reusedSocket: boolean;
  /** Response body bytes received so far (as sent on the wire: decompression is off). */
  responseBytes: number;
  /** Headers of the response, once they arrived. */
  responseHeaders?: IncomingHttpHeaders;
}

/** The shape of axios's `transport` config option (lib/adapters/http.js calls `transport.request`). */
export interface AxiosNodeTransport {
  request(options: RequestOptions, onResponse: (response: IncomingMessage) => void): ClientRequest;
}

/** Creates the state of one attempt, nothing observed yet. */
export function createConnectionState(): ConnectionState {
  return { connected: false, reusedSocket: false, responseBytes: 0 };
}

/**
 * The transport axios uses for one attempt: Node's own `http.request`/`https.request` (as axios would call
 * with `maxRedirects: 0`), plus listeners that record the connection's progress into `state` and hand every
 * socket to `onSocket` (so `close()` can destroy sockets of proxy tunnels it does not own).
 */
export function createTrackedTransport(
  state: ConnectionState,
  onSocket: (socket: Socket) => void,
): AxiosNodeTransport {
  return {
    request(options, onResponse) {
      const send = options.protocol === 'https:' ? https.request : http.request;
      const request = send(options, (response) => {
        state.responseHeaders = response.headers;
        response.on('data', (chunk: Buffer) => {
          state.responseBytes += chunk.length;
        });
        onResponse(response);
      });
      request.once('socket', (socket: Socket) => {
        onSocket(socket);
        watchSocket(socket, request, state);
      });
      return request;
    },
  };
}

function watchSocket(socket: Socket, request: ClientRequest, state: ConnectionState): void {
  state.reusedSocket = request.reusedSocket;
  if (request.reusedSocket || isEstablished(socket)) {
    state.connected = true;
    return;
  }
  socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
    state.connected = true;
  });
}

// A socket handed over already established: a pooled one, or a TLS socket a proxy agent finished itself.
function isEstablished(socket: Socket): boolean {
  if (socket.connecting) return false;
  if (!(socket instanceof TLSSocket)) return true;
  // Node reports 'unknown' until the handshake completes and null while there is no connection.
  const protocol = socket.getProtocol();
  return protocol !== null && protocol !== 'unknown';
}
