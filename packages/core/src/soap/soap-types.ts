import type { HttpTlsOptions } from '../http/http-transport-options.js';

/** Options of {@link createSoapClientFactory}: what every client of one vendor shares. */
export interface SoapClientFactoryOptions {
  /** Vendor name copied onto every error the factory's clients raise (`error.vendor`). @default none */
  vendor?: string;
  /**
   * TLS and mTLS for `https` endpoints, checked at construction exactly like the HTTP transport's `tls` (PEM pair or
   * PKCS#12, optional private CA, TLS ≥ 1.2). Every client of the factory shares ONE keep-alive agent built from it,
   * so a client certificate costs one handshake per pooled connection, not one per call. When given, every endpoint
   * must be `https`. @default Node's bundled roots, TLS ≥ 1.2, no client certificate
   */
  tls?: HttpTlsOptions;
  /**
   * Largest reply read, in bytes; a larger one is a `ProtocolError`. XML envelopes are verbose and reference-data
   * listings run to megabytes, hence a larger default than the HTTP transport's. @default 5_242_880 (5 MiB)
   */
  maxResponseBytes?: number;
  /** Largest request envelope sent, in bytes; a larger one is a `ValidationError` before any I/O. @default 1_048_576 */
  maxRequestBytes?: number;
  /** Keep connections open between calls. @default true */
  keepAlive?: boolean;
  /** Most sockets open at once per host. @default 64 */
  maxSockets?: number;
  /** Idle pooled sockets are closed after this many milliseconds (see the HTTP transport). @default 4_000 */
  idleSocketTimeoutMs?: number;
  /** Per-call timeout when a call gives none. @default 3_000 */
  defaultTimeoutMs?: number;
}

/** Which WSDL a client uses and where it sends. */
export interface SoapClientOptions {
  /**
   * Path of the WSDL on local disk (relative paths resolve against the working directory). Its imports and includes
   * must be local files too: a remote WSDL or XSD location is a `ConfigError`, and so is a DOCTYPE in any of them. The
   * WSDL is read and parsed once per factory, on first use (or {@link SoapClient.ready}).
   */
  wsdlPath: string;
  /** Absolute `http`/`https` URL that replaces the WSDL's `soap:address` (one per environment). @default the WSDL's address */
  endpoint?: string;
  /**
   * `SOAPAction` sent with every call, whatever the WSDL declares; `''` sends the empty action `SOAPAction: ""` that
   * some gateways require. @default the operation's `soapAction` from the WSDL (`""` when the WSDL declares it empty)
   */
  soapAction?: string;
  /** Extra HTTP headers sent with every call (their values are never echoed in errors). @default none */
  headers?: Readonly<Record<string, string>>;
}

/** Per-call options of {@link SoapClient.invoke} and {@link SoapClient.call}. */
export interface SoapCallOptions {
  /** Cancels the call. Before the connection is established → `AbortedError`; after → `OutcomeUnknownError`. */
  signal?: AbortSignal;
  /** Deadline of this call in milliseconds, connect to last reply byte. @default the factory's `defaultTimeoutMs` */
  timeoutMs?: number;
}

/** The arguments of one operation, built in the WSDL's sequence order (`soap` writes keys in insertion order). */
export type SoapArgs = Readonly<Record<string, unknown>>;

/** A SOAP Fault as the peer sent it (SOAP 1.1 `faultcode`/`faultstring`/`detail`, or the 1.2 equivalents). */
export interface SoapFault {
  /** The `faultcode` text, verbatim with its prefix (`soapenv:Server`, `ns1:error-reply`). */
  faultCode: string;
  /** The `faultstring` text, verbatim. */
  faultString: string;
  /** The `detail` element as `soap` parsed it (an object of its children, or text); absent when there is none. */
  detail?: unknown;
}

/** The raw texts of one exchange: for redacted logging ({@link redactSoapText}) and contract recording. */
export interface SoapExchangeText {
  /** The request envelope exactly as sent. */
  rawRequest: string;
  /** The reply body exactly as received (decoded to text). */
  rawResponse: string;
  /** The HTTP status of the reply. */
  status: number;
}

/** The outcome of {@link SoapClient.call}: the operation's output element as `soap` parsed it. */
export interface SoapCallResult extends SoapExchangeText {
  /** The output element (an object, a string for a text-only element, `null` for an empty one). */
  result: unknown;
}

/**
 * A vendor's definitive answer: either the output element or a SOAP Fault. A fault is a VALUE here, not an error,
 * because it is a business answer (the request was processed and refused) and must reach the operation's decode
 * stage, which maps `fault.faultCode` (or a code inside `fault.detail`) through the vendor's codes table to a
 * `VendorError`. Thrown, a fault would be a `ProtocolError` after sending, which the pipeline treats as a possibly
 * processed request (docs/decisions/0005) and resolves like a lost reply.
 */
export type SoapReply =
  | (SoapExchangeText & { kind: 'result'; result: unknown })
  | (SoapExchangeText & { kind: 'fault'; fault: SoapFault });

/** One client of a factory: one WSDL, one endpoint, sharing the factory's agent. */
export interface SoapClient {
  /** The absolute path of the WSDL. */
  readonly wsdlPath: string;
  /**
   * Loads and checks the WSDL now instead of on the first call (so a wrong path fails at start-up).
   * @throws ConfigError when the WSDL cannot be read or parsed, has a DOCTYPE, imports a remote file, or the
   * endpoint it declares is unusable.
   */
  ready(): Promise<void>;
  /**
   * Sends one operation and returns the vendor's answer, a SOAP Fault included, as a {@link SoapReply}. Rejects with
   * a Wirebridge error that says whether the request can have reached the vendor (DESIGN §3): `ValidationError`,
   * `ConfigError`, `TransportError`, `TimeoutError` and `AbortedError` mean it cannot; `OutcomeUnknownError` means it
   * may have been processed; `ProtocolError` means a reply arrived but is unusable (a 5xx or other non-2xx without a
   * Fault, an unparseable or non-SOAP body, a DOCTYPE, a reply over the size limit).
   */
  invoke(operation: string, args: SoapArgs, options?: SoapCallOptions): Promise<SoapReply>;
  /**
   * Like {@link SoapClient.invoke}, but a SOAP Fault rejects with a `SoapFaultError` carrying its code and text
   * (`details.status` holds the HTTP status). For direct use: inside the call pipeline use `createSoapTransport`,
   * because the pipeline reads any `ProtocolError` after sending — `SoapFaultError` included — as a request that may
   * have been processed, and would resolve a definitive refusal like a lost reply.
   */
  call(operation: string, args: SoapArgs, options?: SoapCallOptions): Promise<SoapCallResult>;
}

/** Creates clients that share one connection pool; {@link SoapClientFactory.close} releases it. */
export interface SoapClientFactory {
  /**
   * A client for one WSDL and endpoint. Cheap: the WSDL is loaded lazily, once per path for the whole factory, and
   * the underlying `soap` client once per path and endpoint.
   * @throws ConfigError when an option is invalid (before any I/O).
   */
  client(options: SoapClientOptions): SoapClient;
  /** Destroys the agents and every socket they opened; later calls fail with a `TransportError`. */
  close(): Promise<void>;
}
