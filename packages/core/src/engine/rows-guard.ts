import type { Row } from '../types/schema.js';
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
export function guardRows(result: RowsResult, onError: (error: unknown) => unknown): GuardedRows {
  let iterator: AsyncIterator<Row[]> | undefined;
  let finished = false;
  const rows: AsyncIterable<Row[]> = {
    [Symbol.asyncIterator]() {
      iterator ??= result.rows[Symbol.asyncIterator]();
      const inner = iterator;
      return {
        async next() {
          try {
            const step = await inner.next();
            if (step.done) finished = true;
            return step;
          } catch (error) {
            finished = true;
            throw onError(error);
          }
        },
        async return(value?: unknown) {
          finished = true;
          await inner.return?.(value);
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
    },
  };
}
