// The money invariant (issue 13, DESIGN §3–§4): after any fault, the simulator's ledger shows exactly one
// execution, or the client reports an OutcomeUnknownError naming the reference, or the call failed with a typed
// error and nothing executed. Never two executions, never an execution the client reported as a plain failure.
import { CircuitOpenError, OutcomeUnknownError, WirebridgeError } from '@wirebridge/core';
import type { FaultProxy, ProxyFault } from '@wirebridge/core/testing';
import { expect } from 'vitest';
import { count, coveredOperation, logCase } from './counters.js';

export interface MoneyCase {
  vendor: string;
  operation: string;
  /** What went wrong, for the test name and the report. */
  fault: string;
  /** The vendor-recognised reference the call carries (order id, key, partner reference…). */
  reference: string | ((error: OutcomeUnknownError) => boolean);
  /** Performs the call. */
  run: () => Promise<unknown>;
  /** Net executions of this call's money movement in the simulator's ledger. */
  executions: () => number | Promise<number>;
  /** Waits for late arrivals (a delayed request reaching the simulator after the client gave up). @default 0 */
  settleMs?: number;
  /** Faults this case injected. @default 1 */
  faults?: number;
  /**
   * A typed definitive failure after which the vendor did execute, i.e. the client told the caller "failed"
   * while money moved. Always a bug; a case may only accept it with a `// BUG:` note.
   */
  acceptSilentExecution?: boolean;
}

export type MoneyOutcome =
  | { kind: 'executed'; value: unknown; executions: number }
  | { kind: 'unknown'; error: OutcomeUnknownError; executions: number }
  | { kind: 'failed'; error: WirebridgeError; executions: number };

export async function checkMoneyCase(test: MoneyCase): Promise<MoneyOutcome> {
  count(test.vendor, { cases: 1, faultsInjected: test.faults ?? 1, moneyOperationsChecked: 1 });
  coveredOperation(test.vendor, test.operation);
  let value: unknown;
  let error: unknown;
  let succeeded = false;
  try {
    value = await test.run();
    succeeded = true;
  } catch (caught) {
    error = caught;
  }
  if (test.settleMs) await new Promise((resolve) => setTimeout(resolve, test.settleMs));
  const executions = await test.executions();
  logCase({
    vendor: test.vendor,
    operation: test.operation,
    fault: test.fault,
    outcome: succeeded
      ? 'executed'
      : error instanceof OutcomeUnknownError
        ? `unknown(${error.reference ?? '-'})`
        : `failed:${(error as Error)?.name ?? typeof error}`,
    executions,
  });
  if (executions > 1) count(test.vendor, { duplicates: 1 });
  expect(executions, `${test.vendor} ${test.operation} under ${test.fault}: executions`).toBeLessThanOrEqual(
    1,
  );

  if (succeeded) {
    count(test.vendor, { executedOnce: 1 });
    expect(executions, 'a successful call executed exactly once').toBe(1);
    return { kind: 'executed', value, executions };
  }
  expect(error, 'only typed Wirebridge errors escape').toBeInstanceOf(WirebridgeError);
  // A case stopped by a breaker opened in an earlier case never met its fault: each case needs a fresh client.
  expect(error, 'the fault was exercised, not short-circuited by an open breaker').not.toBeInstanceOf(
    CircuitOpenError,
  );
  if (error instanceof OutcomeUnknownError) {
    count(test.vendor, { outcomeUnknown: 1 });
    if (typeof test.reference === 'function') {
      expect(test.reference(error), `OutcomeUnknownError names the reference: ${error.reference}`).toBe(true);
    } else {
      expect(error.reference, 'OutcomeUnknownError names the reference').toBe(test.reference);
    }
    return { kind: 'unknown', error, executions };
  }
  if (!test.acceptSilentExecution) {
    expect(
      executions,
      `a definitive failure (${(error as Error).name}: ${(error as Error).message}) executed nothing`,
    ).toBe(0);
  }
  if (executions === 0) count(test.vendor, { notExecuted: 1 });
  return { kind: 'failed', error: error as WirebridgeError, executions };
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One row of a vendor's fault-proxy table. */
export interface ProxyFaultEntry {
  name: string;
  fault: ProxyFault;
  /** The network heals this long after the fault was armed (the compensation or inquiry can then get through). */
  clearAfterMs?: number;
  /** Waits for a request that reaches the simulator after the client gave up. @default 0 */
  settleMs?: number;
}

/**
 * {@link checkMoneyCase} with `entry` armed on `proxy`: the fault is set, healed after `clearAfterMs` when given,
 * and cleared whatever happens, so one case never leaks its fault into the next.
 */
export async function checkUnderProxyFault(
  proxy: FaultProxy,
  entry: ProxyFaultEntry,
  test: Omit<MoneyCase, 'fault' | 'settleMs'>,
): Promise<MoneyOutcome> {
  proxy.setFault(entry.fault);
  const timer = entry.clearAfterMs ? setTimeout(() => proxy.clearFaults(), entry.clearAfterMs) : undefined;
  try {
    return await checkMoneyCase({ ...test, fault: entry.name, settleMs: entry.settleMs ?? 0 });
  } finally {
    clearTimeout(timer);
    proxy.clearFaults();
  }
}
