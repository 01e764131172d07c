/** A plain snapshot of an inference runtime's counters, for the CLI's progress line. */
export interface RuntimeStats {
  rowsDone: number;
  /** Rows per second since the runtime's first request. */
  rowsPerSecond: number;
  inFlight: number;
  retries: number;
  http429: number;
  /** Attempts sent, retries included. */
  requests: number;
  /** Attempts that failed, retried or not. */
  errors: number;
  /** Input plus output tokens, reported by the provider or estimated. */
  tokens: number;
  /** Milliseconds since the first request (0 before it). */
  elapsedMs: number;
}

export type RuntimeStatsListener = (stats: RuntimeStats) => void;

type Counter = Exclude<keyof RuntimeStats, 'rowsPerSecond' | 'elapsedMs'>;

/**
 * Counts what the runtime does. Listeners are called synchronously after every change, so they
 * must be cheap (store the snapshot, render on a timer).
 */
export class RuntimeStatsTracker {
  private readonly counters: Record<Counter, number> = {
    rowsDone: 0,
    inFlight: 0,
    retries: 0,
    http429: 0,
    requests: 0,
    errors: 0,
    tokens: 0,
  };
  private startedAt: number | undefined;
  private readonly listeners = new Set<RuntimeStatsListener>();

  constructor(private readonly now: () => number = Date.now) {}

  add(counter: Counter, amount = 1): void {
    if (amount === 0) return;
    if (counter === 'requests') this.startedAt ??= this.now();
    this.counters[counter] += amount;
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  snapshot(): RuntimeStats {
    const elapsedMs = this.startedAt === undefined ? 0 : Math.max(0, this.now() - this.startedAt);
    const rowsPerSecond = elapsedMs > 0 ? (this.counters.rowsDone * 1000) / elapsedMs : 0;
    return { ...this.counters, rowsPerSecond, elapsedMs };
  }

  subscribe(listener: RuntimeStatsListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
