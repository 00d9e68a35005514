import { OutcomeUnknownError, ProtocolError, TransportError } from '../errors/families.js';
import { isWirebridgeError, type WirebridgeError } from '../errors/wirebridge-error.js';
import { parserCause, type SoapCallState } from './soap-http-client.js';
import type { SoapFault, SoapReply } from './soap-types.js';

/** What `soap` passed to a method's callback. */
export interface SoapCallbackArguments {
  error: unknown;
  result: unknown;
  /** `soap`'s fifth callback argument: the request envelope, absent on its "no Body" branch. */
  envelope: unknown;
}

/**
 * Turns what `soap` 1.13 reported for one call into a {@link SoapReply} or a Wirebridge error. Everything that
 * depends on how `soap`'s `Client#_invoke` reports outcomes lives here:
 * - errors of our own HTTP client arrive unchanged (already classified before/after write);
 * - a Fault is an `Error` whose `root` is the parsed envelope (`root.Envelope.Body.Fault`);
 * - a parse failure is a plain `{ Fault: { faultstring: 'Invalid XML' } }` object (no `root`), or an `Error`;
 * - a reply without a `Body` "succeeds" with the whole envelope and no envelope argument;
 * - a reply whose Body lacks the output element "succeeds" with `undefined`.
 */
export function readSoapOutcome(
  outcome: SoapCallbackArguments,
  call: SoapCallState,
  vendor: { vendor?: string },
): SoapReply {
  const { error } = outcome;
  if (isWirebridgeError(error)) throw error;
  const reply = call.reply;
  if (reply === undefined) throw withoutReply(error, call, vendor);
  const exchange = { rawRequest: call.rawRequest ?? '', rawResponse: reply.text, status: reply.status };
  const unusable = (reason: string, explanation: string, cause?: unknown) =>
    new ProtocolError({
      message: `${call.subject}: HTTP ${reply.status} reply unusable: ${explanation}`,
      ...vendor,
      retryable: false,
      details: { status: reply.status, reason },
      ...(cause === undefined ? {} : { cause: parserCause(cause) }),
    });

  if (error !== null && error !== undefined) {
    const fault = faultOf(error);
    if (fault === undefined) throw unusable('unparseable', 'the body could not be parsed', error);
    // SOAP 1.1 §4.4 makes faultcode mandatory: without it there is no answer to map, only a broken reply.
    if (fault.faultCode === '') throw unusable('fault_without_code', 'a SOAP Fault without a faultcode');
    return { kind: 'fault', fault, ...exchange };
  }
  // A non-2xx without a Fault says nothing about whether the request was processed (DESIGN §3).
  if (reply.status < 200 || reply.status > 299) {
    throw unusable('http_status', 'a non-2xx status without a SOAP Fault');
  }
  if (outcome.envelope === undefined) throw unusable('no_body', 'the envelope has no Body');
  if (outcome.result === undefined || outcome.result === reply.handedToSoap) {
    throw unusable('missing_output', "the Body does not hold the operation's output element");
  }
  return { kind: 'result', result: outcome.result, ...exchange };
}

/** The Fault of a `soap` error, or `undefined` when the error is not a parsed Fault. */
function faultOf(error: unknown): SoapFault | undefined {
  const root = (error as { root?: unknown } | null)?.root;
  const fault = field(field(field(root, 'Envelope'), 'Body'), 'Fault');
  if (typeof fault !== 'object' || fault === null) return undefined;
  // SOAP 1.1 names first, then SOAP 1.2 (Code/Value, Reason/Text, Detail).
  const faultCode = textOf(field(fault, 'faultcode')) || textOf(field(field(fault, 'Code'), 'Value'));
  const faultString = textOf(field(fault, 'faultstring')) || textOf(field(field(fault, 'Reason'), 'Text'));
  const detail = field(fault, 'detail') ?? field(fault, 'Detail');
  return { faultCode, faultString, ...(detail === undefined || detail === null ? {} : { detail }) };
}

/** An own property, never one inherited from `Object.prototype`. */
function field(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return undefined;
  return (value as Record<string, unknown>)[name];
}

/** The text of an element as `soap` parsed it: a string, or `$value` when the element also had attributes. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = field(value, '$value');
  return typeof inner === 'string' ? inner.trim() : '';
}

/**
 * A failure `soap` reported without any reply having arrived. Our HTTP client reports every transport failure
 * itself, so this is defensive: once the envelope was handed over it may have been sent.
 */
function withoutReply(error: unknown, call: SoapCallState, vendor: { vendor?: string }): WirebridgeError {
  if (call.rawRequest === undefined) {
    return new TransportError({
      message: `${call.subject}: the SOAP client failed before sending; nothing was sent`,
      ...vendor,
      retryable: false,
      details: { reason: 'client_failure' },
      cause: parserCause(error),
    });
  }
  return new OutcomeUnknownError({
    message: `${call.subject}: the SOAP client failed after the request may have been sent`,
    ...vendor,
    details: { reason: 'client_failure' },
    cause: parserCause(error),
  });
}
