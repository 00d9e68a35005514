import {
  AbortedError,
  BulkheadRejectedError,
  CircuitOpenError,
  ConfigError,
  RateLimitedError,
  TimeoutError,
  TransportError,
  ValidationError,
  VendorError,
} from '../errors/families.js';

/** How one provider call counts in its success window (DESIGN §6). */
export type WindowCount = 'success' | 'failure' | 'not_counted';

/**
 * The product's rule: a provider's rate counts whether it accepted or rejected the request when it was created,
 * not what happened later. Any answer or failure of the provider counts against it (a decline, a timeout, an
 * unreadable reply, an unknown outcome); what never reached it, or was the caller's doing, does not: bad input,
 * bad configuration, an open circuit, a full bulkhead, a local rate limit, the caller's abort.
 */
export function windowCountOf(error: unknown): WindowCount {
  if (
    error instanceof ValidationError ||
    error instanceof ConfigError ||
    error instanceof CircuitOpenError ||
    error instanceof BulkheadRejectedError ||
    error instanceof RateLimitedError ||
    error instanceof AbortedError
  ) {
    return 'not_counted';
  }
  return 'failure';
}

/**
 * True when trying the next provider cannot double a charge: the request never reached this provider (an open
 * circuit, a full bulkhead, a local rate limit, a connect error or a deadline before any byte was written —
 * DESIGN §3), or the provider answered definitively that it is `unavailable`. Never after an unknown outcome, an
 * unreadable reply or any other refusal: the first must be resolved through `status()`, the others are answers.
 */
export function canFailOver(error: unknown): boolean {
  if (error instanceof VendorError) return error.category === 'unavailable';
  return (
    error instanceof CircuitOpenError ||
    error instanceof BulkheadRejectedError ||
    error instanceof RateLimitedError ||
    error instanceof TransportError ||
    error instanceof TimeoutError
  );
}
