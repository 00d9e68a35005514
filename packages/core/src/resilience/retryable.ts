import { ProtocolError, SignatureError, ValidationError } from '../errors/families.js';
import { isWirebridgeError } from '../errors/wirebridge-error.js';

/**
 * Whether an error may be retried by the pipeline. Never `ValidationError`, `SignatureError`, or an
 * error that says `retryable: false` (DESIGN §5). Non-Wirebridge errors are bugs and are not retried.
 */
export function isRetryableError(error: unknown): boolean {
  if (!isWirebridgeError(error)) return false;
  if (error instanceof ValidationError || error instanceof SignatureError) return false;
  return error.retryable;
}

/**
 * Whether an error counts against a circuit breaker: the vendor (or the path to it) looks unhealthy.
 * A declined payment or bad input says nothing about the vendor's health and does not count.
 */
export function isBreakerFailure(error: unknown): boolean {
  if (!isWirebridgeError(error)) return false;
  switch (error.code) {
    case 'TRANSPORT':
    case 'TIMEOUT':
    case 'OUTCOME_UNKNOWN':
    case 'PROTOCOL':
    case 'FRAMING':
    case 'SOAP_FAULT':
    case 'JSON_RPC':
      return true;
    case 'VENDOR':
      return (error as { category?: string }).category === 'unavailable';
    default:
      return error instanceof ProtocolError && !(error instanceof SignatureError);
  }
}
