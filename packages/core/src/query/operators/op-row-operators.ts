import type { CompiledExpression } from '../../expressions/expr-compiled.js';
import { comparatorFor, compareNullsFirst, compareValues, rowKey } from '../../expressions/expr-compare.js';
import type { Column, Row } from '@lateral/spec';
import type { SortKey } from '../plan-nodes.js';
import { BATCH_SIZE, type RowBatches } from './op-context.js';

/** WHERE: keeps the rows whose condition is TRUE (not FALSE, not NULL). */
export async function* filterOperator(input: RowBatches, predicate: CompiledExpression): AsyncGenerator<Row[]> {
  const test = predicate.evaluate;
  for await (const batch of input) {
    const kept = batch.filter((row) => test(row) === true);
    if (kept.length > 0) yield kept;
  }
}

export async function* projectOperator(input: RowBatches, expressions: CompiledExpression[]): AsyncGenerator<Row[]> {
  const evaluates = expressions.map((e) => e.evaluate);
  for await (const batch of input) {
    yield batch.map((row) => evaluates.map((evaluate) => evaluate(row)));
  }
}

/** SELECT DISTINCT: remembers a key per distinct row seen (memory grows with distinct rows, not all rows). */
export async function* distinctOperator(input: RowBatches): AsyncGenerator<Row[]> {
  const seen = new Set<string>();
  for await (const batch of input) {
    const fresh = batch.filter((row) => {
      const key = rowKey(row);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (fresh.length > 0) yield fresh;
  }
}

/**
 * ORDER BY: the one operator that buffers its whole input (a sort cannot emit before it has seen
 * every row). NULLs sort first ascending and last descending, as in Flink.
 */
export async function* sortOperator(input: RowBatches, keys: SortKey[], columns: readonly Column[] = []): AsyncGenerator<Row[]> {
  const rows: Row[] = [];
  for await (const batch of input) rows.push(...batch);
  // Each key orders by its type: numbers exactly, whatever form a BIGINT or DECIMAL takes.
  const compares = keys.map(({ index }) => {
    const column = columns[index];
    return column ? comparatorFor(column.dataType) : compareValues;
  });
  rows.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const { index, descending } = keys[k]!;
      const order = compareNullsFirst(a[index] ?? null, b[index] ?? null, compares[k]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
  for (let start = 0; start < rows.length; start += BATCH_SIZE) yield rows.slice(start, start + BATCH_SIZE);
}

/**
 * LIMIT n: once n rows are in hand the upstream iterator is closed (`return()`) before the last
 * batch is handed on, so scans stop reading and inference sessions stop sending requests.
 */
export async function* limitOperator(input: RowBatches, count: number): AsyncGenerator<Row[]> {
  if (count <= 0) return;
  const iterator = input[Symbol.asyncIterator]();
  let closed = false;
  try {
    let remaining = count;
    while (remaining > 0) {
      const next = await iterator.next();
      if (next.done) return;
      const batch = next.value;
      if (batch.length >= remaining) {
        closed = true;
        await iterator.return?.();
        yield batch.slice(0, remaining);
        return;
      }
      remaining -= batch.length;
      yield batch;
    }
  } finally {
    if (!closed) await iterator.return?.();
  }
}
