import type { InsertStatement, SourceLocation } from '@lateral/parser';
import type { TableEntry } from '../catalog/catalog.js';
import type { ConnectorV2 } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import { coerceExpression, isImplicitlyCastable, isTypeImplicitlyCastable } from '../expressions/expr-coerce.js';
import { constantExpression, type CompiledExpression } from '../expressions/expr-compiled.js';
import { bindError, runtimeError } from '../expressions/expr-errors.js';
import { formatType } from '../expressions/expr-types.js';
import type { LateralError } from '@lateral/spec';
import type { Column, DataType, Row } from '@lateral/spec';
import { BindCollector } from './bind-collector.js';
import { resolveTable } from './bind-from.js';
import { bindSelect } from './bind-select.js';
import { tableFunctionKinds } from './bind-scope.js';
import { compileValuesRows } from './bind-values.js';
import type { PlanNode } from './plan-nodes.js';

export interface BoundInsert {
  table: TableEntry;
  connector: ConnectorV2;
  /** Produces rows in the table's own column order and types. */
  plan: PlanNode;
}

/** Maps the written column names to table positions (exact name first, then case-insensitively). */
function targetPositions(statement: InsertStatement, table: TableEntry): number[] {
  const names = statement.columns ?? table.columns.map((c) => c.name);
  const positions = names.map((name) => {
    const exact = table.columns.findIndex((c) => c.name === name);
    if (exact >= 0) return exact;
    const loose = table.columns.flatMap((c, i) => (c.name.toLowerCase() === name.toLowerCase() ? [i] : []));
    if (loose.length === 1) return loose[0]!;
    const available = table.columns.map((c) => c.name);
    throw bindError('LATERAL_ERR_BIND_UNKNOWN_COLUMN', `Column '${name}' not found in table '${table.name}'; columns: ${available.join(', ')}`, statement.table.location, available);
  });
  const repeated = positions.find((p, i) => positions.indexOf(p) !== i);
  if (repeated !== undefined) {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `Column '${table.columns[repeated]!.name}' is listed twice in INSERT INTO ${table.name}`, statement.table.location);
  }
  return positions;
}

/** NOT NULL columns reject NULLs when the row is written (Flink checks this at run time too). */
function guardNotNull(expr: CompiledExpression, column: Column, table: TableEntry): CompiledExpression {
  if (column.dataType.nullable) return expr;
  const evaluate = expr.evaluate;
  const location = expr.location;
  return {
    ...expr,
    constant: undefined,
    evaluate: (row: Row) => {
      const value = evaluate(row);
      if (value === null) throw runtimeError(new Error(`Column '${column.name}' of table '${table.name}' is NOT NULL, but a NULL is being written into it`), location);
      return value;
    },
  };
}

function typeMismatch(from: string, column: Column, table: TableEntry, location: SourceLocation): Error {
  return bindError(
    'LATERAL_ERR_BIND_TYPE_MISMATCH',
    `Cannot write ${from} into column '${column.name}' ${formatType(column.dataType)} of table '${table.name}'; convert it with CAST(... AS ${formatType(column.dataType)})`,
    location,
  );
}

/**
 * Binds INSERT INTO t [(cols)] VALUES ... | SELECT ...: the source must produce one value per
 * target column, each implicitly convertible to the column type (see CoercionMode 'assignment');
 * columns left out are written as NULL.
 */
export function bindInsert(statement: InsertStatement, context: EngineContext): BoundInsert {
  const { table, connector } = resolveTable(statement.table, context);
  const positions = targetPositions(statement, table);
  const collector = new BindCollector();
  const width = positions.length;
  const countError = (got: number, location: SourceLocation): LateralError =>
    bindError('LATERAL_ERR_BIND_ARGUMENTS', `INSERT INTO ${table.name} writes ${width} columns but the source has ${got}`, location);

  // Per source column j: the expression reading it, converted to the target column's type.
  const place = (cells: CompiledExpression[]): CompiledExpression[] => {
    const row: CompiledExpression[] = table.columns.map((column) => guardNotNull(constantExpression(column.dataType, statement.location, null), column, table));
    positions.forEach((position, j) => (row[position] = guardNotNull(cells[j]!, table.columns[position]!, table)));
    return row;
  };
  const target = (j: number): Column => table.columns[positions[j]!]!;
  const columns = table.columns.map((c) => ({ name: c.name, dataType: c.dataType }));

  let plan: PlanNode;
  if (statement.source.type === 'values') {
    const rows = compileValuesRows(statement.source, collector, tableFunctionKinds(context.registry)).map((cells) => {
      if (cells.length !== width) collector.errors.push(countError(cells.length, cells[0]?.location ?? statement.source.location));
      const converted = cells.slice(0, width).map((cell, j) =>
        collector.attempt(() => {
          if (!isImplicitlyCastable(cell, target(j).dataType, 'assignment')) throw typeMismatch(formatType(cell.type), target(j), table, cell.location);
          return coerceExpression(cell, sourceType(target(j).dataType));
        }),
      );
      return converted.every((c) => c !== undefined) && converted.length === width ? place(converted as CompiledExpression[]) : [];
    });
    collector.throwIfAny();
    plan = { kind: 'values', columns, rows };
  } else {
    const query = statement.source;
    const source = bindSelect(query, context);
    if (source.columns.length !== width) throw countError(source.columns.length, query.location);
    const cells = source.columns.map((column, j) =>
      collector.attempt(() => {
        if (!isTypeImplicitlyCastable(column.dataType, target(j).dataType, 'assignment')) {
          throw typeMismatch(`${formatType(column.dataType)} column '${column.name}'`, target(j), table, query.projections[Math.min(j, query.projections.length - 1)]!.location);
        }
        const read: CompiledExpression = { type: column.dataType, location: query.location, evaluate: (row: Row) => row[j] ?? null };
        return coerceExpression(read, sourceType(target(j).dataType));
      }),
    );
    collector.throwIfAny();
    plan = { kind: 'project', columns, input: source, expressions: place(cells as CompiledExpression[]) };
  }
  return { table, connector, plan };
}

/** The NOT NULL check is separate (guardNotNull), so conversions target the nullable form. */
const sourceType = (type: DataType): DataType => ({ ...type, nullable: true });
