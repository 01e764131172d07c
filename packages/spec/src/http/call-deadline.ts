/** A call's abort signal plus its timeout, and the way to release the timer when the call ends. */
export interface CallDeadline {
  signal: AbortSignal | undefined;
  /** True once the timeout (not the caller's signal) fired. */
  timedOut(): boolean;
  /** Clears the timer: call it when the exchange ends, however it ends. */
  dispose(): void;
}

/**
 * Combines the caller's signal with a timeout. A plain timer cleared by `dispose`, because
 * AbortSignal.timeout keeps its timer (and the combined signal) alive for the whole timeout after
 * every request: on a 100k-row run that is 100k live timers.
 */
export function callDeadline(signal: AbortSignal | undefined, timeoutMs: number | undefined): CallDeadline {
  const timeout = timeoutMs ? new AbortController() : undefined;
  const timer = timeout ? setTimeout(() => timeout.abort(), timeoutMs) : undefined;
  const signals = [signal, timeout?.signal].filter((s): s is AbortSignal => s !== undefined);
  return {
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    timedOut: () => timeout?.signal.aborted === true,
    dispose: () => clearTimeout(timer),
  };
}
