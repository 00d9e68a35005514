import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `pnpm bench` runs under tsx without --expose-gc; this flips the flag at run time so a full GC can be forced.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Full GC, twice: the second pass collects what finalizers of the first released. */
export function forceFullGc(): void {
  collectGarbage();
  collectGarbage();
}

export function heapUsedAfterGc(): number {
  forceFullGc();
  return process.memoryUsage().heapUsed;
}

export interface HeapProbePlan {
  /** Concurrent calls to hold open. */
  readonly calls: number;
  /**
   * Makes the server hold its next requests for `holdMs` before answering. A case holds as many as the client
   * can have on the wire (its socket pool); the rest wait in the client's queue, which is in flight too.
   */
  holdOnServer(holdMs: number): Promise<void>;
  readonly call: () => Promise<unknown>;
}

/**
 * Heap retained per in-flight call: the server holds `calls` requests; while they are all waiting, a full GC
 * leaves only what the calls keep alive (sockets, buffers, promises, pipeline state). Garbage produced on the
 * way is not counted, which is what "per in-flight call" means in DESIGN §10.
 */
export async function heapPerInFlightKiB(plan: HeapProbePlan): Promise<number> {
  const holdMs = 1_500;
  await plan.holdOnServer(holdMs);
  const before = heapUsedAfterGc();
  // Settled at once, so a rejected call is never an unhandled rejection while we wait.
  const settled = Promise.allSettled(Array.from({ length: plan.calls }, () => plan.call()));
  // Long enough for every request to be written and parked on the server, well before it answers.
  await new Promise((resolve) => setTimeout(resolve, holdMs / 2));
  const during = heapUsedAfterGc();
  const failed = (await settled).filter((outcome) => outcome.status === 'rejected');
  if (failed.length > 0) {
    const reason = (failed[0] as PromiseRejectedResult).reason;
    throw new Error(
      `heap probe: ${failed.length} of ${plan.calls} calls failed: ${reason?.message ?? reason}`,
    );
  }
  return (during - before) / plan.calls / 1024;
}
