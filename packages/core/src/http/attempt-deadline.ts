/** Why an attempt was cut short, and whether its connection was established at that instant. */
export interface DeadlineOutcome {
  firedBy: 'timeout' | 'caller';
  connectedWhenFired: boolean;
}

/** One signal that aborts the attempt on the caller's signal or on the per-attempt timeout, whichever is first. */
export interface AttemptDeadline {
  /** Passed to axios: aborting it destroys the request and its socket, so the server sees the connection close. */
  readonly signal: AbortSignal;
  /** Set once the deadline fired; `undefined` while the attempt runs on its own. */
  outcome(): DeadlineOutcome | undefined;
  /** Stops the timer and the caller-signal listener. */
  dispose(): void;
}

/**
 * Combines the caller's signal with `timeoutMs`. The connection state is sampled synchronously when either
 * fires, before axios reacts, so "before connect" versus "after connect" is decided on the state at that
 * instant. Uses the global `setTimeout` so fake timers control it.
 */
export function startAttemptDeadline(options: {
  signal: AbortSignal | undefined;
  timeoutMs: number;
  isConnected: () => boolean;
}): AttemptDeadline {
  const controller = new AbortController();
  let fired: DeadlineOutcome | undefined;
  const fire = (firedBy: DeadlineOutcome['firedBy']) => {
    if (fired !== undefined) return;
    fired = { firedBy, connectedWhenFired: options.isConnected() };
    controller.abort();
  };
  const onCallerAbort = () => fire('caller');
  const timer = setTimeout(() => fire('timeout'), options.timeoutMs);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    outcome: () => fired,
    dispose() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
