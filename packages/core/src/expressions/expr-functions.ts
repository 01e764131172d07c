import type { FunctionCall } from '@lateral/parser';
import type { Row } from '@lateral/spec';
import { NOT_YET_SUPPORTED_FUNCTIONS, tableFunctionPackageFor } from '../functions/function-package.js';
import { compiled, type CompiledExpression, type ExpressionScope } from './expr-compiled.js';
import { bindError, runtimeError } from './expr-errors.js';
import type { ScalarFunction } from './expr-function-kit.js';
import { GENERAL_FUNCTIONS } from './expr-functions-general.js';
import { NUMERIC_FUNCTIONS } from './expr-functions-numeric.js';
import { STRING_FUNCTIONS } from './expr-functions-string.js';

const SCALAR_FUNCTIONS = new Map<string, ScalarFunction>(
  [...STRING_FUNCTIONS, ...NUMERIC_FUNCTIONS, ...GENERAL_FUNCTIONS].map((fn) => [fn.name, fn]),
);

export function scalarFunctionNames(): string[] {
  return [...SCALAR_FUNCTIONS.keys()].sort();
}

/**
 * Fails for the registered table functions (ML_PREDICT, ...), which are not scalar: checked
 * before their arguments are compiled (their first argument is a model name).
 */
export function checkScalarCall(call: FunctionCall, scope: ExpressionScope): void {
  if (SCALAR_FUNCTIONS.has(call.name)) return;
  const kind = scope.tableFunctionKind?.(call.name);
  if (kind === 'lateral') {
    throw bindError(
      'LATERAL_ERR_BIND_UNSUPPORTED',
      `${call.name} is a table function: call it in FROM, as in FROM t, LATERAL TABLE(${call.name}(...))`,
      call.location,
    );
  }
  if (kind === 'aggregate') {
    throw bindError(
      'LATERAL_ERR_BIND_UNSUPPORTED',
      `${call.name} is an aggregate table function: call it alone in the select list, as in SELECT ${call.name}(...) FROM t`,
      call.location,
    );
  }
  if (NOT_YET_SUPPORTED_FUNCTIONS.has(call.name)) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${call.name} is not supported by Lateral yet (no package ${tableFunctionPackageFor(call.name)} is installed)`, call.location);
  }
}

export function compileFunctionCall(call: FunctionCall, args: CompiledExpression[]): CompiledExpression {
  const fn = SCALAR_FUNCTIONS.get(call.name);
  if (!fn) {
    throw bindError('LATERAL_ERR_BIND_UNKNOWN_FUNCTION', `No match found for function ${call.name}`, call.location, scalarFunctionNames());
  }
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    throw bindError(
      'LATERAL_ERR_BIND_ARGUMENTS',
      `Invalid number of arguments to function ${call.name}: got ${args.length}, expected ${fn.signature}`,
      call.location,
    );
  }
  const binding = fn.bind(args, call);
  const evaluate = binding.build(binding.args.map((arg) => arg.evaluate));
  const location = call.location;
  return compiled(
    binding.type,
    location,
    (row: Row) => {
      try {
        return evaluate(row);
      } catch (error) {
        throw runtimeError(error, location);
      }
    },
    binding.args,
  );
}
