import type { LateralTableCall, SourceLocation } from '@lateral/parser';
import type { TableFunctionKind, TableFunctionV1 } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import { bindError } from '../expressions/expr-errors.js';
import { scalarFunctionNames } from '../expressions/expr-functions.js';
import { formatType } from '../expressions/expr-types.js';
import { NOT_YET_SUPPORTED_FUNCTIONS, tableFunctionPackageFor } from '../functions/function-package.js';
import { withModelArgument } from '../functions/model-argument.js';
import type { Column } from '@lateral/spec';
import type { BindScope, ScopeColumn } from './bind-scope.js';
import { tableFunctionBindContext } from './bind-table-function-context.js';
import type { BoundTableFunctionCall } from './plan-nodes.js';

const describeColumns = (columns: readonly Column[]): string =>
  `(${columns.map((c) => `${c.name} ${formatType(c.dataType)}`).join(', ')})`;

/**
 * The registered table function a call names, or a located error: a dialect function Lateral does
 * not ship yet, a scalar function in the wrong place, a function of the other kind, or an unknown
 * name (with the package that would provide it by the naming rule).
 */
export function lookupTableFunction(name: string, kind: TableFunctionKind, location: SourceLocation, context: EngineContext): TableFunctionV1 {
  const fn = context.registry.tableFunction(name);
  const lateralNames = (): string[] => context.registry.tableFunctionNames().filter((n) => context.registry.tableFunction(n)!.kind === 'lateral');
  const either = (names: string[]): string => (names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : names.join(''));
  if (fn?.kind === kind) return fn;
  if (fn) {
    throw bindError(
      'LATERAL_ERR_BIND_UNSUPPORTED',
      fn.kind === 'aggregate'
        ? `${name} is an aggregate table function: call it alone in the select list, as in SELECT ${name}(...) FROM t`
        : `${name} is a table function: call it in FROM, as in FROM t, LATERAL TABLE(${name}(...))`,
      location,
    );
  }
  const packageName = tableFunctionPackageFor(name);
  if (NOT_YET_SUPPORTED_FUNCTIONS.has(name)) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${name} is not supported by Lateral yet (no package ${packageName} is installed)`, location);
  }
  if (kind === 'lateral' && scalarFunctionNames().includes(name)) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${name} is a scalar function, not a table function: LATERAL TABLE needs ${either(lateralNames())}`, location);
  }
  throw bindError(
    'LATERAL_ERR_BIND_UNKNOWN_FUNCTION',
    `No match found for table function ${name}: it is not registered and package ${packageName} is not installed (pnpm add ${packageName})`,
    location,
    lateralNames(),
  );
}

/**
 * Binds `LATERAL TABLE(fn(args...)) [AS] alias[(c1, ...)]` against the columns of the FROM items
 * before it, through the table function registered as `fn`.
 */
export function bindLateral(
  item: LateralTableCall,
  scope: BindScope,
  context: EngineContext,
): { lateral: BoundTableFunctionCall; columns: ScopeColumn[] } {
  const { name, location } = item.call;
  const fn = lookupTableFunction(name, 'lateral', location, context);
  const call = { name, kind: 'lateral' as const, args: withModelArgument(fn, item.call.args), location, ...(item.columnAliases ? { columnAliases: item.columnAliases } : {}) };
  const bound = fn.bind(call, tableFunctionBindContext(scope, context));
  const aliases = item.columnAliases;
  if (aliases && aliases.length !== bound.outputColumns.length) {
    const model = (bound as { model?: { name: string } }).model;
    throw bindError(
      'LATERAL_ERR_BIND_ARGUMENTS',
      `The alias of ${name}${model ? `('${model.name}')` : ''} names ${aliases.length} columns but ${model ? 'the model has' : 'it returns'} ${bound.outputColumns.length} OUTPUT columns ${describeColumns(bound.outputColumns)}`,
      item.location,
    );
  }
  const outputColumns: Column[] = bound.outputColumns.map((column, i) => ({ name: aliases?.[i] ?? column.name, dataType: column.dataType }));
  return {
    lateral: { fn, bound, outputColumns, location },
    columns: outputColumns.map((c) => ({ relation: item.alias, name: c.name, type: c.dataType })),
  };
}
