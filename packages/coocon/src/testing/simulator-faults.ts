/** The faults of spec §9, queued by `inject(kind, { times, value })` and taken by the simulator as it works. */
import { ValidationError } from '@wirebridge/core';

/** Faults applied to telegrams the simulator pushes to the receiver. */
export const PUSH_FAULTS = [
  'duplicate',
  'skipSerial',
  'outOfOrder',
  'wrongKey',
  'badPadding',
  'badPrefix',
  'truncate',
  'slowloris',
  'coalesce',
  'unknownInstitution',
  'noAckWait',
] as const;

/** Faults applied to requests the simulator answers on the relay. */
export const OUTBOUND_FAULTS = [
  'delay',
  'resetAfterRequest',
  'resetMidResponse',
  'code',
  'poolExhausted',
  'mismatchedEcho',
] as const;

/** A fault kind of spec §9. */
export type CooconFaultKind = (typeof PUSH_FAULTS)[number] | (typeof OUTBOUND_FAULTS)[number];

/** A queued fault. */
export interface QueuedFault {
  kind: CooconFaultKind;
  remaining: number;
  value: unknown;
}

const known = new Set<string>([...PUSH_FAULTS, ...OUTBOUND_FAULTS]);

/** The fault queue of one simulator. @internal */
export class FaultQueue {
  readonly #faults: QueuedFault[] = [];

  inject(kind: string, options: { times?: number; value?: unknown } = {}): void {
    const times = options.times ?? 1;
    if (!known.has(kind) || !Number.isInteger(times) || times < 1) {
      throw new ValidationError({
        message: 'coocon simulator: unknown fault or bad times',
        issues: [{ path: known.has(kind) ? 'times' : 'kind', message: 'invalid', code: 'invalid_value' }],
      });
    }
    this.#faults.push({ kind: kind as CooconFaultKind, remaining: times, value: options.value });
  }

  /** Takes one use of the first queued fault among `kinds`. */
  take(kinds: readonly string[]): { kind: CooconFaultKind; value: unknown } | undefined {
    const fault = this.#faults.find((candidate) => candidate.remaining > 0 && kinds.includes(candidate.kind));
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#faults.splice(this.#faults.indexOf(fault), 1);
    return { kind: fault.kind, value: fault.value };
  }
}
