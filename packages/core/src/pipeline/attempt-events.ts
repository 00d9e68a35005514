import { VendorError } from '../errors/families.js';
import type { WirebridgeError } from '../errors/wirebridge-error.js';
import type { CallEvent } from '../observability/index.js';
import type { AttemptContext } from './operation-types.js';

/** The code an event reports: the vendor's own code for a vendor answer, else the error family's code. */
export function codeOf(error: WirebridgeError): string {
  return error instanceof VendorError ? error.vendorCode : error.code;
}

/** One attempt's event (DESIGN §2 step 9). */
export function eventOf(
  context: AttemptContext,
  startedAt: number,
  endedAt: number,
  outcome: CallEvent['outcome'],
  code: string | undefined,
  resolved = false,
): CallEvent {
  return {
    vendor: context.vendor,
    operation: context.operation,
    attempt: context.attempt,
    durationMs: endedAt - startedAt,
    outcome,
    timestamp: startedAt,
    ...(code === undefined ? {} : { code }),
    ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    ...(resolved ? { resolved: true } : {}),
  };
}
