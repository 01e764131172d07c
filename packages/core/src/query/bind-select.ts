import type { Expression, OrderItem, SelectQuery } from '@lateral/parser';
import type { EngineContext } from '../engine/engine-context.js';
import { compileExpression } from '../expressions/expr-compile.js';
import type { CompiledExpression } from '../expressions/expr-compiled.js';
import { bindError } from '../expressions/expr-errors.js';
import { formatType, isBoolean } from '../expressions/expr-types.js';
import type { Row } from '@lateral/spec';
import { BindCollector } from './bind-collector.js';
import { bindFrom, type BoundFrom } from './bind-from.js';
import { outputName, uniquify } from './bind-output-names.js';
import { trackingScope, type BindScope } from './bind-scope.js';
import { bindAggregateCall, aggregateCall } from './bind-aggregate.js';
import type { BoundTableFunctionCall, PlanNode, SortKey } from './plan-nodes.js';

interface Output {
  name: string;
  expression: CompiledExpression;
}

interface Filter {
  predicate: CompiledExpression;
  /** The highest row position it reads: it can run as soon as the row is that wide. */
  highest: number;
}

/** `a AND b AND c` → [a, b, c], so each condition can run as early as its columns exist. */
function conjuncts(expr: Expression): Expression[] {
  // walked with a work list: generated SQL ANDs thousands of conditions, a left-deep tree as deep
  const found: Expression[] = [];
  const pending: Expression[] = [expr];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.type === 'binary' && next.op === 'AND') pending.push(next.right, next.left);
    else found.push(next);
  }
  return found;
}

/** A row passes when every condition is TRUE, tested in order and stopping at the first that is not. */
function allOf(predicates: CompiledExpression[]): CompiledExpression {
  if (predicates.length === 1) return predicates[0]!;
  const tests = predicates.map((p) => p.evaluate);
  const evaluate = (row: Row): boolean => {
    for (const test of tests) if (test(row) !== true) return false;
    return true;
  };
  return { type: predicates[0]!.type, location: predicates[0]!.location, evaluate };
}

function columnExpression(scope: BindScope, index: number, location: SelectQuery['location']): CompiledExpression {
  return { type: scope.columns[index]!.type, location, evaluate: (row: Row) => row[index] ?? null };
}

/**
 * Binds a SELECT into a plan: FROM (scan, then lateral inference calls), WHERE conditions placed
 * right after the FROM item that provides their last column (so rows are filtered before any
 * model call that does not affect the condition), projection, DISTINCT, ORDER BY, LIMIT.
 * Errors are collected across the select list, WHERE and ORDER BY before failing.
 */
export function bindSelect(query: SelectQuery, context: EngineContext): PlanNode {
  const collector = new BindCollector();
  const from = collector.attempt(() => bindFrom(query.from, context));
  collector.throwIfAny();
  const { scope } = from!;

  const filters: Filter[] = [];
  for (const condition of query.where ? conjuncts(query.where) : []) {
    collector.attempt(() => {
      const tracking = trackingScope(scope);
      const predicate = compileExpression(condition, tracking.scope);
      if (!predicate.untypedNull && !isBoolean(predicate.type)) {
        throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `WHERE needs a BOOLEAN condition, got ${formatType(predicate.type)}`, condition.location);
      }
      filters.push({ predicate, highest: tracking.highestIndex() });
    });
  }

  const aggregate = aggregateCall(query, context);
  if (aggregate) {
    const call = collector.attempt(() => bindAggregateCall(query, aggregate, scope, context));
    collector.throwIfAny();
    return assembleAggregate(query, from!, filters, call!);
  }

  const outputs: Output[] = [];
  query.projections.forEach((item, position) =>
    collector.attempt(() => {
      if (item.type === 'select_star') {
        for (const index of scope.star(item.qualifier, item.location)) {
          outputs.push({ name: scope.columns[index]!.name, expression: columnExpression(scope, index, item.location) });
        }
        return;
      }
      outputs.push({ name: outputName(item, position), expression: compileExpression(item.expr, scope) });
    }),
  );

  const hidden: CompiledExpression[] = [];
  const keys: SortKey[] = [];
  for (const item of query.orderBy ?? []) {
    collector.attempt(() => keys.push(bindOrderKey(item, outputs, hidden, scope)));
  }
  if (query.distinct && hidden.length > 0) {
    collector.errors.push(
      bindError('LATERAL_ERR_BIND_UNSUPPORTED', 'With SELECT DISTINCT, ORDER BY expressions must appear in the select list', query.orderBy![0]!.location),
    );
  }
  collector.throwIfAny();
  return assemble(query, from!, filters, outputs, hidden, keys);
}

/** ORDER BY reads a select-list position (`ORDER BY 2`), an output name, or any expression over FROM. */
function bindOrderKey(item: OrderItem, outputs: Output[], hidden: CompiledExpression[], scope: BindScope): SortKey {
  const descending = item.direction === 'DESC';
  const { expr } = item;
  if (expr.type === 'literal' && typeof expr.value === 'number') {
    if (!Number.isInteger(expr.value) || expr.value < 1 || expr.value > outputs.length) {
      throw bindError('LATERAL_ERR_BIND_UNKNOWN_COLUMN', `ORDER BY position ${expr.value} is not in the select list (1..${outputs.length})`, expr.location);
    }
    return { index: expr.value - 1, descending };
  }
  if (expr.type === 'column' && expr.qualifier === undefined) {
    const matches = outputs.flatMap((o, i) => (o.name === expr.name ? [i] : []));
    if (matches.length === 1) return { index: matches[0]!, descending };
  }
  hidden.push(compileExpression(expr, scope));
  return { index: outputs.length + hidden.length - 1, descending };
}

/** The FROM items and the WHERE conditions placed between them, as in any SELECT. */
function assembleFrom(from: BoundFrom, filters: Filter[]): PlanNode {
  let node = from.source;
  let pending = [...filters];
  // The conditions ready at the same point share one filter: a WHERE of thousands of ANDed
  // conditions is one operator, not a pipeline thousands of operators long.
  const applyFilters = (width: number): void => {
    const ready = pending.filter((f) => f.highest < width);
    if (ready.length === 0) return;
    node = { kind: 'filter', columns: node.columns, input: node, predicate: allOf(ready.map((f) => f.predicate)) };
    pending = pending.filter((f) => f.highest >= width);
  };
  applyFilters(node.columns.length);
  for (const { lateral, width } of from.laterals) {
    node = { kind: 'table_function', columns: [...node.columns, ...lateral.outputColumns], input: node, call: lateral };
    applyFilters(width);
  }
  return node;
}

/** `SELECT fn(...) [AS name] FROM ... [WHERE ...] [LIMIT n]`: the aggregate reads every row that passed WHERE. */
function assembleAggregate(query: SelectQuery, from: BoundFrom, filters: Filter[], call: BoundTableFunctionCall): PlanNode {
  const input = assembleFrom(from, filters);
  const node: PlanNode = { kind: 'table_function', columns: call.outputColumns, input, call };
  return query.limit === undefined ? node : { kind: 'limit', columns: node.columns, input: node, count: query.limit };
}

function assemble(
  query: SelectQuery,
  from: BoundFrom,
  filters: Filter[],
  outputs: Output[],
  hidden: CompiledExpression[],
  keys: SortKey[],
): PlanNode {
  let node = assembleFrom(from, filters);

  const names = uniquify(outputs.map((o) => o.name));
  const columns = outputs.map((o, i) => ({ name: names[i]!, dataType: o.expression.type }));
  const expressions = [...outputs.map((o) => o.expression), ...hidden];
  const hiddenColumns = hidden.map((h, i) => ({ name: `$key${i}`, dataType: h.type }));
  node = { kind: 'project', columns: [...columns, ...hiddenColumns], input: node, expressions };
  if (query.distinct) node = { kind: 'distinct', columns: node.columns, input: node };
  if (keys.length > 0) node = { kind: 'sort', columns: node.columns, input: node, keys };
  if (hidden.length > 0) {
    const visible = columns.map((c, i) => ({ type: c.dataType, location: query.location, evaluate: (row: Row) => row[i] ?? null }));
    node = { kind: 'project', columns, input: node, expressions: visible };
  }
  if (query.limit !== undefined) node = { kind: 'limit', columns, input: node, count: query.limit };
  return node;
}
