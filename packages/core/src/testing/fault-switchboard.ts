import { ValidationError } from '../errors/index.js';
import { assertValidFault, type SimulatorFault } from './simulator-faults.js';

/**
 * Which requests a fault applies to: every listed property must equal (`===`) the same property of the
 * context the simulator passes to `take()` (`{ path: '/api/trades/revise' }`, `{ command: '9000' }`), or a
 * predicate for anything finer.
 */
export type FaultMatch<TContext extends object> =
  | { readonly [Key in keyof TContext]?: TContext[Key] }
  | ((context: TContext) => boolean);

/** One `inject()` call. */
export interface FaultInjection<TFault extends { kind: string }, TContext extends object> {
  /** The requests this fault applies to. @default every request */
  match?: FaultMatch<TContext>;
  /** What goes wrong. */
  fault: TFault;
  /** How many matching requests it applies to before it clears itself; `Infinity` keeps it. @default 1 */
  times?: number;
}

/** A stored injection, as `pending()` lists it. */
export interface PendingFault<TFault extends { kind: string }, TContext extends object> {
  readonly match: FaultMatch<TContext> | undefined;
  readonly fault: TFault;
  /** Matching requests it still applies to. */
  readonly remaining: number;
}

/** Handle returned by `inject()`. */
export interface InjectedFault {
  /** Matching requests the fault still applies to (0 once used up or removed). */
  readonly remaining: number;
  /** Removes the fault before it is used up. */
  remove(): void;
}

/**
 * The fault switchboard of a simulator (DESIGN §9): tests `inject()` faults, the simulator `take()`s the
 * fault that applies to each request it handles. Injections are tried in the order they were made; each
 * applies `times` times and then clears itself.
 */
export interface FaultSwitchboard<TFault extends { kind: string }, TContext extends object> {
  /**
   * Stores a fault.
   * @throws ValidationError when the fault's parameters or `times` are invalid.
   */
  inject(injection: FaultInjection<TFault, TContext>): InjectedFault;
  /** Returns the first stored fault matching `context` and uses one of its `times`, or `undefined`. */
  take(context: TContext): TFault | undefined;
  /** The stored faults, oldest first. */
  pending(): readonly PendingFault<TFault, TContext>[];
  /** Removes every stored fault. */
  clear(): void;
}

interface Entry<TFault extends { kind: string }, TContext extends object> {
  match: FaultMatch<TContext> | undefined;
  fault: TFault;
  remaining: number;
}

/**
 * Creates a fault switchboard. `TFault` defaults to the kinds core knows ({@link SimulatorFault}); a vendor
 * simulator widens it with its own (`SimulatorFault | { kind: 'bad-length' }`) and keeps the same matching.
 * `TContext` is what the vendor simulator knows about a request when it asks (`{ path, idempotencyKey }`).
 */
export function createFaultSwitchboard<
  TFault extends { kind: string } = SimulatorFault,
  TContext extends object = Record<string, unknown>,
>(): FaultSwitchboard<TFault, TContext> {
  let entries: Entry<TFault, TContext>[] = [];

  const drop = (entry: Entry<TFault, TContext>) => {
    entry.remaining = 0;
    entries = entries.filter((candidate) => candidate !== entry);
  };

  return {
    inject(injection) {
      assertValidFault(injection?.fault);
      const times = injection.times ?? 1;
      if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times > 0))) {
        throw new ValidationError({
          message: 'Invalid simulator fault: times',
          issues: [
            { path: 'times', message: 'must be a positive integer or Infinity', code: 'invalid_value' },
          ],
        });
      }
      const match = injection.match;
      if (
        match !== undefined &&
        typeof match !== 'function' &&
        (typeof match !== 'object' || match === null)
      ) {
        throw new ValidationError({
          message: 'Invalid simulator fault: match',
          issues: [{ path: 'match', message: 'must be an object or a function', code: 'invalid_type' }],
        });
      }
      const entry: Entry<TFault, TContext> = { match, fault: injection.fault, remaining: times };
      entries.push(entry);
      return {
        get remaining() {
          return entry.remaining;
        },
        remove: () => drop(entry),
      };
    },

    take(context) {
      const entry = entries.find((candidate) => matches(candidate.match, context));
      if (entry === undefined) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) drop(entry);
      return entry.fault;
    },

    pending() {
      return entries.map(({ match, fault, remaining }) => ({ match, fault, remaining }));
    },

    clear() {
      for (const entry of entries) entry.remaining = 0;
      entries = [];
    },
  };
}

function matches<TContext extends object>(
  match: FaultMatch<TContext> | undefined,
  context: TContext,
): boolean {
  if (match === undefined) return true;
  if (typeof match === 'function') return match(context);
  return Object.entries(match).every(
    ([key, expected]) => expected === undefined || (context as Record<string, unknown>)[key] === expected,
  );
}
