/** What ended a call early. */
export type DeadlineCause = 'timeout' | 'caller' | 'closed';

/** One signal for everything that can end a call: its timeout, the caller's signal, or the client closing. */
export interface CallDeadline {
  /** Aborted when the first of the three fires. */
  readonly signal: AbortSignal;
  /** What fired, once something did. */
  firedBy(): DeadlineCause | undefined;
  /** Stops the timer and removes the listeners. */
  dispose(): void;
}

/**
 * Starts the per-call deadline. Uses the global `setTimeout` so fake timers control it.
 * @internal
 */
export function startCallDeadline(options: {
  timeoutMs: number;
  callerSignal: AbortSignal | undefined;
  closeSignal: AbortSignal;
}): CallDeadline {
  const controller = new AbortController();
  let fired: DeadlineCause | undefined;
  const fire = (cause: DeadlineCause) => {
    if (fired !== undefined) return;
    fired = cause;
    controller.abort();
  };
  const onCaller = () => fire('caller');
  const onClose = () => fire('closed');
  const timer = setTimeout(() => fire('timeout'), options.timeoutMs);
  options.callerSignal?.addEventListener('abort', onCaller, { once: true });
  options.closeSignal.addEventListener('abort', onClose, { once: true });
  if (options.closeSignal.aborted) fire('closed');
  else if (options.callerSignal?.aborted) fire('caller');
  return {
    signal: controller.signal,
    firedBy: () => fired,
    dispose() {
      clearTimeout(timer);
      options.callerSignal?.removeEventListener('abort', onCaller);
      options.closeSignal.removeEventListener('abort', onClose);
    },
  };
}
