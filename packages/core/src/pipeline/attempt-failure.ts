import { OutcomeUnknownError, ProtocolError, VendorError } from '../errors/families.js';
import { isWirebridgeError, type WirebridgeError } from '../errors/wirebridge-error.js';

/** Where an attempt failed: before anything was sent, while sending, or after a response arrived. */
export type Phase = 'before_send' | 'sending' | 'received';

/** Makes every failure a Wirebridge error, reading unexpected ones by the phase they happened in. */
export function classify(
  error: unknown,
  phase: Phase,
  subject: { vendor: string; operation: string },
): WirebridgeError {
  if (isWirebridgeError(error)) return error;
  if (phase === 'before_send') {
    return new ProtocolError({
      message: `${subject.operation}: could not build the request`,
      ...subject,
      cause: error,
    });
  }
  if (phase === 'sending') {
    return new OutcomeUnknownError({
      message: `${subject.operation}: the transport failed`,
      ...subject,
      cause: error,
    });
  }
  return new ProtocolError({
    message: `${subject.operation}: could not read the reply`,
    ...subject,
    cause: error,
  });
}

/**
 * True when the vendor may have acted on the request: the transport said so (OutcomeUnknownError), or a
 * reply arrived that we cannot trust or read (DESIGN §3). A vendor's definitive answer is not unknown.
 */
export function mayHaveBeenProcessed(error: WirebridgeError, phase: Phase): boolean {
  if (error instanceof OutcomeUnknownError) return true;
  if (error instanceof VendorError) return false;
  return phase !== 'before_send' && error instanceof ProtocolError;
}
