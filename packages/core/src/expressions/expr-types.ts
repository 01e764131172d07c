import { printDataType } from '@lateral/parser';
import type { DataType } from '@lateral/spec';

/** Type constructors for the types expressions produce (nullable unless said otherwise). */
export const SqlTypes = {
  string: (nullable = true): DataType => ({ kind: 'STRING', nullable }),
  boolean: (nullable = true): DataType => ({ kind: 'BOOLEAN', nullable }),
  int: (nullable = true): DataType => ({ kind: 'INT', nullable }),
  bigint: (nullable = true): DataType => ({ kind: 'BIGINT', nullable }),
  double: (nullable = true): DataType => ({ kind: 'DOUBLE', nullable }),
  decimal: (precision: number, scale: number, nullable = true): DataType => ({ kind: 'DECIMAL', precision, scale, nullable }),
  array: (element: DataType, nullable = true): DataType => ({ kind: 'ARRAY', element, nullable }),
  map: (key: DataType, value: DataType, nullable = true): DataType => ({ kind: 'MAP', key, value, nullable }),
} as const;

const CHARACTER = new Set(['STRING', 'VARCHAR', 'CHAR']);
const BINARY = new Set(['BYTES', 'BINARY', 'VARBINARY']);
const TEMPORAL = new Set(['DATE', 'TIME', 'TIMESTAMP']);

/** Widening order of the numeric types: a value converts implicitly only to an equal or higher rank. */
const NUMERIC_RANK: Record<string, number> = {
  TINYINT: 1,
  SMALLINT: 2,
  INT: 3,
  BIGINT: 4,
  DECIMAL: 5,
  FLOAT: 6,
  DOUBLE: 7,
};

/** Decimal digits an integer type needs, for the precision of DECIMAL results. */
const INTEGER_DIGITS: Record<string, number> = { TINYINT: 3, SMALLINT: 5, INT: 10, BIGINT: 19 };

/** Inclusive value ranges of the exact integer types (BIGINT is Java's 64-bit long). */
export const INTEGER_RANGE: Record<string, readonly [bigint, bigint]> = {
  TINYINT: [-128n, 127n],
  SMALLINT: [-32768n, 32767n],
  INT: [-2147483648n, 2147483647n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** The same ranges as numbers, for the fast path on plain numbers. */
export const INTEGER_NUMBER_RANGE: Record<string, readonly [number, number]> = Object.fromEntries(
  Object.entries(INTEGER_RANGE).map(([kind, [min, max]]) => [kind, [Number(min), Number(max)]]),
);

export const isCharacter = (t: DataType): boolean => CHARACTER.has(t.kind);
export const isBinary = (t: DataType): boolean => BINARY.has(t.kind);
export const isTemporal = (t: DataType): boolean => TEMPORAL.has(t.kind);
export const isNumeric = (t: DataType): boolean => t.kind in NUMERIC_RANK;
export const isExactInteger = (t: DataType): boolean => t.kind in INTEGER_DIGITS;
export const isBoolean = (t: DataType): boolean => t.kind === 'BOOLEAN';
/** Types whose values print naturally as text (used by Lateral's implicit to-STRING rule). */
export const isScalar = (t: DataType): boolean =>
  isCharacter(t) || isNumeric(t) || isBoolean(t) || isTemporal(t);

export const numericRank = (t: DataType): number => NUMERIC_RANK[t.kind] ?? 0;

export function withNullable(type: DataType, nullable: boolean): DataType {
  return type.nullable === nullable ? type : { ...type, nullable };
}

/** `INT`, `ARRAY<FLOAT>`, `VARCHAR(10)`: how types appear in messages (without NOT NULL noise). */
export function formatType(type: DataType): string {
  return printDataType(withNullable(type, true));
}

/** The type a mix of numeric operands widens to (`INT + DOUBLE` is DOUBLE). */
export function commonNumericType(a: DataType, b: DataType): DataType {
  const nullable = a.nullable || b.nullable;
  if (a.kind === 'DECIMAL' || b.kind === 'DECIMAL') {
    if (a.kind === 'DOUBLE' || b.kind === 'DOUBLE' || a.kind === 'FLOAT' || b.kind === 'FLOAT') {
      return SqlTypes.double(nullable);
    }
    const scale = Math.max(decimalScale(a), decimalScale(b));
    const integerDigits = Math.max(decimalIntegerDigits(a), decimalIntegerDigits(b));
    return SqlTypes.decimal(Math.min(38, integerDigits + scale), scale, nullable);
  }
  return withNullable(numericRank(a) >= numericRank(b) ? a : b, nullable);
}

/** DECIMAL(p, s) of an operand of decimal arithmetic: integers are DECIMAL(digits, 0). */
export function asDecimalType(t: DataType): { precision: number; scale: number } {
  if (t.kind === 'DECIMAL') return { precision: t.precision, scale: t.scale };
  return { precision: INTEGER_DIGITS[t.kind] ?? 19, scale: 0 };
}

/**
 * Flink's result type of DECIMAL arithmetic (LogicalTypeMerging): + and - keep the larger scale
 * with one more integer digit, * adds precisions and scales, / keeps at least 6 fraction digits,
 * % the smaller integer part; a precision above 38 gives up fraction digits (down to 6) first.
 */
export function decimalArithmeticType(op: string, a: DataType, b: DataType, nullable: boolean): DataType {
  const x = asDecimalType(a);
  const y = asDecimalType(b);
  let precision: number;
  let scale: number;
  switch (op) {
    case '*':
      precision = x.precision + y.precision;
      scale = x.scale + y.scale;
      break;
    case '/':
      scale = Math.max(6, x.scale + y.precision + 1);
      precision = x.precision - x.scale + y.scale + scale;
      break;
    case '%':
      scale = Math.max(x.scale, y.scale);
      precision = Math.min(x.precision - x.scale, y.precision - y.scale) + scale;
      break;
    default:
      scale = Math.max(x.scale, y.scale);
      precision = Math.max(x.precision - x.scale, y.precision - y.scale) + scale + 1;
  }
  if (precision > 38) {
    const integerDigits = precision - scale;
    scale = Math.max(38 - integerDigits, Math.min(scale, 6));
    precision = 38;
  }
  return SqlTypes.decimal(Math.max(precision, 1), scale, nullable);
}

export function decimalScale(t: DataType): number {
  return t.kind === 'DECIMAL' ? t.scale : 0;
}

function decimalIntegerDigits(t: DataType): number {
  if (t.kind === 'DECIMAL') return t.precision - t.scale;
  return INTEGER_DIGITS[t.kind] ?? 19;
}

/**
 * The type several values share (VALUES columns, CASE branches, COALESCE): numeric types widen,
 * character types become STRING; undefined when they have nothing in common. `undefined` entries
 * are untyped NULLs, which fit anything.
 */
export function commonType(types: Array<DataType | undefined>): DataType | undefined {
  const typed = types.filter((t): t is DataType => t !== undefined);
  const nullable = typed.length < types.length || typed.some((t) => t.nullable);
  if (typed.length === 0) return SqlTypes.string(true);
  let result = typed[0]!;
  for (const next of typed.slice(1)) {
    const merged = mergeTwo(result, next);
    if (!merged) return undefined;
    result = merged;
  }
  return withNullable(result, nullable);
}

function mergeTwo(a: DataType, b: DataType): DataType | undefined {
  if (isNumeric(a) && isNumeric(b)) return commonNumericType(a, b);
  if (isCharacter(a) && isCharacter(b)) {
    if (a.kind === b.kind && sameType(a, b)) return a;
    return SqlTypes.string(a.nullable || b.nullable);
  }
  if (isBinary(a) && isBinary(b)) return { kind: 'BYTES', nullable: a.nullable || b.nullable };
  if (a.kind === 'ARRAY' && b.kind === 'ARRAY') {
    const element = mergeTwo(a.element, b.element);
    return element ? SqlTypes.array(element, a.nullable || b.nullable) : undefined;
  }
  if (a.kind === 'DATE' && b.kind === 'TIMESTAMP') return b;
  if (a.kind === 'TIMESTAMP' && b.kind === 'DATE') return a;
  if (a.kind === b.kind && sameType(a, b)) return withNullable(a, a.nullable || b.nullable);
  return undefined;
}

/** Structural equality ignoring nullability. */
export function sameType(a: DataType, b: DataType): boolean {
  return formatType(a) === formatType(b);
}
