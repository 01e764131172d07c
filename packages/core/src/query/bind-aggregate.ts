import type { FunctionCall, SelectQuery } from '@lateral/parser';
import type { EngineContext } from '../engine/engine-context.js';
import { bindError } from '../expressions/expr-errors.js';
import { withModelArgument } from '../functions/model-argument.js';
import { lookupTableFunction } from './bind-lateral.js';
import type { BindScope } from './bind-scope.js';
import { tableFunctionBindContext } from './bind-table-function-context.js';
import type { BoundTableFunctionCall } from './plan-nodes.js';

/** A select-list item that calls a registered aggregate table function (ML_EVALUATE, ...). */
export interface AggregateItem {
  call: FunctionCall;
  alias?: string;
}

/** The first select-list item that is a call to an aggregate table function, if any. */
export function aggregateCall(query: SelectQuery, context: EngineContext): AggregateItem | undefined {
  for (const item of query.projections) {
    if (item.type !== 'select_expr' || item.expr.type !== 'call') continue;
    if (context.registry.tableFunction(item.expr.name)?.kind === 'aggregate') {
      return { call: item.expr, ...(item.alias !== undefined ? { alias: item.alias } : {}) };
    }
  }
  return undefined;
}

/**
 * Binds `SELECT fn(args...) [AS name] FROM ...` over the FROM columns. The aggregate is the whole
 * select list: its output columns are the query's (one row per task for ML_EVALUATE), so other
 * items, DISTINCT and ORDER BY have nothing to apply to and are rejected.
 */
export function bindAggregateCall(query: SelectQuery, item: AggregateItem, scope: BindScope, context: EngineContext): BoundTableFunctionCall {
  const { name, location } = item.call;
  if (query.projections.length !== 1) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${name} is an aggregate table function: it must be alone in the select list, as in SELECT ${name}(...) FROM t`, location);
  }
  if (query.distinct || query.orderBy) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `SELECT ${name}(...) does not take ${query.distinct ? 'DISTINCT' : 'ORDER BY'}`, location);
  }
  const fn = lookupTableFunction(name, 'aggregate', location, context);
  const columnAliases = item.alias !== undefined ? [item.alias] : undefined;
  const bound = fn.bind({ name, kind: 'aggregate', args: withModelArgument(fn, item.call.args), location, ...(columnAliases ? { columnAliases } : {}) }, tableFunctionBindContext(scope, context));
  if (columnAliases && bound.outputColumns.length !== 1) {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `${name} returns ${bound.outputColumns.length} columns: AS names only a one-column result`, location);
  }
  const outputColumns = bound.outputColumns.map((column) => ({ name: columnAliases?.[0] ?? column.name, dataType: column.dataType }));
  return { fn, bound, outputColumns, location };
}
