import type { FromItem, ObjectName, TableRef } from '@lateral/parser';
import type { ConnectorV2 } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import { unknownConnectorMessage } from '../engine/plugin-loader.js';
import { bindError } from '../expressions/expr-errors.js';
import type { TableEntry } from '../catalog/catalog.js';
import { bindLateral } from './bind-lateral.js';
import { BindScope, tableFunctionKinds } from './bind-scope.js';
import type { BoundTableFunctionCall, PlanNode } from './plan-nodes.js';

/** The FROM clause: one row source, then the lateral calls in order, each widening the row. */
export interface BoundFrom {
  source: PlanNode;
  laterals: Array<{ lateral: BoundTableFunctionCall; width: number }>;
  /** Every FROM column, in row order. */
  scope: BindScope;
}

const tableName = (name: ObjectName): string => name.parts[name.parts.length - 1]!;

/** The table a name refers to in the catalog, with the connector that stores it. */
export function resolveTable(name: ObjectName, context: EngineContext): { table: TableEntry; connector: ConnectorV2 } {
  const table = context.catalog.getTable(tableName(name));
  if (!table) {
    const known = context.catalog.listTables().map((t) => t.name);
    throw bindError(
      'LATERAL_ERR_BIND_UNKNOWN_TABLE',
      `Table '${name.parts.join('.')}' not found${known.length ? `; tables: ${known.join(', ')}` : ' (no tables are defined: CREATE TABLE first)'}`,
      name.location,
      known,
    );
  }
  const connectorId = (table.options['connector'] ?? 'memory').toLowerCase();
  const connector = context.registry.connector(connectorId);
  if (!connector) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `Table '${table.name}' uses connector '${connectorId}', which is not registered. ${unknownConnectorMessage(connectorId)}`, name.location);
  }
  return { table, connector };
}

function bindTable(ref: TableRef, context: EngineContext): { node: PlanNode; scope: BindScope } {
  const { table, connector } = resolveTable(ref.name, context);
  const relation = ref.alias ?? tableName(ref.name);
  const columns = table.columns.map((c) => ({ name: c.name, dataType: c.dataType }));
  return {
    node: { kind: 'scan', columns, table, connector },
    scope: new BindScope(
      columns.map((c) => ({ relation, name: c.name, type: c.dataType })),
      tableFunctionKinds(context.registry),
    ),
  };
}

/**
 * Binds FROM items left to right; each lateral call sees the columns of the items before it.
 * A FROM that starts with a lateral call runs it once over a single empty row.
 */
export function bindFrom(items: readonly FromItem[], context: EngineContext): BoundFrom {
  let source: PlanNode = { kind: 'one_row', columns: [] };
  let scope = new BindScope([], tableFunctionKinds(context.registry));
  const laterals: BoundFrom['laterals'] = [];
  items.forEach((item, position) => {
    if (item.type === 'table_ref') {
      if (position > 0) {
        throw bindError(
          'LATERAL_ERR_BIND_UNSUPPORTED',
          `Joining tables is not supported: '${item.name.parts.join('.')}' follows another FROM item. A query reads one table and may add LATERAL TABLE(...) calls to it`,
          item.location,
        );
      }
      ({ node: source, scope } = bindTable(item, context));
      return;
    }
    const { lateral, columns } = bindLateral(item, scope, context);
    scope = scope.extend(columns);
    laterals.push({ lateral, width: scope.width });
  });
  return { source, laterals, scope };
}
