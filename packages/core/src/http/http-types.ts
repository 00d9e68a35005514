/** HTTP methods the transport sends. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request, relative to the transport's `baseUrl`. Built by a vendor's wire layer. */
export interface HttpRequest {
  /** The HTTP method. */
  method: HttpMethod;
  /**
   * Path relative to the transport's `baseUrl`, starting with `/` (a `?query` part is allowed). Absolute URLs,
   * `//host` forms, backslashes, fragments and `.`/`..` segments are refused with a `ValidationError` (DESIGN §8).
   */
  path: string;
  /** Query parameters, percent-encoded (RFC 3986) and appended after any query already in `path`. @default none */
  query?: Record<string, string>;
  /**
   * Headers of this request; they override the transport's `defaultHeaders` (names compare case-insensitively).
   * `Content-Length` and `Transfer-Encoding` are computed from `body` and may not be set. @default none
   */
  headers?: Record<string, string>;
  /**
   * The exact bytes sent (a string is sent as UTF-8). Callers sign these bytes, so the transport never
   * re-serializes them. @default no body
   */
  body?: string | Uint8Array;
}

/** A response whose status the transport does not treat as an unknown outcome (by default 2xx–4xx). */
export interface HttpResponse {
  /** The HTTP status code. */
  status: number;
  /** Response headers as Node parsed them: lower-case names, `set-cookie` as an array. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body bytes, never decoded or decompressed. */
  body: Buffer;
}

/** Per-attempt options of {@link HttpTransport.send}, supplied by the call pipeline. */
export interface HttpSendOptions {
  /** Cancels the attempt. Before the connection is established → `AbortedError`; after → `OutcomeUnknownError`. */
  signal?: AbortSignal;
  /** Deadline of this attempt in milliseconds, from the call to `send` until the whole response is read. */
  timeoutMs: number;
}

/** Sends requests over one long-lived connection pool and classifies every failure (DESIGN §3). */
export interface HttpTransport {
  /**
   * Sends one request. Resolves with the response, or rejects with a Wirebridge error that says whether the
   * request can have reached the server: `ValidationError`, `TransportError`, `TimeoutError` and `AbortedError`
   * mean it cannot; `OutcomeUnknownError` means it may have been processed; `ProtocolError` means a response
   * arrived but is unusable.
   */
  send(request: HttpRequest, options: HttpSendOptions): Promise<HttpResponse>;
  /** Destroys the agent and every socket it opened; later `send` calls fail with a `TransportError`. */
  close(): Promise<void>;
}
