import type { Socket } from 'node:net';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { ConfigError, ProtocolError, TransportError, ValidationError } from '../errors/families.js';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import { startAttemptDeadline } from '../http/attempt-deadline.js';
import { classifyFailure } from '../http/classify-failure.js';
import { type ConnectionState, createTrackedTransport } from '../http/connection-tracker.js';
import { decodeXmlBody, findUnsafeXml, looksLikeSoapEnvelope, unsafeXmlText } from './xml-safety.js';

/** The reply of one call as received, before `soap` parses it. */
export interface ReceivedReply {
  status: number;
  text: string;
  /** The object handed to `soap` as its "response" (soap echoes it back as the result of a JSON fallback). */
  handedToSoap: object;
}

/** What one call shares with the HTTP client that sends it. */
export interface SoapCallState {
  /** `<operation> (POST <path>)`: the only request text allowed in messages. */
  subject: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  connection: ConnectionState;
  /** The envelope `soap` built, once it was handed over for sending. */
  rawRequest?: string;
  /** The reply, once it arrived and passed the text checks. */
  reply?: ReceivedReply;
  /** Ends the call with `error` when `soap` itself throws while reading a reply. */
  fail(error: WirebridgeError): void;
}

/** The callback `soap` passes to `IHttpClient.request`. */
type SoapHttpCallback = (error: unknown, response?: unknown, body?: unknown) => void;

/** Settings of {@link HardenedSoapHttpClient}. */
export interface SoapHttpClientSettings {
  axios: AxiosInstance;
  vendor?: string;
  maxRequestBytes: number;
  maxResponseBytes: number;
  /** Records a socket so `close()` can destroy it. */
  trackSocket(socket: Socket): void;
  /** Why `url` must not be sent to, or `undefined`. */
  urlProblem(url: string): string | undefined;
  isClosed(): boolean;
}

/**
 * The `httpClient` handed to `soap` (its documented `IHttpClient` extension point). `soap`'s own client would send
 * through the same axios instance, but could not tell this transport which call a request belongs to; this one
 * tracks every call's connection (so a failure is classified by whether the request can have been written, exactly
 * as the HTTP transport does, DESIGN §3), keeps the raw texts, refuses DTDs before `soap` parses anything, and
 * refuses every request it was not given a call for (remote WSDL and XSD downloads included).
 */
export class HardenedSoapHttpClient {
  readonly #settings: SoapHttpClientSettings;
  // Keyed by the per-call options object `soap` passes through untouched: concurrent calls never mix.
  readonly #calls = new WeakMap<object, SoapCallState>();

  constructor(settings: SoapHttpClientSettings) {
    this.#settings = settings;
  }

  /** Associates `call` with the options object that will be passed to the `soap` method. */
  register(callOptions: object, call: SoapCallState): void {
    this.#calls.set(callOptions, call);
  }

  /** `IHttpClient.request`: never throws; every outcome reaches `callback`. */
  request(
    url: string,
    data: unknown,
    callback: SoapHttpCallback,
    headers?: Record<string, unknown>,
    callOptions?: unknown,
  ): undefined {
    const call =
      typeof callOptions === 'object' && callOptions !== null ? this.#calls.get(callOptions) : undefined;
    const vendor = this.#settings.vendor === undefined ? {} : { vendor: this.#settings.vendor };
    if (call === undefined || typeof data !== 'string') {
      // Only a WSDL or XSD download gets here: WSDLs are local files (DESIGN §8, no remote imports).
      callback(new ConfigError({ message: 'remote WSDL and XSD locations are refused', ...vendor }));
      return undefined;
    }
    call.rawRequest = data;
    const problem = this.#refusal(url, data, call);
    if (problem !== undefined) {
      callback(problem);
      return undefined;
    }
    const deadline = startAttemptDeadline({
      signal: call.signal,
      timeoutMs: call.timeoutMs,
      isConnected: () => call.connection.connected,
    });
    this.#settings.axios
      .request<unknown>({
        method: 'POST',
        url,
        headers: requestHeaders(headers),
        data: Buffer.from(data, 'utf8'),
        signal: deadline.signal,
        transport: createTrackedTransport(call.connection, (socket) => this.#settings.trackSocket(socket)),
      })
      .then(
        (response) => {
          deadline.dispose();
          this.#deliver(response, call, callback);
        },
        (error: unknown) => {
          const outcome = deadline.outcome();
          deadline.dispose();
          callback(
            classifyFailure(error, {
              subject: call.subject,
              ...vendor,
              timeoutMs: call.timeoutMs,
              maxResponseBytes: this.#settings.maxResponseBytes,
              connection: call.connection,
              deadline: outcome,
              callerSignal: call.signal,
            }),
          );
        },
      )
      .catch((cause: unknown) => {
        // soap's callbacks threw while handling an outcome: the request was handed over, so it may have been sent.
        call.fail(
          new ProtocolError({
            message: `${call.subject}: the SOAP client failed while reading the outcome`,
            ...vendor,
            retryable: false,
            details: { reason: 'client_failure' },
            cause: parserCause(cause),
          }),
        );
      });
    return undefined;
  }

  /** A reason not to send at all (nothing has been written yet). */
  #refusal(url: string, envelope: string, call: SoapCallState): WirebridgeError | undefined {
    const vendor = this.#settings.vendor === undefined ? {} : { vendor: this.#settings.vendor };
    if (this.#settings.isClosed()) {
      return new TransportError({
        message: `${call.subject}: the SOAP client factory is closed; nothing was sent`,
        ...vendor,
        retryable: false,
        details: { reason: 'closed' },
      });
    }
    const urlProblem = this.#settings.urlProblem(url);
    if (urlProblem !== undefined) {
      return new ConfigError({ message: `${call.subject}: the endpoint ${urlProblem}`, ...vendor });
    }
    const size = Buffer.byteLength(envelope, 'utf8');
    if (size > this.#settings.maxRequestBytes) {
      return new ValidationError({
        message: `${call.subject}: the request envelope is ${size} bytes, over the limit of ${this.#settings.maxRequestBytes}`,
        ...vendor,
        issues: [{ path: 'args', code: 'too_big', message: 'the request envelope is over maxRequestBytes' }],
      });
    }
    return undefined;
  }

  /** Checks the reply text, then lets `soap` parse it. */
  #deliver(response: AxiosResponse<unknown>, call: SoapCallState, callback: SoapHttpCallback): void {
    const status = response.status;
    const checked = this.#readReplyText(response, call);
    if (typeof checked !== 'string') {
      callback(checked);
      return;
    }
    const handedToSoap = { status, headers: response.headers, data: checked };
    call.reply = { status, text: checked, handedToSoap };
    try {
      callback(null, handedToSoap, checked);
    } catch (cause) {
      // soap parses synchronously inside this callback; anything it throws is an unreadable reply.
      call.fail(
        new ProtocolError({
          message: `${call.subject}: the reply could not be read`,
          ...(this.#settings.vendor === undefined ? {} : { vendor: this.#settings.vendor }),
          retryable: false,
          details: { status, reason: 'unparseable' },
          cause: parserCause(cause),
        }),
      );
    }
  }

  /** The reply as text, or why it must not reach `soap`'s parser. */
  #readReplyText(response: AxiosResponse<unknown>, call: SoapCallState): string | ProtocolError {
    const status = response.status;
    const refuse = (reason: string, explanation: string) =>
      new ProtocolError({
        message: `${call.subject}: HTTP ${status} reply refused: ${explanation}`,
        ...(this.#settings.vendor === undefined ? {} : { vendor: this.#settings.vendor }),
        retryable: false,
        details: { status, reason },
      });
    const contentType = response.headers['content-type'];
    const decoded = decodeXmlBody(
      toBytes(response.data),
      typeof contentType === 'string' ? contentType : undefined,
    );
    if ('failure' in decoded) return refuse(decoded.failure, 'its body is not text in the declared charset');
    // DESIGN §8 / specs/western-union.md §5.4: DTDs are refused BEFORE the text reaches soap's parser.
    const unsafe = findUnsafeXml(decoded.text);
    if (unsafe !== undefined) return refuse(unsafe, `${unsafeXmlText[unsafe]}; it was not parsed`);
    if (!looksLikeSoapEnvelope(decoded.text)) return refuse('not_soap', 'the body is not a SOAP envelope');
    return decoded.text;
  }
}

/** `soap`'s headers plus the transport's defaults (same choices as the HTTP transport). */
function requestHeaders(headers: Record<string, unknown> | undefined): Record<string, string | false> {
  const result: Record<string, string | false> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') result[name] = value;
  }
  const names = new Set(Object.keys(result).map((name) => name.toLowerCase()));
  // Decompression is off (a compressed body would defeat maxResponseBytes), so ask for identity encoding.
  if (!names.has('accept-encoding')) result['Accept-Encoding'] = 'identity';
  if (!names.has('accept')) result.Accept = false;
  if (!names.has('user-agent')) result['User-Agent'] = 'wirebridge';
  return result;
}

function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return Buffer.from(typeof data === 'string' ? data : '', 'utf8');
}

/**
 * A cause safe to keep on an error: the parser's own message only. `soap` attaches the whole reply body and the
 * response object to its errors, which must not reach logs through `error.cause` (they may hold personal data).
 */
export function parserCause(cause: unknown): Error {
  if (cause instanceof Error) return new Error(cause.message.split('\n')[0] ?? 'parse failure');
  const detail = (cause as { Fault?: { detail?: unknown } } | null)?.Fault?.detail;
  return new Error(typeof detail === 'string' ? (detail.split('\n')[0] ?? 'parse failure') : 'parse failure');
}
