import type { FunctionCall } from '@lateral/parser';
import type { DataType, Row } from '@lateral/spec';
import { coerceExpression, isImplicitlyCastable } from './expr-coerce.js';
import type { CompiledExpression } from './expr-compiled.js';
import { bindError } from './expr-errors.js';
import { formatType, SqlTypes } from './expr-types.js';

export type Evaluate = (row: Row) => unknown;

/** What binding a scalar function produced: its type, its (coerced) arguments, and its closure. */
export interface FunctionBinding {
  type: DataType;
  args: CompiledExpression[];
  /** Builds the per-row closure from the arguments' closures (lazy functions evaluate only what they need). */
  build(args: Evaluate[]): Evaluate;
}

export interface ScalarFunction {
  name: string;
  minArgs: number;
  maxArgs: number;
  /** How a call reads, for messages: `SUBSTRING(text, start [, length])`. */
  signature: string;
  bind(args: CompiledExpression[], call: FunctionCall): FunctionBinding;
}

/** A function that returns NULL when any argument is NULL (most SQL functions). */
export function strict(apply: (values: unknown[]) => unknown): (args: Evaluate[]) => Evaluate {
  return (args) => (row) => {
    const values = new Array<unknown>(args.length);
    for (let i = 0; i < args.length; i++) {
      const value = args[i]!(row);
      if (value === null) return null;
      values[i] = value;
    }
    return apply(values);
  };
}

export const anyNullable = (args: readonly CompiledExpression[]): boolean =>
  args.some((arg) => arg.type.nullable || arg.untypedNull === true);

function argumentError(fn: string, position: number, wanted: string, arg: CompiledExpression): Error {
  return bindError(
    'LATERAL_ERR_BIND_ARGUMENTS',
    `Argument ${position} of ${fn} must be ${wanted}, got ${formatType(arg.type)}`,
    arg.location,
  );
}

/** Coerces argument `index` to STRING (numbers, booleans and dates print as text: Lateral's leniency). */
export function textArgument(fn: string, args: CompiledExpression[], index: number): CompiledExpression {
  const arg = args[index]!;
  if (!isImplicitlyCastable(arg, SqlTypes.string(), 'argument')) throw argumentError(fn, index + 1, 'a STRING', arg);
  return coerceExpression(arg, SqlTypes.string(arg.type.nullable || !!arg.untypedNull));
}

/** Requires an exact integer argument and reads it as INT. */
export function integerArgument(fn: string, args: CompiledExpression[], index: number): CompiledExpression {
  const arg = args[index]!;
  const isInteger = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT'].includes(arg.type.kind);
  if (!arg.untypedNull && !isInteger) throw argumentError(fn, index + 1, 'an integer', arg);
  return arg;
}

export function numericArgument(fn: string, args: CompiledExpression[], index: number): CompiledExpression {
  const arg = args[index]!;
  const numeric = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'DECIMAL', 'FLOAT', 'DOUBLE'].includes(arg.type.kind);
  if (!arg.untypedNull && !numeric) throw argumentError(fn, index + 1, 'a number', arg);
  return arg;
}
