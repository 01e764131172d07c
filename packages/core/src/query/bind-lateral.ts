import type { Expression, LateralTableCall, MapConstructor, ModelRef } from '@lateral/parser';
import type { ResolvedModel } from '@lateral/spec';
import type { EngineContext } from '../engine/engine-context.js';
import { coerceExpression, isImplicitlyCastable } from '../expressions/expr-coerce.js';
import { compileExpression } from '../expressions/expr-compile.js';
import { bindError } from '../expressions/expr-errors.js';
import { scalarFunctionNames, TABLE_FUNCTIONS } from '../expressions/expr-functions.js';
import { formatType, isCharacter } from '../expressions/expr-types.js';
import type { Column } from '@lateral/spec';
import { bindInvocationConfig } from './bind-config-map.js';
import { relocate } from './bind-collector.js';
import type { BindScope, ScopeColumn } from './bind-scope.js';
import type { BoundLateral } from './plan-nodes.js';

const describeColumns = (columns: readonly Column[]): string =>
  `(${columns.map((c) => `${c.name} ${formatType(c.dataType)}`).join(', ')})`;

function resolveModel(ref: ModelRef, context: EngineContext, functionName: string): ResolvedModel {
  if (ref.name.version === 'all') {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `${functionName} runs one model version; '$all' is only for DESCRIBE MODEL and DROP MODEL`, ref.location);
  }
  try {
    return context.catalog.resolveModel(ref.name, context.environment);
  } catch (error) {
    throw relocate(error, ref.location);
  }
}

/** AI_COMPLETE and AI_EMBEDDING serve one model shape each; ML_PREDICT serves any. */
function checkModelShape(functionName: string, model: ResolvedModel, ref: ModelRef): void {
  const oneTextInput = model.input.length === 1 && isCharacter(model.input[0]!.dataType);
  const output = model.output.length === 1 ? model.output[0]!.dataType : undefined;
  const shape = `'${model.name}' has INPUT ${describeColumns(model.input)} OUTPUT ${describeColumns(model.output)}`;
  if (functionName === 'AI_COMPLETE' && !(oneTextInput && output && isCharacter(output))) {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `AI_COMPLETE needs a model with one STRING input and one STRING output; ${shape}`, ref.location);
  }
  const isVector = output?.kind === 'ARRAY' && (output.element.kind === 'FLOAT' || output.element.kind === 'DOUBLE');
  if (functionName === 'AI_EMBEDDING' && !(oneTextInput && isVector)) {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `AI_EMBEDDING needs a model with one STRING input and an ARRAY<FLOAT> output; ${shape}`, ref.location);
  }
}

function checkTableFunction(item: LateralTableCall): void {
  const name = item.call.name;
  if (TABLE_FUNCTIONS.has(name)) return;
  if (name === 'ML_EVALUATE' || name === 'AI_TOOL_INVOKE') {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${name} is not supported by Lateral yet`, item.call.location);
  }
  if (scalarFunctionNames().includes(name)) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${name} is a scalar function, not a table function: LATERAL TABLE needs ML_PREDICT, AI_COMPLETE or AI_EMBEDDING`, item.call.location);
  }
  throw bindError('LATERAL_ERR_BIND_UNKNOWN_FUNCTION', `No match found for table function ${name}`, item.call.location, [...TABLE_FUNCTIONS]);
}

/**
 * Binds `LATERAL TABLE(fn(model, args... [, MAP[...]])) [AS] alias[(c1, ...)]` against the columns
 * of the FROM items before it. The model is resolved now (so a missing model or secret fails
 * before any row is read); arguments are checked against the model INPUT and converted to it.
 */
export function bindLateral(
  item: LateralTableCall,
  scope: BindScope,
  context: EngineContext,
): { lateral: BoundLateral; columns: ScopeColumn[] } {
  checkTableFunction(item);
  const functionName = item.call.name;
  const [first, ...rest] = item.call.args;
  if (first?.type !== 'model_ref') {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `The first argument of ${functionName} must be a model name`, (first ?? item.call).location);
  }
  const model = resolveModel(first, context, functionName);
  checkModelShape(functionName, model, first);
  const last = rest[rest.length - 1];
  const configMap = last?.type === 'map' ? (last as MapConstructor) : undefined;
  const dataArgs: Expression[] = configMap ? rest.slice(0, -1) : rest;
  const config = bindInvocationConfig(configMap, model, functionName);

  if (dataArgs.length !== model.input.length) {
    const message =
      functionName === 'ML_PREDICT'
        ? `ML Predict argument list didn't match model input columns ${dataArgs.length} != ${model.input.length}`
        : `${functionName} takes the model and one text argument, got ${dataArgs.length} arguments after the model`;
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `${message}: model '${model.name}' has INPUT ${describeColumns(model.input)}`, item.call.location);
  }
  const args = dataArgs.map((arg, i) => {
    const input = model.input[i]!;
    const compiled = compileExpression(arg, scope);
    // A model INPUT column takes what an INSERT into a column of that type takes (the rules WHERE
    // comparisons follow too): numbers never become text silently — 1, 2, … sent as '1', '2' to a
    // sentiment model is a paid mistake. An untyped NULL fits any input; the format encodes it.
    if (!isImplicitlyCastable(compiled, input.dataType, 'assignment')) {
      throw bindError(
        'LATERAL_ERR_BIND_ARGUMENTS',
        `Argument ${i + 1} of ${functionName}('${model.name}') is ${formatType(compiled.type)} but model input '${input.name}' is ${formatType(input.dataType)}; convert it with CAST(... AS ${formatType(input.dataType)})`,
        arg.location,
      );
    }
    return coerceExpression(compiled, { ...input.dataType, nullable: true });
  });

  const aliases = item.columnAliases;
  if (aliases && aliases.length !== model.output.length) {
    throw bindError(
      'LATERAL_ERR_BIND_ARGUMENTS',
      `The alias of ${functionName}('${model.name}') names ${aliases.length} columns but the model has ${model.output.length} OUTPUT columns ${describeColumns(model.output)}`,
      item.location,
    );
  }
  const outputColumns: Column[] = model.output.map((column, i) => ({
    name: aliases?.[i] ?? column.name,
    dataType: { ...column.dataType, nullable: true },
  }));
  return {
    lateral: { functionName, model, config, arguments: args, outputColumns, location: item.call.location },
    columns: outputColumns.map((c) => ({ relation: item.alias, name: c.name, type: c.dataType })),
  };
}
