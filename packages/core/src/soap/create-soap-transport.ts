import { ConfigError, ValidationError } from '../errors/families.js';
import type { Transport } from '../pipeline/operation-runner.js';
import type { SoapArgs, SoapClient, SoapClientFactory, SoapClientOptions, SoapReply } from './soap-types.js';

/** What an operation's `encode` returns for the SOAP transport. */
export interface SoapOperationRequest {
  /**
   * Key of the service in the transport's `services`, i.e. which WSDL and endpoint to use.
   * @default the only service, when the transport has exactly one
   */
  service?: string;
  /** The WSDL operation name, e.g. `SendMoneyStore_H2H`. */
  operation: string;
  /** The operation's arguments, in the WSDL's sequence order. */
  args: SoapArgs;
}

/** A pipeline {@link Transport} over SOAP: a request is `{ service?, operation, args }`, a response a {@link SoapReply}. */
export interface SoapTransport extends Transport<SoapOperationRequest, SoapReply> {
  /**
   * Invokes `operation` on the named `service` (optional when there is only one); a SOAP Fault resolves as
   * `{ kind: 'fault' }`. @throws ValidationError when `service` is missing or names no configured service.
   */
  send(
    request: SoapOperationRequest,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<SoapReply>;
  /** Closes the factory: its agents and every socket. */
  close(): Promise<void>;
}

/**
 * Adapts a {@link SoapClientFactory} to the call pipeline (DESIGN §2 step 5), so a vendor declares SOAP operations
 * with `defineOperation` like any other. `services` names each WSDL/endpoint pair (`{ store: { wsdlPath, endpoint } }`).
 *
 * A SOAP Fault comes back as `{ kind: 'fault' }`, not as an error: it is the vendor's definitive answer, and the
 * operation's `decode` turns it into the vendor's result code so the codes table decides (`VendorError`, retryable
 * or not, or `'pending'` to run the resolver):
 *
 * ```ts
 * decode: (reply: SoapReply) =>
 *   reply.kind === 'fault'
 *     ? { code: vendorCodeOf(reply.fault), message: reply.fault.faultString }
 *     : { code: 'OK', value: toResult(reply.result) },
 * ```
 *
 * Transport failures keep their meaning: nothing written → `TransportError`/`TimeoutError`/`AbortedError` (retried
 * for `safe`/`keyed`), written without a full reply → `OutcomeUnknownError`, unusable reply → `ProtocolError` (both
 * resolved for `keyed`/`unsafe`, docs/decisions/0005).
 *
 * @throws ConfigError when `services` is empty or a service's options are invalid.
 */
export function createSoapTransport(
  factory: SoapClientFactory,
  services: Readonly<Record<string, SoapClientOptions>>,
): SoapTransport {
  if (typeof services !== 'object' || services === null) {
    throw new ConfigError({ message: 'services must be an object of client options' });
  }
  const clients = new Map<string, SoapClient>();
  for (const [name, options] of Object.entries(services)) clients.set(name, factory.client(options));
  if (clients.size === 0) throw new ConfigError({ message: 'services must name at least one WSDL' });
  const onlyClient = clients.size === 1 ? [...clients.values()][0] : undefined;

  return {
    async send(request, options) {
      const client = pickClient(request, clients, onlyClient);
      return client.invoke(request.operation, request.args, {
        timeoutMs: options.timeoutMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    },
    close: () => factory.close(),
  };
}

function pickClient(
  request: SoapOperationRequest,
  clients: ReadonlyMap<string, SoapClient>,
  onlyClient: SoapClient | undefined,
): SoapClient {
  const invalid = (path: string, message: string) =>
    new ValidationError({
      message: `Invalid SOAP request: ${path}`,
      issues: [{ path, code: 'invalid_value', message }],
    });
  if (typeof request !== 'object' || request === null) {
    throw invalid('request', 'the encoded request must be { service?, operation, args }');
  }
  if (request.service === undefined) {
    if (onlyClient !== undefined) return onlyClient;
    throw invalid('service', 'service is required when the transport has several services');
  }
  const client = typeof request.service === 'string' ? clients.get(request.service) : undefined;
  if (client === undefined) throw invalid('service', 'service names none of the transport services');
  return client;
}
