import { ValidationError } from '../errors/families.js';
import { createConnectionState } from '../http/connection-tracker.js';
import type { LoadedClient, SoapOperationEntry } from './index-wsdl-operations.js';
import { readSoapOutcome } from './read-soap-outcome.js';
import { type HardenedSoapHttpClient, parserCause, type SoapCallState } from './soap-http-client.js';
import type { SoapArgs, SoapReply } from './soap-types.js';

/** One checked call, ready to send. */
export interface SoapCallRequest {
  operation: string;
  args: SoapArgs;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** HTTP headers added to `soap`'s own (the client's headers, the SOAPAction override). */
  headers: Record<string, string>;
  httpClient: HardenedSoapHttpClient;
  vendor: { vendor?: string };
}

/**
 * Runs one operation through `soap` (which builds the envelope and parses the reply) and our HTTP client (which
 * sends it and classifies failures), and reads the outcome into a {@link SoapReply} or a Wirebridge error.
 */
export function sendSoapCall(
  loaded: LoadedClient,
  entry: SoapOperationEntry,
  request: SoapCallRequest,
): Promise<SoapReply> {
  return new Promise<SoapReply>((resolve, reject) => {
    const call: SoapCallState = {
      subject: `${request.operation} (POST ${entry.path})`,
      timeoutMs: request.timeoutMs,
      signal: request.signal,
      connection: createConnectionState(),
      fail: reject,
    };
    // A fresh object per call: soap hands it to our HTTP client untouched, which finds the call by it.
    const callOptions = {};
    request.httpClient.register(callOptions, call);
    try {
      entry.method(
        request.args,
        (error, result, _body, _header, envelope) => {
          forgetLastExchange(loaded);
          try {
            resolve(readSoapOutcome({ error, result, envelope }, call, request.vendor));
          } catch (failure) {
            reject(failure);
          }
        },
        callOptions,
        { ...request.headers },
      );
    } catch (cause) {
      forgetLastExchange(loaded);
      // soap builds the envelope synchronously, before anything is handed over for sending.
      reject(
        new ValidationError({
          message: `${call.subject}: the arguments do not fit the WSDL; nothing was sent`,
          ...request.vendor,
          issues: [
            { path: 'args', code: 'invalid_value', message: 'soap could not build the request envelope' },
          ],
          cause: parserCause(cause),
        }),
      );
    }
  });
}

/**
 * `soap` keeps the last request and reply (up to `maxResponseBytes`, personal data included) on its long-lived
 * client object for debugging; the texts are handed to the caller instead, so the copies are dropped.
 */
function forgetLastExchange(loaded: LoadedClient): void {
  const client = loaded.client;
  client.lastRequest = undefined;
  client.lastMessage = undefined;
  client.lastResponse = undefined;
  client.lastRequestHeaders = undefined;
  client.lastResponseHeaders = undefined;
}
