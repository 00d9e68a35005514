import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import type { TlsSettings } from '../http/tls-settings.js';
import type { CallDeadline } from './call-deadline.js';
import { connectFailure, connectTimeout, type FailureContext } from './socket-failures.js';

/** Where and how to connect. @internal */
export interface SocketTarget {
  host: string;
  port: number;
  connectTimeoutMs: number;
  /** TLS settings built once at construction; `undefined` for plain TCP. */
  tls: TlsSettings | undefined;
  context: FailureContext;
}

/**
 * Opens a connection and resolves once it can carry a request: after `connect` for TCP, after `secureConnect`
 * (handshake done, server certificate checked) for TLS. Every failure before that point is a `TransportError`,
 * `TimeoutError` or the deadline's own error: nothing was written (DESIGN §3). The socket is destroyed on failure.
 * @internal
 */
export function openSocket(
  target: SocketTarget,
  deadline: CallDeadline,
  onDeadline: () => WirebridgeError,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (deadline.signal.aborted) {
      reject(onDeadline());
      return;
    }
    let socket: Socket;
    try {
      socket = createSocket(target);
    } catch (error) {
      reject(connectFailure(target.context, error));
      return;
    }
    // A late error (after we stop listening below) must never become an unhandled 'error' event.
    socket.on('error', ignoreLateError);
    const connectEvent = target.tls === undefined ? 'connect' : 'secureConnect';
    let settled = false;
    const finish = (error: WirebridgeError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      deadline.signal.removeEventListener('abort', onAbort);
      socket.off(connectEvent, onConnect);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error === undefined) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(error);
    };
    const onConnect = () => finish(undefined);
    const onError = (error: Error) => finish(connectFailure(target.context, error));
    const onClose = () =>
      finish(connectFailure(target.context, Object.assign(new Error('closed'), { code: 'ECONNRESET' })));
    const onAbort = () => finish(onDeadline());
    const timer = setTimeout(
      () => finish(connectTimeout(target.context, target.connectTimeoutMs)),
      target.connectTimeoutMs,
    );
    socket.once(connectEvent, onConnect);
    socket.once('error', onError);
    socket.once('close', onClose);
    deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function createSocket(target: SocketTarget): Socket {
  const { host, port, tls } = target;
  if (tls === undefined) {
    const socket = netConnect({ host, port });
    socket.setNoDelay(true);
    return socket;
  }
  const socket = tlsConnect({
    host,
    port,
    secureContext: tls.secureContext,
    rejectUnauthorized: tls.rejectUnauthorized,
    // SNI must be a host name; for an IP address the certificate is checked against the address itself.
    ...(tls.servername !== undefined
      ? { servername: tls.servername }
      : isIP(host) === 0
        ? { servername: host }
        : {}),
  });
  socket.setNoDelay(true);
  return socket;
}

function ignoreLateError(): void {}
