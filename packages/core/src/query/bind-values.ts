import type { ValuesClause } from '@lateral/parser';
import { coerceExpression } from '../expressions/expr-coerce.js';
import { compileExpression } from '../expressions/expr-compile.js';
import type { CompiledExpression } from '../expressions/expr-compiled.js';
import { bindError } from '../expressions/expr-errors.js';
import { commonType, formatType, withNullable } from '../expressions/expr-types.js';
import type { Column } from '@lateral/spec';
import { BindCollector } from './bind-collector.js';
import { BindScope, type TableFunctionKinds } from './bind-scope.js';
import type { PlanNode } from './plan-nodes.js';

/** Compiles every cell of a VALUES list (no columns are in scope) and checks the rows have one width. */
export function compileValuesRows(values: ValuesClause, collector: BindCollector, tableFunctions?: TableFunctionKinds): CompiledExpression[][] {
  const scope = new BindScope([], tableFunctions);
  const width = values.rows[0]?.length ?? 0;
  return values.rows.map((row) => {
    if (row.length !== width) {
      collector.errors.push(
        bindError('LATERAL_ERR_BIND_ARGUMENTS', `Every VALUES row must have ${width} values; this one has ${row.length}`, row[0]?.location ?? values.location),
      );
    }
    return row.map((cell) => collector.attempt(() => compileExpression(cell, scope))).filter((c): c is CompiledExpression => c !== undefined);
  });
}

/** `VALUES (1, 'a'), (2, 'b')` as a query: columns EXPR$0, EXPR$1, ... typed by what each column's values share. */
export function bindValuesQuery(values: ValuesClause, tableFunctions?: TableFunctionKinds): PlanNode {
  const collector = new BindCollector();
  const rows = compileValuesRows(values, collector, tableFunctions);
  collector.throwIfAny();
  const width = rows[0]?.length ?? 0;
  const columns: Column[] = [];
  for (let i = 0; i < width; i++) {
    const cells = rows.map((row) => row[i]!);
    const type = commonType(cells.map((c) => (c.untypedNull ? undefined : c.type)));
    if (!type) {
      const types = [...new Set(cells.map((c) => formatType(c.type)))].join(', ');
      collector.errors.push(bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `Column ${i + 1} of VALUES mixes types with nothing in common: ${types}`, cells[0]!.location));
      continue;
    }
    columns.push({ name: `EXPR$${i}`, dataType: type });
    for (const row of rows) row[i] = coerceExpression(row[i]!, withNullable(type, type.nullable));
  }
  collector.throwIfAny();
  return { kind: 'values', columns, rows };
}
