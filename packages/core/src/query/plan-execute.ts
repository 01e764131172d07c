import type { Row } from '@lateral/spec';
import type { PlanNode } from './plan-nodes.js';
import type { OperatorContext } from './operators/op-context.js';
import { distinctOperator, filterOperator, limitOperator, projectOperator, sortOperator } from './operators/op-row-operators.js';
import { oneRowOperator, scanOperator, valuesOperator } from './operators/op-sources.js';
import { tableFunctionOperator } from './operators/op-table-function.js';

/**
 * Turns a plan into a chain of pull-based async iterators of row batches. Nothing runs until the
 * caller pulls; closing the outer iterator closes every operator below it.
 */
export function executePlan(node: PlanNode, context: OperatorContext): AsyncIterable<Row[]> {
  switch (node.kind) {
    case 'one_row':
      return oneRowOperator();
    case 'values':
      return valuesOperator(node.rows);
    case 'scan':
      return scanOperator(node, context);
    case 'filter':
      return filterOperator(executePlan(node.input, context), node.predicate);
    case 'table_function':
      return tableFunctionOperator(executePlan(node.input, context), node.call, context);
    case 'project':
      return projectOperator(executePlan(node.input, context), node.expressions);
    case 'distinct':
      return distinctOperator(executePlan(node.input, context));
    case 'sort':
      return sortOperator(executePlan(node.input, context), node.keys, node.input.columns);
    case 'limit':
      return limitOperator(executePlan(node.input, context), node.count);
  }
}
