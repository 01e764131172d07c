import type { CompiledExpression } from '../../expressions/expr-compiled.js';
import { LateralError } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import type { PlanNode } from '../plan-nodes.js';
import { connectorRun } from '../table-connector-run.js';
import { BATCH_SIZE, throwIfAborted, type OperatorContext } from './op-context.js';

/** `SELECT 1` without FROM reads one row with no columns. */
export async function* oneRowOperator(): AsyncGenerator<Row[]> {
  yield [[]];
}

/** A VALUES list: each cell is evaluated once, in batches. */
export async function* valuesOperator(rows: CompiledExpression[][]): AsyncGenerator<Row[]> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    yield rows.slice(start, start + BATCH_SIZE).map((cells) => cells.map((cell) => cell.evaluate([])));
  }
}

/**
 * Reads a table through its connector. The connector's iterator is pulled one batch at a time,
 * so a slow consumer (a lateral model call) slows the read instead of filling memory.
 */
export async function* scanOperator(node: Extract<PlanNode, { kind: 'scan' }>, context: OperatorContext): AsyncGenerator<Row[]> {
  const run = connectorRun(node.table, context.engine, context.signal);
  try {
    const source = node.connector.source(run.table, run.context);
    for await (const batch of source.read()) {
      throwIfAborted(context.signal);
      if (batch.positions !== undefined) context.onSourcePositions?.(batch.positions, source);
      if (batch.rows.length > 0) yield batch.rows;
    }
  } catch (error) {
    throw run.masked(error, (reason) => new LateralError({ code: 'LATERAL_ERR_CONNECTOR_IO', message: `Reading table '${node.table.name}' failed: ${reason}`, cause: error }));
  }
}
