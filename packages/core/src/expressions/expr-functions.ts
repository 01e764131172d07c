import type { FunctionCall } from '@lateral/parser';
import type { Row } from '@lateral/spec';
import { compiled, type CompiledExpression } from './expr-compiled.js';
import { bindError, runtimeError } from './expr-errors.js';
import type { ScalarFunction } from './expr-function-kit.js';
import { GENERAL_FUNCTIONS } from './expr-functions-general.js';
import { NUMERIC_FUNCTIONS } from './expr-functions-numeric.js';
import { STRING_FUNCTIONS } from './expr-functions-string.js';

const SCALAR_FUNCTIONS = new Map<string, ScalarFunction>(
  [...STRING_FUNCTIONS, ...NUMERIC_FUNCTIONS, ...GENERAL_FUNCTIONS].map((fn) => [fn.name, fn]),
);

/** The AI/ML functions are table functions: they belong in FROM, not in an expression. */
export const TABLE_FUNCTIONS = new Set(['ML_PREDICT', 'AI_COMPLETE', 'AI_EMBEDDING']);
const NOT_YET_SUPPORTED = new Set(['ML_EVALUATE', 'AI_TOOL_INVOKE']);

export function scalarFunctionNames(): string[] {
  return [...SCALAR_FUNCTIONS.keys()].sort();
}

/** Fails for the AI/ML functions, which are not scalar: checked before their arguments are compiled. */
export function checkScalarCall(call: FunctionCall): void {
  if (TABLE_FUNCTIONS.has(call.name)) {
    throw bindError(
      'LATERAL_ERR_BIND_UNSUPPORTED',
      `${call.name} is a table function: call it in FROM, as in FROM t, LATERAL TABLE(${call.name}(...))`,
      call.location,
    );
  }
  if (NOT_YET_SUPPORTED.has(call.name)) {
    throw bindError('LATERAL_ERR_BIND_UNSUPPORTED', `${call.name} is not supported by Lateral yet`, call.location);
  }
}

export function compileFunctionCall(call: FunctionCall, args: CompiledExpression[]): CompiledExpression {
  checkScalarCall(call);
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
