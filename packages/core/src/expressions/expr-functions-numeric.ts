import type { DataType } from '@lateral/spec';
import { roundHalfUp } from './expr-cast.js';
import { ValueConversionError } from './expr-errors.js';
import { canonicalDecimal, canonicalInteger, pow10, rescale, toDouble, toScaled, type Scaled } from './expr-exact.js';
import { anyNullable, integerArgument, numericArgument, strict, type ScalarFunction } from './expr-function-kit.js';
import { INTEGER_RANGE, isExactInteger, withNullable } from './expr-types.js';

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function ceiling(v: Scaled): Scaled {
  return { unscaled: -floorDiv(-v.unscaled, pow10(v.scale)), scale: 0 };
}

/** An exact integer result of a function, checked against its type (ABS of the smallest BIGINT overflows). */
function checkedInteger(n: bigint, kind: string, fn: string): number | bigint {
  const [min, max] = INTEGER_RANGE[kind]!;
  if (n < min || n > max) throw new ValueConversionError(`${fn}: the result does not fit ${kind}`);
  return canonicalInteger(n);
}

/** FLOOR and CEIL keep the argument's type; a DECIMAL loses its fraction digits. */
function wholeNumberType(type: DataType): DataType {
  return type.kind === 'DECIMAL' ? { ...type, precision: Math.max(1, type.precision - type.scale), scale: 0 } : type;
}

/** Applies a function of doubles to a double, and its exact version to BIGINT/DECIMAL values. */
type Exact = (value: Scaled) => Scaled;

function unaryNumeric(name: string, apply: (n: number) => number, exact: Exact, typeOf: (t: DataType) => DataType): ScalarFunction {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    signature: `${name}(number)`,
    bind(args) {
      const arg = numericArgument(name, args, 0);
      const type = withNullable(typeOf(arg.type), anyNullable([arg]));
      const approximate = type.kind === 'FLOAT' || type.kind === 'DOUBLE';
      return {
        type,
        args: [arg],
        build: strict(([value]) => {
          if (approximate || (typeof value === 'number' && Number.isSafeInteger(value))) {
            const result = apply(toDouble(value));
            return result === 0 ? 0 : result;
          }
          const result = exact(toScaled(value));
          return type.kind === 'DECIMAL' ? canonicalDecimal(result.unscaled, result.scale) : checkedInteger(rescale(result, 0), type.kind, name);
        }),
      };
    },
  };
}

/** Flink's type of ROUND(DECIMAL(p, s), r): the scale drops to r, and rounding may add an integer digit. */
function roundedDecimalType(source: Extract<DataType, { kind: 'DECIMAL' }>, round: number): DataType {
  const { precision, scale } = source;
  if (round >= scale) return source;
  if (round < 0) return { ...source, precision: Math.min(38, 1 + precision - scale), scale: 0 };
  return { ...source, precision: Math.min(38, 1 + precision - scale + round), scale: round };
}

/** ROUND(x [, d]): halves round away from zero; d may be negative (ROUND(1234, -2) = 1200). */
const round: ScalarFunction = {
  name: 'ROUND',
  minArgs: 1,
  maxArgs: 2,
  signature: 'ROUND(number [, digits])',
  bind(args) {
    const bound = [numericArgument('ROUND', args, 0), ...(args.length > 1 ? [integerArgument('ROUND', args, 1)] : [])];
    const digits = bound.length > 1 ? bound[1]!.constant?.value : 0;
    const source = bound[0]!.type;
    const type = source.kind === 'DECIMAL' && typeof digits === 'number' ? roundedDecimalType(source, digits) : source;
    const integer = isExactInteger(source);
    const exact = integer || source.kind === 'DECIMAL';
    return {
      type: withNullable(type, anyNullable(bound)),
      args: bound,
      build: strict(([value, places]) => {
        const scale = Number(places ?? 0);
        if (integer && scale >= 0) return value;
        if (!exact) return roundHalfUp(toDouble(value), scale);
        // exact: round HALF_UP at `scale` (negative: tens, hundreds, ...)
        const rounded = rescale(toScaled(value), scale);
        const unscaled = scale >= 0 ? rounded : rounded * pow10(-scale);
        const resultScale = Math.max(0, scale);
        return integer ? checkedInteger(unscaled, source.kind, 'ROUND') : canonicalDecimal(unscaled, resultScale);
      }),
    };
  },
};

export const NUMERIC_FUNCTIONS: readonly ScalarFunction[] = [
  unaryNumeric('ABS', Math.abs, (v) => ({ unscaled: v.unscaled < 0n ? -v.unscaled : v.unscaled, scale: v.scale }), (t) => t),
  unaryNumeric('FLOOR', Math.floor, (v) => ({ unscaled: floorDiv(v.unscaled, pow10(v.scale)), scale: 0 }), wholeNumberType),
  unaryNumeric('CEIL', Math.ceil, ceiling, wholeNumberType),
  unaryNumeric('CEILING', Math.ceil, ceiling, wholeNumberType),
  round,
];
