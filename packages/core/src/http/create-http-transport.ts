import type { Socket } from 'node:net';
import type { AxiosResponse } from 'axios';
import { AbortedError, ProtocolError, TransportError } from '../errors/families.js';
import { startAttemptDeadline } from './attempt-deadline.js';
import { classifyFailure } from './classify-failure.js';
import { type ConnectionState, createConnectionState, createTrackedTransport } from './connection-tracker.js';
import { createHardenedAgent, createHardenedAxios } from './hardened-client.js';
import type { HttpTransportOptions } from './http-transport-options.js';
import type { HttpRequest, HttpResponse, HttpSendOptions, HttpTransport } from './http-types.js';
import { type PreparedRequest, prepareRequest } from './prepare-request.js';
import { type ResolvedTransportOptions, resolveTransportOptions } from './resolve-transport-options.js';

/**
 * Creates the hardened HTTP transport of DESIGN §1 `http/` and §8: one long-lived keep-alive (and mTLS) agent,
 * no redirects, no proxy from the environment, size limits both ways, raw bytes out and in, and every failure
 * classified by whether the request can have reached the server (DESIGN §3).
 *
 * @throws ConfigError when an option is invalid (bad `baseUrl`, unreadable key, wrong PKCS#12 passphrase, …).
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const resolved = resolveTransportOptions(options);
  const agent = createHardenedAgent(resolved);
  const client = createHardenedAxios({
    ...resolved,
    ...(resolved.secure ? { httpsAgent: agent } : { httpAgent: agent }),
  });
  const openSockets = new Set<Socket>();
  let closed = false;

  const trackSocket = (socket: Socket) => {
    if (openSockets.has(socket)) return;
    openSockets.add(socket);
    socket.once('close', () => openSockets.delete(socket));
  };

  return {
    async send(request: HttpRequest, sendOptions: HttpSendOptions): Promise<HttpResponse> {
      const prepared = prepareRequest(request, sendOptions, resolved);
      const vendor = resolved.vendor === undefined ? {} : { vendor: resolved.vendor };
      if (closed) {
        throw new TransportError({
          message: `${prepared.subject}: the transport is closed; nothing was sent`,
          ...vendor,
          retryable: false,
          details: { reason: 'closed' },
        });
      }
      const callerSignal = sendOptions.signal;
      if (callerSignal?.aborted) {
        throw new AbortedError({
          message: `${prepared.subject}: aborted by the caller before sending; nothing was sent`,
          ...vendor,
          cause: callerSignal.reason,
        });
      }

      const connection = createConnectionState();
      const deadline = startAttemptDeadline({
        signal: callerSignal,
        timeoutMs: sendOptions.timeoutMs,
        isConnected: () => connection.connected,
      });
      let response: AxiosResponse<unknown>;
      try {
        response = await client.request({
          method: prepared.method,
          url: prepared.url,
          headers: prepared.headers,
          data: prepared.body,
          signal: deadline.signal,
          transport: createTrackedTransport(connection, trackSocket),
        });
      } catch (error) {
        throw classifyFailure(error, {
          subject: prepared.subject,
          ...vendor,
          timeoutMs: sendOptions.timeoutMs,
          maxResponseBytes: resolved.maxResponseBytes,
          connection,
          deadline: deadline.outcome(),
          callerSignal,
        });
      } finally {
        deadline.dispose();
      }
      return toHttpResponse(response, connection, prepared, resolved);
    },

    async close(): Promise<void> {
      closed = true;
      agent.destroy();
      // Sockets of a proxy's CONNECT tunnel belong to an agent axios created; destroy those too.
      for (const socket of openSockets) socket.destroy();
      openSockets.clear();
    },
  };
}

function toHttpResponse(
  response: AxiosResponse<unknown>,
  connection: ConnectionState,
  prepared: PreparedRequest,
  options: ResolvedTransportOptions,
): HttpResponse {
  const vendor = options.vendor === undefined ? {} : { vendor: options.vendor };
  const status = response.status;
  let unknownOutcome: boolean;
  try {
    unknownOutcome = options.isUnknownOutcomeStatus(status);
  } catch (cause) {
    // The request was answered, so it may have been processed: a ProtocolError keeps that visible to the pipeline.
    throw new ProtocolError({
      message: `${prepared.subject}: isUnknownOutcomeStatus threw for HTTP ${status}`,
      ...vendor,
      retryable: false,
      details: { status, reason: 'status_classifier_failed' },
      cause,
    });
  }
  if (unknownOutcome) {
    // A 5xx (by default) says nothing about whether the server acted; the pipeline resolves it for money moves.
    throw new ProtocolError({
      message: `${prepared.subject}: HTTP ${status}`,
      ...vendor,
      retryable: false,
      details: { status },
    });
  }
  const data = response.data;
  const body = Buffer.isBuffer(data)
    ? data
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : Buffer.from(typeof data === 'string' ? data : '', 'utf8');
  return { status, headers: { ...(connection.responseHeaders ?? {}) }, body };
}
