import type { SourceLocation } from '@lateral/parser';
import type { ConnectorV2, TableDefinition } from '@lateral/spec';
import type { ResolvedModel } from '@lateral/spec';
import type { BoundTableFunction, TableFunctionV1 } from '@lateral/spec';
import type { CompiledExpression } from '../expressions/expr-compiled.js';
import type { Column } from '@lateral/spec';

/** A bound table-function call (LATERAL TABLE(ML_PREDICT(...)), or an aggregate in the select list). */
export interface BoundTableFunctionCall {
  fn: TableFunctionV1;
  bound: BoundTableFunction;
  /** The function's output columns, renamed by `AS alias(c1, ...)` / `AS name`. */
  outputColumns: Column[];
  location: SourceLocation;
}

export interface SortKey {
  /** Position of the key in the input row. */
  index: number;
  descending: boolean;
}

/**
 * The operator tree of one query. Every node knows the columns of the rows it produces; rows are
 * positional, and a node after FROM item k produces rows that are the concatenation of the
 * columns of items 1..k (later operators read earlier columns by the same index).
 */
export type PlanNode =
  | { kind: 'one_row'; columns: Column[] }
  | { kind: 'values'; columns: Column[]; rows: CompiledExpression[][] }
  | { kind: 'scan'; columns: Column[]; table: TableDefinition; connector: ConnectorV2 }
  | { kind: 'filter'; columns: Column[]; input: PlanNode; predicate: CompiledExpression }
  /** A lateral call (columns: input + outputs) or an aggregate (columns: its outputs). */
  | { kind: 'table_function'; columns: Column[]; input: PlanNode; call: BoundTableFunctionCall }
  | { kind: 'project'; columns: Column[]; input: PlanNode; expressions: CompiledExpression[] }
  | { kind: 'distinct'; columns: Column[]; input: PlanNode }
  | { kind: 'sort'; columns: Column[]; input: PlanNode; keys: SortKey[] }
  | { kind: 'limit'; columns: Column[]; input: PlanNode; count: number };
