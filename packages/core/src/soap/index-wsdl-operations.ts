import type { Client } from 'soap';
import { ConfigError } from '../errors/families.js';
import {
  endpointProblem,
  type ResolvedClientOptions,
  type ResolvedFactoryOptions,
} from './resolve-soap-options.js';

/** A `soap` method as `Client#_defineMethod` builds it: `(args, callback, options, extraHeaders)`. */
export type SoapMethod = (
  args: unknown,
  callback: (error: unknown, result: unknown, body: unknown, header: unknown, envelope: unknown) => void,
  options: object,
  extraHeaders: Record<string, string>,
) => void;

/** One operation of a loaded client: the method `soap` defined, and the path it posts to (for messages). */
export interface SoapOperationEntry {
  method: SoapMethod;
  path: string;
}

/** A `soap` client ready for calls, with its operations indexed by name. */
export interface LoadedClient {
  client: Client;
  methods: ReadonlyMap<string, SoapOperationEntry>;
}

/**
 * Indexes the operations of every service and port of a `soap` client by name (the first port declaring a name
 * wins), and checks every endpoint the client will send to.
 */
export function indexOperations(
  client: Client,
  options: ResolvedClientOptions,
  factory: ResolvedFactoryOptions,
): LoadedClient {
  const vendor = factory.vendor === undefined ? {} : { vendor: factory.vendor };
  const methods = new Map<string, SoapOperationEntry>();
  const services = (client.wsdl.definitions.services ?? {}) as Record<
    string,
    { ports?: Record<string, { location?: unknown; binding?: { methods?: Record<string, unknown> } }> }
  >;
  for (const [serviceName, service] of Object.entries(services)) {
    const definedService = ownObject(client, serviceName);
    for (const [portName, port] of Object.entries(service.ports ?? {})) {
      const location = options.endpoint ?? port.location;
      const problem = endpointProblem(location, factory);
      if (problem !== undefined) {
        throw new ConfigError({
          message: `the endpoint of port ${portName} in ${options.wsdlPath} ${problem}; set the endpoint option`,
          ...vendor,
        });
      }
      const definedPort = ownObject(definedService, portName);
      const path = new URL(location as string).pathname;
      for (const name of Object.keys(port.binding?.methods ?? {})) {
        const method = ownObject(definedPort, name);
        if (typeof method === 'function' && !methods.has(name)) {
          methods.set(name, { method: method as SoapMethod, path });
        }
      }
    }
  }
  return { client, methods };
}

function ownObject(container: unknown, name: string): unknown {
  if ((typeof container !== 'object' && typeof container !== 'function') || container === null)
    return undefined;
  return Object.hasOwn(container, name) ? (container as Record<string, unknown>)[name] : undefined;
}
