import type { Row } from '@lateral/spec';
import type { RowsResult } from './statement-result.js';

export interface GuardedRows {
  result: RowsResult;
  /** Ends the underlying iteration if the consumer left it unfinished (frees the query's resources). */
  close(): Promise<void>;
}

/**
 * Wraps a rows result so errors raised while its rows are pulled are completed by `onError`
 * (statement position and text), and so the engine can close it if the caller moves on early.
 */
export interface GuardHooks {
  /** Runs each pull inside the statement's trace context (rows are pulled after execute returned). */
  run?: <T>(pull: () => Promise<T>) => Promise<T>;
  /** Called once when the rows are done, failed or closed early. */
  onSettled?: (error?: unknown) => void;
}

export function guardRows(result: RowsResult, onError: (error: unknown) => unknown, hooks: GuardHooks = {}): GuardedRows {
  let iterator: AsyncIterator<Row[]> | undefined;
  let finished = false;
  const run = hooks.run ?? ((pull) => pull());
  const settle = (error?: unknown) => hooks.onSettled?.(error);
  const rows: AsyncIterable<Row[]> = {
    [Symbol.asyncIterator]() {
      iterator ??= result.rows[Symbol.asyncIterator]();
      const inner = iterator;
      return {
        async next() {
          try {
            const step = await run(() => inner.next());
            if (step.done) {
              finished = true;
              settle();
            }
            return step;
          } catch (error) {
            finished = true;
            const completed = onError(error);
            settle(completed);
            throw completed;
          }
        },
        async return(value?: unknown) {
          finished = true;
          await run(async () => inner.return?.(value));
          settle();
          return { done: true, value: undefined };
        },
      };
    },
  };
  return {
    result: { ...result, rows },
    async close() {
      if (finished) return;
      finished = true;
      if (iterator) await iterator.return?.();
      else await result.rows[Symbol.asyncIterator]().return?.();
      settle();
    },
  };
}
