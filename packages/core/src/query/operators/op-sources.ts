import type { CompiledExpression } from '../../expressions/expr-compiled.js';
import { LateralError } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import type { PlanNode } from '../plan-nodes.js';
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
  const batches = node.connector.read(node.table, { dataDir: context.engine.dataDir, signal: context.signal });
  try {
    for await (const batch of batches) {
      throwIfAborted(context.signal);
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if (LateralError.isInstance(error)) throw error;
    throw new LateralError({
      code: 'LATERAL_ERR_CONNECTOR_IO',
      message: `Reading table '${node.table.name}' failed: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
