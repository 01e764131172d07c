import type { InsertStatement } from '@lateral/parser';
import type { TableSinkV2, TableSource } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import type { MessageResult } from '../engine/statement-result.js';
import { LateralError } from '@lateral/spec';
import { bindInsert } from './bind-insert.js';
import { throwIfAborted } from './operators/op-context.js';
import { executePlan } from './plan-execute.js';
import { connectorRun } from './table-connector-run.js';

/** The LATERAL_ERR_CONNECTOR_IO a connector's non-Lateral failure becomes, keeping it as the cause. */
function ioError(action: string, table: string, cause: unknown): (reason: string) => LateralError {
  return (reason) => new LateralError({ code: 'LATERAL_ERR_CONNECTOR_IO', message: `${action} table '${table}' failed: ${reason}`, cause });
}

/**
 * INSERT INTO: streams the source rows into the table's sink batch by batch (contract v2). The
 * source is bounded, so the sink is flushed (a durable point) and committed once, with the
 * positions where the read stopped, only when every row was written, and then the source is told
 * those positions are committed; on any failure (a model call that failed after its retries, a bad
 * value, cancellation) the sink is aborted and the table keeps its previous content.
 */
export async function executeInsert(statement: InsertStatement, context: EngineContext): Promise<MessageResult> {
  const { table, connector, plan } = bindInsert(statement, context);
  const run = connectorRun(table, context, context.signal);
  let sink: TableSinkV2;
  try {
    sink = await connector.openSink(run.table, run.context);
  } catch (error) {
    throw run.masked(error, ioError('Opening', table.name, error));
  }
  let count = 0;
  let positions: unknown;
  let source: TableSource | undefined;
  const onSourcePositions = (latest: unknown, from: TableSource) => {
    positions = latest;
    source = from;
  };
  try {
    const batches = executePlan(plan, { engine: context, signal: context.signal, onSourcePositions });
    for await (const batch of batches) {
      throwIfAborted(context.signal);
      await sink.write(batch);
      count += batch.length;
    }
    await sink.flush();
    await sink.commit(positions);
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw run.masked(error, ioError('Writing', table.name, error));
  }
  // Only now may the source commit what it read (at-least-once): the output is durable and visible.
  if (source?.committed && positions !== undefined) await source.committed(positions);
  return { kind: 'message', statement, message: `${count} ${count === 1 ? 'row' : 'rows'} inserted into ${table.name}` };
}
