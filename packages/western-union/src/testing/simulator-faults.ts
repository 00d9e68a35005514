import type { WuService } from '../western-union-config.js';

/** A fault the simulator injects (spec §9). */
export interface WesternUnionSimulatorFault {
  operation: WuService;
  kind:
    | 'delay'
    | 'reset'
    | 'malformed'
    | 'proto'
    | 'fault'
    | 'nonStandardFault'
    | 'http503'
    | 'duplicateNotification'
    | 'badBasicAuth';
  /** How many matching requests it applies to. @default 1 */
  times?: number;
  /** `delay`/`reset`: execute the request before failing (the store still commits). @default false */
  commit?: boolean;
  /** `reset`: write half of the reply before destroying the socket. @default false */
  midResponse?: boolean;
  /** `fault`/`nonStandardFault`: the WU code. @default 'E9256' */
  code?: string;
  /** `fault`/`nonStandardFault`: the text after the code. @default 'SYSTEM ERROR - PLEASE RETRY' */
  text?: string;
  /** `delay`: how long to hold the reply, past the client's timeout. @default 5_000 */
  delayMs?: number;
}

const kinds = new Set<WesternUnionSimulatorFault['kind']>([
  'delay',
  'reset',
  'malformed',
  'proto',
  'fault',
  'nonStandardFault',
  'http503',
  'duplicateNotification',
  'badBasicAuth',
]);

/** Pending faults per service, consumed in order. */
export class FaultQueue {
  private readonly pending: { fault: WesternUnionSimulatorFault; remaining: number }[] = [];

  add(fault: WesternUnionSimulatorFault): void {
    if (typeof fault !== 'object' || fault === null || !kinds.has(fault.kind)) {
      throw new TypeError('inject: kind must be one of the faults of spec §9');
    }
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new TypeError('inject: times must be a positive integer');
    this.pending.push({ fault: { ...fault }, remaining: times });
  }

  /** Takes one use of the first fault for `service` (and one of `kinds`, when given). */
  take(
    service: WuService,
    only?: readonly WesternUnionSimulatorFault['kind'][],
  ): WesternUnionSimulatorFault | undefined {
    const index = this.pending.findIndex(
      (entry) => entry.fault.operation === service && (only === undefined || only.includes(entry.fault.kind)),
    );
    if (index < 0) return undefined;
    const entry = this.pending[index] as { fault: WesternUnionSimulatorFault; remaining: number };
    entry.remaining -= 1;
    if (entry.remaining === 0) this.pending.splice(index, 1);
    return entry.fault;
  }

  /** Looks at the first fault for `service` without taking it. */
  peek(service: WuService): WesternUnionSimulatorFault | undefined {
    return this.pending.find((entry) => entry.fault.operation === service)?.fault;
  }
}
