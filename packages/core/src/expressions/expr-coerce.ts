import type { SourceLocation } from '@lateral/parser';
import type { DataType, Row } from '@lateral/spec';
import { castConverter, type ValueConverter } from './expr-cast.js';
import { compiled, type CompiledExpression } from './expr-compiled.js';
import { bindError, runtimeError } from './expr-errors.js';
import {
  formatType,
  isBinary,
  isCharacter,
  isExactInteger,
  isNumeric,
  isScalar,
  isTemporal,
  numericRank,
  sameType,
} from './expr-types.js';

/**
 * Where a value meets a declared type without a CAST.
 * - `assignment` (INSERT into a column): Flink's implicit casts (numeric widening, text to text,
 *   bytes to bytes, DATE to TIMESTAMP), plus constants that fit the target exactly (the literal 1
 *   into a TINYINT, '2024-01-31' into a DATE).
 * - `argument` (function and model arguments, `||`): the same, plus Lateral's leniency that any
 *   number, boolean or date/time value becomes its text where a STRING is expected. Text never
 *   becomes a number implicitly: that needs an explicit CAST.
 */
export type CoercionMode = 'assignment' | 'argument';

export function isImplicitlyCastable(expr: CompiledExpression, to: DataType, mode: CoercionMode): boolean {
  if (expr.untypedNull) return true;
  if (isTypeImplicitlyCastable(expr.type, to, mode)) return true;
  if (expr.constant === undefined || expr.constant.value === null) return false;
  const fitsExactly = (isNumeric(expr.type) && isNumeric(to)) || (isCharacter(expr.type) && isTemporal(to));
  if (!fitsExactly) return false;
  const converter = castConverter(expr.type, to);
  try {
    const converted = converter?.(expr.constant.value);
    return !isExactInteger(to) || converted === expr.constant.value;
  } catch {
    return false;
  }
}

export function isTypeImplicitlyCastable(from: DataType, to: DataType, mode: CoercionMode): boolean {
  if (sameType(from, to)) return true;
  if (isCharacter(from) && isCharacter(to)) return true;
  if (isBinary(from) && isBinary(to)) return true;
  if (isNumeric(from) && isNumeric(to)) {
    return numericRank(from) <= numericRank(to) || (from.kind === 'DECIMAL' && to.kind === 'DECIMAL');
  }
  if (from.kind === 'DATE' && to.kind === 'TIMESTAMP') return true;
  if (from.kind === to.kind && (from.kind === 'TIME' || from.kind === 'TIMESTAMP')) return true;
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') return isTypeImplicitlyCastable(from.element, to.element, mode);
  if (from.kind === 'MAP' && to.kind === 'MAP') return isTypeImplicitlyCastable(from.value, to.value, mode);
  return mode === 'argument' && isScalar(from) && isCharacter(to);
}

/** `expr` converted to `to` (a no-op when the types already agree). The cast must be allowed. */
export function coerceExpression(expr: CompiledExpression, to: DataType): CompiledExpression {
  if (expr.untypedNull) return { ...expr, type: to };
  if (sameType(expr.type, to)) return expr;
  const converter = castConverter(expr.type, to);
  if (!converter) {
    throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `Cannot convert ${formatType(expr.type)} to ${formatType(to)}`, expr.location);
  }
  return convertedExpression(expr, { ...to, nullable: expr.type.nullable || to.nullable }, converter, false, expr.location);
}

/** CAST / TRY_CAST: an unsupported pair is a bind error; a value that does not fit fails or gives NULL. */
export function castExpression(expr: CompiledExpression, to: DataType, safe: boolean, location: SourceLocation): CompiledExpression {
  const converter = expr.untypedNull ? (v: unknown) => v : castConverter(expr.type, to);
  if (!converter) {
    throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `Cannot cast ${formatType(expr.type)} to ${formatType(to)}`, location);
  }
  // As in Flink, CAST keeps the nullability of its input (CAST(x AS INT NOT NULL) is not a check).
  const type = { ...to, nullable: safe || expr.type.nullable || !!expr.untypedNull };
  return convertedExpression(expr, type, converter, safe, location);
}

function convertedExpression(
  expr: CompiledExpression,
  type: DataType,
  converter: ValueConverter,
  safe: boolean,
  location: SourceLocation,
): CompiledExpression {
  const evaluate = expr.evaluate;
  return compiled(
    type,
    location,
    (row: Row) => {
      const value = evaluate(row);
      if (value === null) return null;
      try {
        return converter(value);
      } catch (error) {
        if (safe) return null;
        throw runtimeError(error, location);
      }
    },
    [expr],
  );
}
