import type { FunctionCall } from '@lateral/parser';
import { coerceExpression } from './expr-coerce.js';
import type { CompiledExpression } from './expr-compiled.js';
import { compareValues } from './expr-compare.js';
import { bindError } from './expr-errors.js';
import { anyNullable, strict, type Evaluate, type ScalarFunction } from './expr-function-kit.js';
import { commonType, formatType, isBoolean, SqlTypes, withNullable } from './expr-types.js';

/** Coerces every argument to the type they share, or fails naming the function. */
function unify(name: string, args: CompiledExpression[], call: FunctionCall): CompiledExpression[] {
  const shared = commonType(args.map((a) => (a.untypedNull ? undefined : a.type)));
  if (!shared) {
    const types = args.map((a) => formatType(a.type)).join(', ');
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `The arguments of ${name} have no common type: ${types}`, call.location);
  }
  return args.map((arg) => coerceExpression(arg, withNullable(shared, arg.type.nullable || !!arg.untypedNull)));
}

/** COALESCE evaluates its arguments left to right and stops at the first non-NULL one. */
function coalesceLike(name: string, minArgs: number, maxArgs: number, signature: string): ScalarFunction {
  return {
    name,
    minArgs,
    maxArgs,
    signature,
    bind(args, call) {
      const bound = unify(name, args, call);
      const nullable = bound.every((a) => a.type.nullable);
      return {
        type: withNullable(bound[0]!.type, nullable),
        args: bound,
        build: (evaluates: Evaluate[]) => (row) => {
          for (const evaluate of evaluates) {
            const value = evaluate(row);
            if (value !== null) return value;
          }
          return null;
        },
      };
    },
  };
}

const nullIf: ScalarFunction = {
  name: 'NULLIF',
  minArgs: 2,
  maxArgs: 2,
  signature: 'NULLIF(value, other)',
  bind(args, call) {
    const bound = unify('NULLIF', args, call);
    return {
      type: withNullable(bound[0]!.type, true),
      args: bound,
      build: ([value, other]: Evaluate[]) => (row) => {
        const a = value!(row);
        if (a === null) return null;
        const b = other!(row);
        return b !== null && compareValues(a, b) === 0 ? null : a;
      },
    };
  },
};

/** IF(condition, then, else): Flink's shorthand for a two-way CASE. */
const ifFunction: ScalarFunction = {
  name: 'IF',
  minArgs: 3,
  maxArgs: 3,
  signature: 'IF(condition, then, else)',
  bind(args, call) {
    const [condition, ...branches] = args;
    if (!condition!.untypedNull && !isBoolean(condition!.type)) {
      throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `The condition of IF must be BOOLEAN, got ${formatType(condition!.type)}`, condition!.location);
    }
    const bound = unify('IF', branches, call);
    return {
      type: withNullable(bound[0]!.type, anyNullable(bound)),
      args: [condition!, ...bound],
      build: ([test, then, otherwise]: Evaluate[]) => (row) => (test!(row) === true ? then!(row) : otherwise!(row)),
    };
  },
};

const cardinality: ScalarFunction = {
  name: 'CARDINALITY',
  minArgs: 1,
  maxArgs: 1,
  signature: 'CARDINALITY(array or map)',
  bind(args) {
    const arg = args[0]!;
    if (arg.type.kind !== 'ARRAY' && arg.type.kind !== 'MAP' && !arg.untypedNull) {
      throw bindError('LATERAL_ERR_BIND_ARGUMENTS', `CARDINALITY needs an ARRAY or MAP, got ${formatType(arg.type)}`, arg.location);
    }
    return {
      type: SqlTypes.int(anyNullable(args)),
      args,
      build: strict(([value]) => (Array.isArray(value) ? value.length : Object.keys(value as object).length)),
    };
  },
};

export const GENERAL_FUNCTIONS: readonly ScalarFunction[] = [
  coalesceLike('COALESCE', 1, Infinity, 'COALESCE(value, ...)'),
  coalesceLike('IFNULL', 2, 2, 'IFNULL(value, fallback)'),
  nullIf,
  ifFunction,
  cardinality,
];
