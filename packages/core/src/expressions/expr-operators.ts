import type { BinaryExpression, SourceLocation, UnaryExpression } from '@lateral/parser';
import type { DataType, Row } from '../types/schema.js';
import { castConverter, roundHalfUp } from './expr-cast.js';
import { isTypeImplicitlyCastable } from './expr-coerce.js';
import { compareValues } from './expr-compare.js';
import { compiled, type CompiledExpression } from './expr-compiled.js';
import { bindError, runtimeError } from './expr-errors.js';
import { likeMatcher } from './expr-like.js';
import {
  commonNumericType,
  decimalScale,
  formatType,
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
        return test(compareValues(readLeft(a), readRight(b)));
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
  const integer = isExactInteger(type);
  const scale = type.kind === 'DECIMAL' ? type.scale : undefined;
  const location = node.location;
  const op = arithmeticOperation(node.op, integer, type.kind === 'DECIMAL', location);
  const [l, r] = [left.evaluate, right.evaluate];
  return compiled(
    type,
    location,
    (row) => {
      const x = l(row);
      if (x === null) return null;
      const y = r(row);
      if (y === null) return null;
      const result = op(x as number, y as number);
      return scale === undefined ? result : roundHalfUp(result, scale);
    },
    [left, right],
  );
}

function arithmeticType(op: string, a: DataType, b: DataType): DataType {
  const common = commonNumericType(a, b);
  if (common.kind !== 'DECIMAL') return common;
  if (op === '*') return SqlTypes.decimal(38, Math.min(38, decimalScale(a) + decimalScale(b)), common.nullable);
  if (op === '/') return SqlTypes.decimal(38, Math.max(6, decimalScale(a)), common.nullable);
  return common;
}

function arithmeticOperation(op: string, integer: boolean, decimal: boolean, location: SourceLocation): (x: number, y: number) => number {
  // Exact types fail on a zero divisor like Java's ArithmeticException; DOUBLE gives Infinity/NaN.
  const exact = integer || decimal;
  const checkZero = (y: number): void => {
    if (exact && y === 0) throw runtimeError(new Error('Division by zero'), location);
  };
  switch (op) {
    case '+':
      return (x, y) => x + y;
    case '-':
      return (x, y) => x - y;
    case '*':
      return (x, y) => x * y;
    case '/':
      return integer
        ? (x, y) => (checkZero(y), Math.trunc(x / y) || 0)
        : (x, y) => (checkZero(y), x / y);
    default:
      return (x, y) => (checkZero(y), x % y);
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
  return compiled(operand.type, node.location, (row) => {
    const v = evaluate(row);
    return v === null ? null : v === 0 ? 0 : -(v as number);
  }, [operand]);
}
