/** What an observer learns about one statement of a script (the CLI's per-statement progress). */
export interface StatementEvent {
  /** 0-based position of the statement in its script. */
  index: number;
  /** The statement's text as written. */
  text: string;
  /** `query`, `insert`, or the DDL statement's type. */
  type: string;
  /** Rows the statement will send to models, when known before it runs (see expected-rows.ts). */
  expectedRows(): Promise<number | undefined>;
}

/**
 * Called by the engine around each statement: `started` before it runs, `rows` before each batch
 * of its rows is handed to the caller (so a live line can be cleared before rows print),
 * `settled` once when it finished, failed or was closed early.
 */
export interface StatementObserver {
  started?(event: StatementEvent): void;
  rows?(event: StatementEvent, count: number): void;
  settled?(event: StatementEvent, error?: unknown): void;
}

/** Calls every observer; an observer that throws must not break the statement. */
export class StatementObservers {
  private readonly observers = new Set<StatementObserver>();

  add(observer: StatementObserver): () => void {
    this.observers.add(observer);
    return () => {
      this.observers.delete(observer);
    };
  }

  started(event: StatementEvent): void {
    for (const observer of this.observers) safely(() => observer.started?.(event));
  }

  rows(event: StatementEvent, count: number): void {
    for (const observer of this.observers) safely(() => observer.rows?.(event, count));
  }

  settled(event: StatementEvent, error?: unknown): void {
    for (const observer of this.observers) safely(() => observer.settled?.(event, error));
  }
}

function safely(call: () => void): void {
  try {
    call();
  } catch {
    // Observers display things; the statement's outcome does not depend on them.
  }
}
