import { isWirebridgeError, TimeoutError, type Transport, TransportError } from '@wirebridge/core';
import { asciiLengthFramer, createTcpClient, type TcpTransport } from '@wirebridge/core/tcp';
import { portOf, type ResolvedBillgateConfig } from './billgate-config.js';
import { MAX_FRAME_LENGTH } from './wire/billgate-constants.js';

/** What an operation's `encode` hands the transport: a complete frame (`LLLL` included) and its service code. */
export interface BillgateWireRequest {
  readonly serviceCode: string;
  readonly frame: Buffer;
}

/** The framing of every Billgate connection: 4 ASCII digits, then that many bytes (spec §3). */
export function billgateFramer() {
  return asciiLengthFramer({ digits: 4, includesPrefix: false, maxFrameBytes: MAX_FRAME_LENGTH });
}

/**
 * One connection per request to `host:"3"+serviceCode`; a connect failure (nothing written) is retried once on
 * `backupHost` (spec §2.1 step 6, §3), then surfaces as a retryable `TransportError`. Failures after the write stay
 * what core's TCP client made them (`OutcomeUnknownError`), so the pipeline resolves them.
 */
export function createBillgateTransport(
  config: ResolvedBillgateConfig,
): Transport<BillgateWireRequest, Buffer> {
  const clients = new Map<string, TcpTransport>();
  const clientFor = (host: string, port: number): TcpTransport => {
    if (config.transport) return config.transport;
    const key = `${host}:${port}`;
    let client = clients.get(key);
    if (client === undefined) {
      client = createTcpClient({
        mode: 'per-request',
        host,
        port,
        framer: billgateFramer(),
        vendor: 'billgate',
        connectTimeoutMs: config.timeouts.connectMs,
        logger: config.logger,
      });
      clients.set(key, client);
    }
    return client;
  };

  return {
    async send(request, options) {
      const port = portOf(config, request.serviceCode);
      // The framer adds LLLL back; handing it the frame without its prefix keeps one source of truth for lengths.
      const payload = request.frame.subarray(4);
      try {
        return await clientFor(config.host, port).send(payload, options);
      } catch (error) {
        if (!isConnectFailure(error) || options.signal?.aborted) throw error;
        // Sourced ServiceBroker::comm: one more try on the backup host, only when nothing was written.
        try {
          return await clientFor(config.backupHost, port).send(payload, options);
        } catch (backupError) {
          if (!isConnectFailure(backupError)) throw backupError;
          throw new TransportError({
            message: 'Billgate: could not connect to the primary or the backup host; nothing was sent',
            vendor: 'billgate',
            retryable: true,
            cause: backupError,
          });
        }
      }
    },
    async close() {
      await Promise.all([...clients.values()].map((client) => client.close()));
      clients.clear();
    },
  };
}

function isConnectFailure(error: unknown): boolean {
  return isWirebridgeError(error) && (error instanceof TransportError || error instanceof TimeoutError);
}
