import type { DataType } from '../types/schema.js';
import { roundHalfUp } from './expr-cast.js';
import { anyNullable, integerArgument, numericArgument, strict, type ScalarFunction } from './expr-function-kit.js';
import { isExactInteger, withNullable } from './expr-types.js';

/** FLOOR and CEIL keep the argument's type; a DECIMAL loses its fraction digits. */
function wholeNumberType(type: DataType): DataType {
  return type.kind === 'DECIMAL' ? { ...type, precision: Math.max(1, type.precision - type.scale), scale: 0 } : type;
}

function unaryNumeric(name: string, apply: (n: number) => number, typeOf: (t: DataType) => DataType): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    signature: `${name}(number)`,
    bind(args) {
      const arg = numericArgument(name, args, 0);
      return {
        type: withNullable(typeOf(arg.type), anyNullable([arg])),
        args: [arg],
        build: strict(([value]) => {
          const result = apply(value as number);
          return result === 0 ? 0 : result;
        }),
      };
    },
  };
}

/** ROUND(x [, d]): halves round away from zero; d may be negative (ROUND(1234, -2) = 1200). */
const round: ScalarFunction = {
  name: 'ROUND',
  minArgs: 1,
  maxArgs: 2,
  signature: 'ROUND(number [, digits])',
  bind(args) {
    const bound = [numericArgument('ROUND', args, 0), ...(args.length > 1 ? [integerArgument('ROUND', args, 1)] : [])];
    const digits = bound[1]?.constant?.value;
    const source = bound[0]!.type;
    const type =
      source.kind === 'DECIMAL' && typeof digits === 'number'
        ? { ...source, scale: Math.max(0, Math.min(source.scale, digits)) }
        : source;
    const integer = isExactInteger(source);
    return {
      type: withNullable(type, anyNullable(bound)),
      args: bound,
      build: strict(([value, places]) => {
        const scale = (places as number | undefined) ?? 0;
        if (integer && scale >= 0) return value;
        return roundHalfUp(value as number, scale);
      }),
    };
  },
};

export const NUMERIC_FUNCTIONS: readonly ScalarFunction[] = [
  unaryNumeric('ABS', Math.abs, (t) => t),
  unaryNumeric('FLOOR', Math.floor, wholeNumberType),
  unaryNumeric('CEIL', Math.ceil, wholeNumberType),
  unaryNumeric('CEILING', Math.ceil, wholeNumberType),
  round,
];
