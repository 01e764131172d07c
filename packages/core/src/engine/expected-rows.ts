import type { SelectQuery, Statement } from '@lateral/parser';
import type { Catalog } from '../catalog/catalog.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

export interface ExpectedRowsContext {
  catalog: Catalog;
  registry: PluginRegistry;
  dataDir: string;
}

/**
 * How many rows a statement will send to models, when that is known before it runs: a SELECT (or
 * INSERT ... SELECT) over one table whose connector can count its rows, with LATERAL calls and no
 * WHERE (a filter makes the number unknown). Each LATERAL call sees every row; a LIMIT without
 * ORDER BY stops early. Undefined when unknown.
 */
export async function expectedInferenceRows(statement: Statement, context: ExpectedRowsContext): Promise<number | undefined> {
  const query = selectOf(statement);
  if (!query || query.where) return undefined;
  const [first, ...rest] = query.from;
  if (first?.type !== 'table_ref' || rest.length === 0 || rest.some((item) => item.type !== 'lateral')) return undefined;
  const table = context.catalog.getTable(first.name.parts.at(-1) ?? '');
  if (!table) return undefined;
  const connector = context.registry.connector(table.options['connector']?.toLowerCase() ?? 'memory');
  if (!connector?.countRows) return undefined;
  try {
    const rows = await connector.countRows(table, { dataDir: context.dataDir });
    // An aggregate table function in the select list reads every row; LIMIT cuts only its output.
    const aggregate = query.projections.some((item) => item.type === 'select_expr' && item.expr.type === 'call' && context.registry.tableFunction(item.expr.name)?.kind === 'aggregate');
    const read = query.limit !== undefined && !query.orderBy?.length && !aggregate ? Math.min(rows, query.limit) : rows;
    return read * rest.length;
  } catch {
    return undefined;
  }
}

function selectOf(statement: Statement): SelectQuery | undefined {
  if (statement.type === 'query' && statement.query.type === 'select') return statement.query;
  if (statement.type === 'insert' && statement.source.type === 'select') return statement.source;
  return undefined;
}
