import type { InsertStatement } from '@lateral/parser';
import type { TableSink } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import type { MessageResult } from '../engine/statement-result.js';
import { LateralError } from '@lateral/spec';
import { bindInsert } from './bind-insert.js';
import { throwIfAborted } from './operators/op-context.js';
import { executePlan } from './plan-execute.js';

function ioError(action: string, table: string, error: unknown): unknown {
  if (LateralError.isInstance(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new LateralError({ code: 'LATERAL_ERR_CONNECTOR_IO', message: `${action} table '${table}' failed: ${reason}`, cause: error });
}

/**
 * INSERT INTO: streams the source rows into the table's sink batch by batch. The sink is closed
 * (made durable) only when every row was written; on any failure (a model call that failed after
 * its retries, a bad value, cancellation) it is aborted and the table keeps its previous content.
 */
export async function executeInsert(statement: InsertStatement, context: EngineContext): Promise<MessageResult> {
  const { table, connector, plan } = bindInsert(statement, context);
  const connectorContext = { dataDir: context.dataDir, signal: context.signal };
  let sink: TableSink;
  try {
    sink = await connector.openSink(table, connectorContext);
  } catch (error) {
    throw ioError('Opening', table.name, error);
  }
  let count = 0;
  try {
    for await (const batch of executePlan(plan, { engine: context, signal: context.signal })) {
      throwIfAborted(context.signal);
      await sink.write(batch);
      count += batch.length;
    }
    await sink.close();
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw ioError('Writing', table.name, error);
  }
  return { kind: 'message', statement, message: `${count} ${count === 1 ? 'row' : 'rows'} inserted into ${table.name}` };
}
