import {
  createHttpTransport,
  type HttpTransport,
  ProtocolError,
  type Transport,
  TransportError,
  ValidationError,
} from '@wirebridge/core';
import {
  createSoapClientFactory,
  createSoapTransport,
  type SoapClientOptions,
  type SoapOperationRequest,
  type SoapTransport,
} from '@wirebridge/core/soap';
import type { HeartbeatRequest } from './operations/heartbeat.js';
import type {
  ResolvedWesternUnionOptions,
  WesternUnionTlsOptions,
  WuService,
} from './western-union-config.js';
import { WesternUnionError } from './western-union-error.js';

/** spec §3: replies ≤ 5 MiB, requests ≤ 1 MiB. */
const maxResponseBytes = 5 * 1024 * 1024;
const maxRequestBytes = 1024 * 1024;
const outboundServices = ['validation', 'store', 'status', 'search', 'cancel', 'das', 'refund'] as const;

/** One generation of connections: one SOAP factory (one mTLS agent) and the heartbeat's HTTP transport. */
interface Generation {
  soap: SoapTransport;
  heartbeat: HttpTransport | undefined;
  inFlight: number;
  retired: boolean;
}

function httpTls(tls: WesternUnionTlsOptions | undefined) {
  if (tls === undefined) return undefined;
  const common = {
    minVersion: 'TLSv1.2' as const,
    ...(tls.ca === undefined ? {} : { ca: tls.ca }),
    ...(tls.passphrase === undefined ? {} : { passphrase: tls.passphrase }),
  };
  const material = tls as { pfx?: Buffer; key?: string | Buffer; cert?: string | Buffer };
  if (material.pfx !== undefined) return { ...common, pfx: material.pfx };
  if (material.key !== undefined && material.cert !== undefined) {
    return { ...common, key: material.key, cert: material.cert };
  }
  return common;
}

/**
 * The client's transport (DESIGN §2 step 5): SOAP for the XRSI services through core's factory — ONE long-lived
 * keep-alive agent per generation, mTLS, `escapeXML`, empty SOAPAction (spec §3) — and a raw POST for the heartbeat,
 * which has no WSDL. Rotation starts a new generation; the old one closes when its in-flight calls finish (spec §5.2).
 */
export class WesternUnionTransport implements Transport<SoapOperationRequest | HeartbeatRequest, unknown> {
  private current: Generation;
  private closed = false;

  constructor(private readonly options: ResolvedWesternUnionOptions) {
    this.current = this.open(options.tls);
  }

  private open(tls: WesternUnionTlsOptions | undefined): Generation {
    const tlsOptions = httpTls(tls);
    const factory = createSoapClientFactory({
      vendor: 'western-union',
      ...(tlsOptions === undefined ? {} : { tls: tlsOptions }),
      maxResponseBytes,
      maxRequestBytes,
      keepAlive: true,
      maxSockets: 10,
      defaultTimeoutMs: this.options.timeouts.default,
    });
    const services: Record<string, SoapClientOptions> = {};
    for (const service of outboundServices) {
      const endpoint = this.options.endpoints[service];
      if (endpoint === undefined) continue;
      services[service] = { wsdlPath: this.options.wsdlPaths[service], endpoint, soapAction: '' };
    }
    const heartbeatUrl = this.options.endpoints.heartbeat;
    // TODO(core): the SOAP factory cannot POST a raw envelope over its agent, so the WSDL-less heartbeat uses its
    // own HTTP transport (a second keep-alive agent with the same TLS material).
    const heartbeat =
      heartbeatUrl === undefined
        ? undefined
        : createHttpTransport({
            baseUrl: new URL(heartbeatUrl).origin,
            vendor: 'western-union',
            ...(tlsOptions === undefined ? {} : { tls: tlsOptions }),
            defaultHeaders: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
            maxResponseBytes,
          });
    return { soap: createSoapTransport(factory, services), heartbeat, inFlight: 0, retired: false };
  }

  /** Whether `service` has an endpoint. */
  hasEndpoint(service: WuService): boolean {
    return this.options.endpoints[service] !== undefined;
  }

  async send(
    request: SoapOperationRequest | HeartbeatRequest,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<unknown> {
    if (this.closed) {
      throw new TransportError({
        message: 'western-union client is closed; nothing was sent',
        vendor: 'western-union',
        retryable: false,
      });
    }
    const generation = this.current;
    generation.inFlight += 1;
    try {
      if (request.service === 'heartbeat')
        return await this.sendHeartbeat(generation, request as HeartbeatRequest, options);
      return await generation.soap.send(request as SoapOperationRequest, options);
    } catch (error) {
      throw authenticationFailure(error) ?? error;
    } finally {
      generation.inFlight -= 1;
      if (generation.retired && generation.inFlight === 0) void this.release(generation);
    }
  }

  private async sendHeartbeat(
    generation: Generation,
    request: HeartbeatRequest,
    options: { signal?: AbortSignal; timeoutMs: number },
  ) {
    const url = this.options.endpoints.heartbeat;
    if (generation.heartbeat === undefined || url === undefined) {
      throw new ValidationError({
        message: 'Invalid western-union request: endpoints.heartbeat',
        vendor: 'western-union',
        issues: [{ path: 'endpoints.heartbeat', code: 'invalid_value', message: 'no heartbeat endpoint' }],
      });
    }
    const parsed = new URL(url);
    return generation.heartbeat.send(
      { method: 'POST', path: parsed.pathname + parsed.search, body: request.body },
      options,
    );
  }

  /** Starts a new generation with `tls`; the old one is destroyed once its in-flight calls finished (spec §5.2). */
  rotate(tls: WesternUnionTlsOptions): void {
    const previous = this.current;
    this.current = this.open(tls);
    previous.retired = true;
    if (previous.inFlight === 0) void this.release(previous);
  }

  private async release(generation: Generation): Promise<void> {
    await Promise.allSettled([generation.soap.close(), generation.heartbeat?.close()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.release(this.current);
  }
}

/**
 * spec §6: HTTP 401/403 and a refused client certificate are `authentication` (the certificate was not accepted),
 * not a transient transport failure.
 */
function authenticationFailure(error: unknown): WesternUnionError | undefined {
  const details = (error as { details?: { reason?: unknown; status?: unknown } } | null)?.details;
  const refusedCertificate =
    error instanceof TransportError &&
    (details?.reason === 'tls_client_certificate_rejected' || details?.reason === 'tls_handshake');
  const refusedStatus =
    error instanceof ProtocolError && (details?.status === 401 || details?.status === 403);
  if (!refusedCertificate && !refusedStatus) return undefined;
  return new WesternUnionError({
    category: 'authentication',
    retryable: false,
    vendorCode: 'HTTP_AUTH',
    vendorMessage: refusedCertificate
      ? 'the client certificate was not accepted'
      : `HTTP ${String(details?.status)}`,
    cause: error,
  });
}
