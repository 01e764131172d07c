import type { TableFunctionRunContext } from '@lateral/spec';
import type { InvocationConfig } from '../../inference/inference-runtime.js';
import type { Row } from '@lateral/spec';
import type { BoundTableFunctionCall } from '../plan-nodes.js';
import type { OperatorContext, RowBatches } from './op-context.js';

/** The narrow view of the running statement a table function's operator gets. */
function runContext(context: OperatorContext): TableFunctionRunContext {
  return {
    signal: context.signal,
    infer: (invocation, inputs) =>
      // The config was made by this kernel's bind context (TableFunctionBindContext.invocation).
      context.engine.inference.openSession(invocation.model, invocation.config as InvocationConfig, context.signal).process(inputs),
  };
}

/** Runs a registered table function (lateral or aggregate) over the rows below it. */
export function tableFunctionOperator(input: RowBatches, call: BoundTableFunctionCall, context: OperatorContext): AsyncIterable<Row[]> {
  return call.fn.operator(call.bound, input, runContext(context));
}
