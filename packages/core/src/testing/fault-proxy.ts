import net from 'node:net';
import { ConfigError } from '../errors/index.js';
import { assertValidProxyFault, type ProxyFault } from './proxy-faults.js';
import {
  type RelayContext,
  type RelayCounters,
  type RelayObserver,
  relayConnection,
} from './relay-connection.js';
import { type ListenOptions, listenTracked } from './tracked-server.js';

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions extends ListenOptions {
  /** The server the proxy forwards to (a simulator, a vendor sandbox). */
  target: { host: string; port: number };
  /** Faults in force from the start. @default none */
  faults?: readonly ProxyFault[];
}

/** Counters of a fault proxy since it started. */
export interface FaultProxyStats {
  /** Client connections accepted. */
  connections: number;
  /** Client connections still open. */
  openConnections: number;
  /** Bytes received from clients (forwarded or not). */
  bytesFromClient: number;
  /** Bytes received from the target (forwarded or not). */
  bytesFromTarget: number;
}

/** A running fault proxy. */
export interface FaultProxy {
  readonly host: string;
  readonly port: number;
  /** `{ host, port }` of the proxy: point the client here instead of at the target. */
  readonly address: { host: string; port: number };
  /**
   * Puts a fault in force, replacing one of the same kind; faults of other kinds stay (latency and partial
   * writes combine). It applies to bytes arriving from now on, on open and new connections alike.
   * @throws ValidationError when the fault is invalid.
   */
  setFault(fault: ProxyFault): void;
  /** Removes every fault: bytes flow through untouched again. */
  clearFaults(): void;
  /** The faults in force. */
  faults(): readonly ProxyFault[];
  /** Connection and byte counters. */
  stats(): FaultProxyStats;
  /** Stops listening, destroys every connection on both sides and cancels pending latency. */
  close(): Promise<void>;
}

/**
 * Starts a TCP fault proxy on loopback in front of any server (DESIGN §9: fault tests): it forwards bytes both
 * ways and, on command, adds latency, resets after N bytes of the answer, splits writes into small pieces,
 * replaces bytes by garbage, or swallows connections (black hole). It works below any protocol, so it serves
 * HTTP, SOAP and raw TCP vendors alike.
 *
 * @throws ConfigError for an invalid option or an address that cannot be listened on; ValidationError for an
 *   invalid initial fault.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  return startRelay(options, undefined, 'fault proxy');
}

/**
 * The proxy behind {@link startFaultProxy} and the transcript recorder, with an observer of the raw bytes.
 * @internal
 */
export async function startRelay(
  options: FaultProxyOptions,
  observer: RelayObserver | undefined,
  subject: string,
): Promise<FaultProxy> {
  const target = options?.target;
  if (
    typeof target?.host !== 'string' ||
    target.host.length === 0 ||
    !Number.isInteger(target.port) ||
    target.port <= 0 ||
    target.port > 65_535
  ) {
    throw new ConfigError({
      message: `${subject}: option target must be { host, port } with a port from 1 to 65535`,
    });
  }
  let faults: ProxyFault[] = [];
  const setFault = (fault: ProxyFault) => {
    assertValidProxyFault(fault);
    faults = [...faults.filter((existing) => existing.kind !== fault.kind), { ...fault }];
  };
  for (const fault of options.faults ?? []) setFault(fault);

  const counters: RelayCounters = { bytesFromClient: 0, bytesFromTarget: 0 };
  const controller = new AbortController();
  const context: RelayContext = {
    target: { host: target.host, port: target.port },
    signal: controller.signal,
    faults: () => faults,
    counters,
    ...(observer === undefined ? {} : { observer }),
  };
  let nextConnectionId = 0;
  // Half-open on both sides so a client's FIN reaches the target without cutting the answer off.
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    relayConnection(nextConnectionId++, client, context);
  });
  const tracked = await listenTracked(server, options, subject);

  return {
    host: tracked.host,
    port: tracked.port,
    address: { host: tracked.host, port: tracked.port },
    setFault,
    clearFaults: () => {
      faults = [];
    },
    faults: () => faults,
    stats: () => ({
      connections: tracked.connectionCount,
      openConnections: tracked.sockets.size,
      bytesFromClient: counters.bytesFromClient,
      bytesFromTarget: counters.bytesFromTarget,
    }),
    close: () => {
      controller.abort();
      return tracked.close();
    },
  };
}
