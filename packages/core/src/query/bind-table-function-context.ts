import type { Expression, ModelRef } from '@lateral/parser';
import type { ResolvedModel } from '@lateral/spec';
import type { TableFunctionBindContext, TableFunctionCall } from '@lateral/spec';
import { objectBaseName } from '../catalog/name-lookup.js';
import type { EngineContext } from '../engine/engine-context.js';
import { coerceExpression, isImplicitlyCastable } from '../expressions/expr-coerce.js';
import { compileExpression } from '../expressions/expr-compile.js';
import { bindError } from '../expressions/expr-errors.js';
import { formatType } from '../expressions/expr-types.js';
import { bindInvocationConfig } from './bind-config-map.js';
import { relocate } from './bind-collector.js';
import type { BindScope } from './bind-scope.js';

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

/** The `model_ref` a model function's first argument must be (withModelArgument has read it as one). */
function modelRef(arg: Expression | undefined, call: TableFunctionCall): ModelRef {
  if (arg?.type !== 'model_ref') {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `The first argument of ${call.name} must be a model name`, (arg ?? call).location);
  }
  return arg;
}

/** The kernel services a table function binds one call with, over the columns of `scope`. */
export function tableFunctionBindContext(scope: BindScope, context: EngineContext): TableFunctionBindContext {
  return {
    model: (arg, call) => resolveModel(modelRef(arg, call), context, call.name),
    models(arg, call) {
      const ref = modelRef(arg, call);
      if (ref.name.version !== 'all') return [resolveModel(ref, context, call.name)];
      const entry = context.catalog.getModel(objectBaseName(ref.name));
      const { version: _all, ...defaultVersion } = ref.name;
      // An unknown model: resolving it reports the missing model at the reference, as for one version.
      if (!entry) return [resolveModel({ ...ref, name: defaultVersion }, context, call.name)];
      return [...entry.versions]
        .sort((a, b) => a.version - b.version)
        .map((version) => resolveModel({ ...ref, name: { ...ref.name, version: version.version } }, context, call.name));
    },
    argument: (arg) => compileExpression(arg, scope),
    argumentAs(arg, type, mismatch) {
      const compiled = compileExpression(arg, scope);
      if (!isImplicitlyCastable(compiled, type, 'assignment')) {
        throw bindError('LATERAL_ERR_BIND_ARGUMENTS', mismatch(formatType(compiled.type)), arg.location);
      }
      return coerceExpression(compiled, { ...type, nullable: true });
    },
    invocation: (model, map, call) => ({ model, config: bindInvocationConfig(map, model, call.name) }),
    error: (code, message, location) => bindError(code, message, location),
    typeText: formatType,
  };
}
