import type { BinaryExpression, SourceLocation, UnaryExpression } from '@lateral/parser';
import type { DataType, Row } from '@lateral/spec';
import { castConverter } from './expr-cast.js';
import { isTypeImplicitlyCastable } from './expr-coerce.js';
import { compareValues } from './expr-compare.js';
import {
  canonicalDecimal,
  canonicalInteger,
  compareNumbers,
  divideHalfUp,
  fitsPrecision,
  pow10,
  rescale,
  toBigInt,
  toDouble,
  toScaled,
  type Scaled,
} from './expr-exact.js';
import { compiled, type CompiledExpression } from './expr-compiled.js';
import { bindError, runtimeError } from './expr-errors.js';
import { likeMatcher } from './expr-like.js';
import {
  commonNumericType,
  decimalArithmeticType,
  formatType,
  INTEGER_NUMBER_RANGE,
  INTEGER_RANGE,
  isBinary,
  isBoolean,
  isCharacter,
  isExactInteger,
  isNumeric,
  isTemporal,
  SqlTypes,
  withNullable,
} from './expr-types.js';

type Evaluate = (row: Row) => unknown;

function mismatch(op: string, left: CompiledExpression, right: CompiledExpression, location: SourceLocation): Error {
  return bindError(
    'LATERAL_ERR_BIND_TYPE_MISMATCH',
    `Cannot apply '${op}' to arguments of type ${formatType(left.type)} and ${formatType(right.type)}`,
    location,
  );
}

/** An untyped NULL operand takes the other operand's type, so `x = NULL` type-checks (and is NULL). */
function typeOf(expr: CompiledExpression, other: CompiledExpression): DataType {
  return expr.untypedNull && !other.untypedNull ? withNullable(other.type, true) : expr.type;
}

export function compileBinary(node: BinaryExpression, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  switch (node.op) {
    case 'AND':
    case 'OR':
      return logical(node, left, right);
    case '||':
      return concatenation(node, left, right);
    case 'LIKE':
    case 'NOT LIKE':
      return like(node, left, right);
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return comparison(node, left, right);
    default:
      return arithmetic(node, left, right);
  }
}

function logical(node: BinaryExpression, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  for (const side of [left, right]) {
    if (!side.untypedNull && !isBoolean(side.type)) {
      throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `${node.op} needs BOOLEAN operands, got ${formatType(side.type)}`, side.location);
    }
  }
  const [l, r] = [left.evaluate, right.evaluate];
  const type = SqlTypes.boolean(left.type.nullable || right.type.nullable || !!left.untypedNull || !!right.untypedNull);
  // Three-valued logic: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, otherwise NULL wins.
  const evaluate: Evaluate =
    node.op === 'AND'
      ? (row) => {
          const a = l(row);
          if (a === false) return false;
          const b = r(row);
          if (b === false) return false;
          return a === null || b === null ? null : true;
        }
      : (row) => {
          const a = l(row);
          if (a === true) return true;
          const b = r(row);
          if (b === true) return true;
          return a === null || b === null ? null : false;
        };
  return compiled(type, node.location, evaluate, [left, right]);
}

function concatenation(node: BinaryExpression, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  const toText = (side: CompiledExpression): ((value: unknown) => unknown) => {
    if (side.untypedNull) return (value) => value;
    const converter = isTypeImplicitlyCastable(side.type, SqlTypes.string(), 'argument') ? castConverter(side.type, SqlTypes.string()) : undefined;
    if (!converter) throw mismatch('||', left, right, node.location);
    return converter;
  };
  const [lText, rText] = [toText(left), toText(right)];
  const [l, r] = [left.evaluate, right.evaluate];
  const type = SqlTypes.string(left.type.nullable || right.type.nullable || !!left.untypedNull || !!right.untypedNull);
  return compiled(
    type,
    node.location,
    (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      return (lText(a) as string) + (rText(b) as string);
    },
    [left, right],
  );
}

function like(node: BinaryExpression, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  for (const side of [left, right]) {
    if (!side.untypedNull && !isCharacter(side.type)) throw mismatch(node.op, left, right, node.location);
  }
  const match = likeMatcher();
  const negated = node.op === 'NOT LIKE';
  const [l, r] = [left.evaluate, right.evaluate];
  return compiled(
    SqlTypes.boolean(left.type.nullable || right.type.nullable),
    node.location,
    (row) => {
      const text = l(row);
      const pattern = r(row);
      if (text === null || pattern === null) return null;
      return match(text as string, pattern as string) !== negated;
    },
    [left, right],
  );
}

/** How a comparison reads its operands, or undefined when the types cannot be compared. */
function comparableOperands(a: DataType, b: DataType): [(v: unknown) => unknown, (v: unknown) => unknown] | undefined {
  const same = (v: unknown): unknown => v;
  if (isNumeric(a) && isNumeric(b)) return [same, same];
  if (isCharacter(a) && isCharacter(b)) return [same, same];
  if (isBoolean(a) && isBoolean(b)) return [same, same];
  if (isBinary(a) && isBinary(b)) return [same, same];
  if (isTemporal(a) && a.kind === b.kind) return [same, same];
  if (a.kind === 'DATE' && b.kind === 'TIMESTAMP') return [castConverter(a, b)!, same];
  if (a.kind === 'TIMESTAMP' && b.kind === 'DATE') return [same, castConverter(b, a)!];
  // Text against a date/time reads the text as that type (`d > '2024-01-01'`).
  if (isTemporal(a) && isCharacter(b)) return [same, castConverter(b, a)!];
  if (isCharacter(a) && isTemporal(b)) return [castConverter(a, b)!, same];
  if (a.kind === 'ARRAY' && b.kind === 'ARRAY') return comparableOperands(a.element, b.element) && [same, same];
  if ((a.kind === 'MAP' || a.kind === 'ROW') && a.kind === b.kind) return [same, same];
  return undefined;
}

function comparison(node: BinaryExpression, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  const operands = comparableOperands(typeOf(left, right), typeOf(right, left));
  if (!operands) throw mismatch(node.op, left, right, node.location);
  const [readLeft, readRight] = operands;
  const test = comparisonTest(node.op);
  const order = isNumeric(typeOf(left, right)) ? compareNumbers : compareValues;
  const [l, r] = [left.evaluate, right.evaluate];
  const location = node.location;
  return compiled(
    SqlTypes.boolean(left.type.nullable || right.type.nullable || !!left.untypedNull || !!right.untypedNull),
    location,
    (row) => {
      const a = l(row);
      if (a === null) return null;
      const b = r(row);
      if (b === null) return null;
      try {
        return test(order(readLeft(a), readRight(b)));
      } catch (error) {
        throw runtimeError(error, location);
      }
    },
    [left, right],
  );
}

function comparisonTest(op: string): (order: number) => boolean {
  switch (op) {
    case '=':
      return (o) => o === 0;
    case '<>':
      return (o) => o !== 0;
    case '<':
      return (o) => o < 0;
    case '<=':
      return (o) => o <= 0;
    case '>':
      return (o) => o > 0;
    default:
      return (o) => o >= 0;
  }
}

function arithmetic(node: BinaryExpression, left: CompiledExpression, right: CompiledExpression): CompiledExpression {
  const [a, b] = [typeOf(left, right), typeOf(right, left)];
  if (!isNumeric(a) || !isNumeric(b)) throw mismatch(node.op, left, right, node.location);
  const type = arithmeticType(node.op, a, b);
  const location = node.location;
  const op = isExactInteger(type)
    ? integerArithmetic(node.op, type.kind, location)
    : type.kind === 'DECIMAL'
      ? decimalArithmetic(node.op, type.precision, type.scale, location)
      : doubleArithmetic(node.op);
  const [l, r] = [left.evaluate, right.evaluate];
  return compiled(
    type,
    location,
    (row) => {
      const x = l(row);
      if (x === null) return null;
      const y = r(row);
      if (y === null) return null;
      return op(x, y);
    },
    [left, right],
  );
}

function arithmeticType(op: string, a: DataType, b: DataType): DataType {
  const common = commonNumericType(a, b);
  if (common.kind !== 'DECIMAL') return common;
  return decimalArithmeticType(op, a, b, common.nullable);
}

type Arithmetic = (x: unknown, y: unknown) => unknown;

function divisionByZero(location: SourceLocation): never {
  throw runtimeError(new Error('Division by zero'), location);
}

function overflow(kind: string, location: SourceLocation): never {
  throw runtimeError(new Error(`Arithmetic overflow: the result does not fit ${kind}`), location);
}

/** FLOAT/DOUBLE: IEEE arithmetic (a zero divisor gives Infinity or NaN). */
function doubleArithmetic(op: string): Arithmetic {
  switch (op) {
    case '+':
      return (x, y) => toDouble(x) + toDouble(y);
    case '-':
      return (x, y) => toDouble(x) - toDouble(y);
    case '*':
      return (x, y) => toDouble(x) * toDouble(y);
    case '/':
      return (x, y) => toDouble(x) / toDouble(y);
    default:
      return (x, y) => toDouble(x) % toDouble(y);
  }
}

/**
 * TINYINT..BIGINT: plain numbers while the result is a safe integer, bigint beyond; a result
 * outside the type's range is an error (Java would wrap around silently).
 */
function integerArithmetic(op: string, kind: string, location: SourceLocation): Arithmetic {
  const [min, max] = INTEGER_RANGE[kind]!;
  const [minNumber, maxNumber] = INTEGER_NUMBER_RANGE[kind]!;
  const onNumbers: (x: number, y: number) => number = (() => {
    switch (op) {
      case '+':
        return (x, y) => x + y;
      case '-':
        return (x, y) => x - y;
      case '*':
        return (x, y) => x * y;
      case '/':
        return (x, y) => (y === 0 ? divisionByZero(location) : Math.trunc(x / y) || 0);
      default:
        return (x, y) => (y === 0 ? divisionByZero(location) : x % y || 0);
    }
  })();
  const onBigints: (x: bigint, y: bigint) => bigint = (() => {
    switch (op) {
      case '+':
        return (x, y) => x + y;
      case '-':
        return (x, y) => x - y;
      case '*':
        return (x, y) => x * y;
      case '/':
        return (x, y) => (y === 0n ? divisionByZero(location) : x / y);
      default:
        return (x, y) => (y === 0n ? divisionByZero(location) : x % y);
    }
  })();
  return (x, y) => {
    if (typeof x === 'number' && typeof y === 'number') {
      const result = onNumbers(x, y);
      if (Number.isSafeInteger(result)) return result < minNumber || result > maxNumber ? overflow(kind, location) : result;
    }
    const result = onBigints(toBigInt(x), toBigInt(y));
    return result < min || result > max ? overflow(kind, location) : canonicalInteger(result);
  };
}

/** DECIMAL(p, s): exact on bigint-scaled values, rounded HALF_UP to the result scale. */
function decimalArithmetic(op: string, precision: number, scale: number, location: SourceLocation): Arithmetic {
  const result = (unscaled: bigint): number | string =>
    fitsPrecision(unscaled, precision) ? canonicalDecimal(unscaled, scale) : overflow(`DECIMAL(${precision}, ${scale})`, location);
  const aligned = (x: Scaled, y: Scaled): [bigint, bigint, number] => {
    const common = Math.max(x.scale, y.scale);
    return [rescale(x, common), rescale(y, common), common];
  };
  switch (op) {
    case '+':
    case '-':
      return (x, y) => {
        const [u, v, common] = aligned(toScaled(x), toScaled(y));
        return result(rescale({ unscaled: op === '+' ? u + v : u - v, scale: common }, scale));
      };
    case '*':
      return (x, y) => {
        const [p, q] = [toScaled(x), toScaled(y)];
        return result(rescale({ unscaled: p.unscaled * q.unscaled, scale: p.scale + q.scale }, scale));
      };
    case '/':
      return (x, y) => {
        const [p, q] = [toScaled(x), toScaled(y)];
        if (q.unscaled === 0n) return divisionByZero(location);
        // (p.u / 10^p.s) / (q.u / 10^q.s) * 10^scale
        const shift = scale - p.scale + q.scale;
        const quotient =
          shift >= 0 ? divideHalfUp(p.unscaled * pow10(shift), q.unscaled) : divideHalfUp(p.unscaled, q.unscaled * pow10(-shift));
        return result(quotient);
      };
    default:
      return (x, y) => {
        const [u, v, common] = aligned(toScaled(x), toScaled(y));
        if (v === 0n) return divisionByZero(location);
        return result(rescale({ unscaled: u % v, scale: common }, scale));
      };
  }
}

export function compileUnary(node: UnaryExpression, operand: CompiledExpression): CompiledExpression {
  const evaluate = operand.evaluate;
  if (node.op === 'NOT') {
    if (!operand.untypedNull && !isBoolean(operand.type)) {
      throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `NOT needs a BOOLEAN operand, got ${formatType(operand.type)}`, node.location);
    }
    return compiled(SqlTypes.boolean(operand.type.nullable), node.location, (row) => {
      const v = evaluate(row);
      return v === null ? null : !v;
    }, [operand]);
  }
  if (!operand.untypedNull && !isNumeric(operand.type)) {
    throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `Cannot negate a value of type ${formatType(operand.type)}`, node.location);
  }
  const negate = negation(operand.type, node.location);
  return compiled(operand.type, node.location, (row) => {
    const v = evaluate(row);
    return v === null ? null : negate(v);
  }, [operand]);
}

/** Unary minus: exact types stay exact; negating the smallest integer of a type overflows. */
function negation(type: DataType, location: SourceLocation): (value: unknown) => unknown {
  if (isExactInteger(type)) {
    const [min, max] = INTEGER_RANGE[type.kind]!;
    const [smallest] = INTEGER_NUMBER_RANGE[type.kind]!;
    return (v) => {
      if (typeof v === 'number' && v !== smallest) return v === 0 ? 0 : -v;
      const negated = -toBigInt(v);
      return negated < min || negated > max ? overflow(type.kind, location) : canonicalInteger(negated);
    };
  }
  if (type.kind === 'DECIMAL') {
    // the text form of a DECIMAL negates by its sign (it is never zero)
    return (v) => (typeof v === 'number' ? (v === 0 ? 0 : -v) : (v as string).startsWith('-') ? (v as string).slice(1) : `-${v as string}`);
  }
  return (v) => (v === 0 ? 0 : -(v as number));
}
