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
  /** Input (prompt) tokens of successful attempts, reported by the provider or estimated. */
  inputTokens: number;
  /** Output (completion) tokens of successful attempts. */
  outputTokens: number;
  /** Requests held back right now by pacing: a start slot, the token budget, or a 429's backoff. */
  rateLimitWaits: number;
  /** Milliseconds since the first request (0 before it). */
  elapsedMs: number;
}

export type RuntimeStatsListener = (stats: RuntimeStats) => void;

export type RuntimeCounter = Exclude<keyof RuntimeStats, 'rowsPerSecond' | 'elapsedMs'>;

/** What one statement did: its own counters and the latency of each of its attempts. */
export interface StatementStats extends RuntimeStats {
  /** Duration of every finished attempt (ms), in the order they finished. */
  latenciesMs: readonly number[];
}

/**
 * Counters opened for one statement: everything the runtime does from `open` to `close` is
 * counted here too (the CLI runs statements one after another, so the window is the statement).
 */
export interface StatementStatsScope {
  snapshot(): StatementStats;
  close(): void;
}

function zeroCounters(): Record<RuntimeCounter, number> {
  return { rowsDone: 0, inFlight: 0, retries: 0, http429: 0, requests: 0, errors: 0, tokens: 0, inputTokens: 0, outputTokens: 0, rateLimitWaits: 0 };
}

class CounterSet {
  readonly counters = zeroCounters();
  readonly latenciesMs: number[] = [];
  private startedAt: number | undefined;

  constructor(private readonly now: () => number) {}

  add(counter: RuntimeCounter, amount: number): void {
    if (counter === 'requests') this.startedAt ??= this.now();
    this.counters[counter] += amount;
  }

  snapshot(): RuntimeStats {
    const elapsedMs = this.startedAt === undefined ? 0 : Math.max(0, this.now() - this.startedAt);
    const rowsPerSecond = elapsedMs > 0 ? (this.counters.rowsDone * 1000) / elapsedMs : 0;
    return { ...this.counters, rowsPerSecond, elapsedMs };
  }
}

/**
 * Counts what the runtime does. Listeners are called synchronously after every change, so they
 * must be cheap (store the snapshot, render on a timer).
 */
export class RuntimeStatsTracker {
  private readonly total: CounterSet;
  private readonly scopes = new Set<CounterSet>();
  private readonly listeners = new Set<RuntimeStatsListener>();

  constructor(private readonly now: () => number = Date.now) {
    this.total = new CounterSet(now);
  }

  add(counter: RuntimeCounter, amount = 1): void {
    if (amount === 0) return;
    this.total.add(counter, amount);
    for (const scope of this.scopes) scope.add(counter, amount);
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  /** An attempt finished after `ms`: kept per statement only (for its p50/p99). */
  recordLatency(ms: number): void {
    for (const scope of this.scopes) scope.latenciesMs.push(ms);
  }

  snapshot(): RuntimeStats {
    return this.total.snapshot();
  }

  subscribe(listener: RuntimeStatsListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  openScope(): StatementStatsScope {
    const scope = new CounterSet(this.now);
    this.scopes.add(scope);
    return {
      snapshot: () => ({ ...scope.snapshot(), latenciesMs: [...scope.latenciesMs] }),
      close: () => {
        this.scopes.delete(scope);
      },
    };
  }
}
