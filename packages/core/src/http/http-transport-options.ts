/** Client-side TLS settings of an `https` transport (DESIGN §8: TLS ≥ 1.2, mTLS from PEM or PKCS#12). */
export interface HttpTlsOptions {
  /**
   * Trusted CA certificates (PEM, one bundle or a list). When given they REPLACE Node's bundled roots, which is
   * what a vendor with a private CA needs. @default Node's bundled Mozilla roots
   */
  ca?: string | Buffer | ReadonlyArray<string | Buffer>;
  /** Client certificate chain (PEM) for mTLS; requires `key`. @default no client certificate */
  cert?: string | Buffer;
  /** Client private key (PEM, optionally encrypted with `passphrase`) for mTLS; requires `cert`. @default none */
  key?: string | Buffer;
  /**
   * Client key and certificate as PKCS#12 (DER bytes), instead of `cert` + `key`. OpenSSL 3 cannot read legacy
   * RC2-40 bags: convert such files to PEM first. @default none
   */
  pfx?: Buffer;
  /** Password of `pfx` or of an encrypted `key`. Never echoed in errors. @default none */
  passphrase?: string;
  /** Lowest TLS version offered. @default 'TLSv1.2' */
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Verify the server certificate against `ca`. Turning this off is for local experiments only. @default true */
  rejectUnauthorized?: boolean;
  /** SNI server name and the name the certificate is checked against. @default the `baseUrl` host */
  servername?: string;
}

/**
 * An HTTP forward proxy. `http` targets are sent to it in absolute form; `https` targets go through a
 * `CONNECT` tunnel so TLS (and mTLS) stays end to end.
 */
export interface HttpProxyOptions {
  /** The proxy speaks plain HTTP. */
  protocol: 'http';
  /** Proxy host name or address. */
  host: string;
  /** Proxy port. */
  port: number;
  /** Basic credentials for the proxy (`Proxy-Authorization`). Never echoed in errors. @default none */
  auth?: { username: string; password: string };
}

/** Options of {@link createHttpTransport}. Every invalid value is a `ConfigError` naming the option. */
export interface HttpTransportOptions {
  /** Absolute `http:`/`https:` URL every request path is appended to, e.g. `https://api.vendor.test/v1`. */
  baseUrl: string;
  /** Vendor name copied onto every error this transport raises (`error.vendor`). @default none */
  vendor?: string;
  /** Headers sent with every request; a request's own headers override them. @default none */
  defaultHeaders?: Record<string, string>;
  /** TLS and mTLS settings; only valid with an `https` `baseUrl`. @default Node's roots, TLS ≥ 1.2, no client cert */
  tls?: HttpTlsOptions;
  /**
   * Forward proxy. Environment variables (`HTTP_PROXY`, `HTTPS_PROXY`) are never read implicitly: a payment
   * connection must not change route because of the host's environment. @default false
   */
  proxy?: HttpProxyOptions | false;
  /** Largest response body read, in bytes; a larger one is a `ProtocolError`. @default 1_048_576 (1 MiB) */
  maxResponseBytes?: number;
  /** Largest request body sent, in bytes; a larger one is a `ValidationError` before any I/O. @default 1_048_576 */
  maxRequestBytes?: number;
  /** Keep connections open between requests (one pool per transport). @default true */
  keepAlive?: boolean;
  /** Most sockets open at once to the host. @default 64 */
  maxSockets?: number;
  /**
   * Idle keep-alive sockets are closed after this many milliseconds. Servers commonly drop idle connections after
   * 5 s; closing ours first avoids writing a request onto a socket the server is closing, which would be an unknown
   * outcome. A server's `Keep-Alive: timeout=N` hint shortens it further. @default 4_000
   */
  idleSocketTimeoutMs?: number;
  /**
   * Statuses for which the server may or may not have acted (the reply is no answer); they become a
   * `ProtocolError` with `details.status` instead of a response. @default (status) => status >= 500
   */
  isUnknownOutcomeStatus?: (status: number) => boolean;
}

/** Default `maxResponseBytes` and `maxRequestBytes`: 1 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** Default `maxSockets`. */
export const DEFAULT_MAX_SOCKETS = 64;
/** Default `idleSocketTimeoutMs`: below the 5 s idle timeout common on servers (Node's own default included). */
export const DEFAULT_IDLE_SOCKET_TIMEOUT_MS = 4_000;

/** The default of `isUnknownOutcomeStatus`: a 5xx says nothing about whether the request was processed. */
export function defaultIsUnknownOutcomeStatus(status: number): boolean {
  return status >= 500;
}
