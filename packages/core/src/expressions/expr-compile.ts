import type { ArrayConstructor, CaseExpression, Expression, Literal, MapConstructor, SourceLocation } from '@lateral/parser';
import type { Row } from '@lateral/spec';
import { castExpression, coerceExpression } from './expr-coerce.js';
import { compileBinaryChain } from './expr-compile-chain.js';
import { compiled, constantExpression, type CompiledExpression, type ExpressionScope } from './expr-compiled.js';
import { bindError } from './expr-errors.js';
import { canonicalDecimal, canonicalInteger, MAX_DECIMAL_PRECISION, parseDecimalText } from './expr-exact.js';
import { formatValue } from './expr-format-value.js';
import { checkScalarCall, compileFunctionCall } from './expr-functions.js';
import { compileBinary, compileUnary } from './expr-operators.js';
import { commonType, formatType, INTEGER_RANGE, isBoolean, isCharacter, SqlTypes, withNullable } from './expr-types.js';

/**
 * Compiles an AST expression into a closure over positional rows, resolving column names through
 * `scope` and checking types now, so evaluation per row does no lookups and no type checks.
 * Throws located LateralErrors (unknown column or function, type mismatch).
 */
export function compileExpression(expr: Expression, scope: ExpressionScope): CompiledExpression {
  switch (expr.type) {
    case 'literal':
      return compileLiteral(expr);
    case 'column': {
      const { index, type } = scope.resolveColumn(expr);
      return { type, location: expr.location, evaluate: (row: Row) => row[index] ?? null };
    }
    case 'binary':
      return compileBinaryChain(expr, (operand) => compileExpression(operand, scope));
    case 'unary':
      // `-9223372036854775808` is one literal (as in Flink), not the negation of a DECIMAL.
      if (expr.op === '-' && expr.operand.type === 'literal' && expr.operand.valueType === 'number') {
        return compileNumericLiteral(`-${expr.operand.raw ?? String(expr.operand.value)}`, expr.location);
      }
      return compileUnary(expr, compileExpression(expr.operand, scope));
    case 'is_null': {
      const operand = compileExpression(expr.operand, scope);
      const evaluate = operand.evaluate;
      const negated = expr.negated;
      return compiled(SqlTypes.boolean(false), expr.location, (row) => (evaluate(row) === null) !== negated, [operand]);
    }
    case 'cast':
      return castExpression(compileExpression(expr.expr, scope), expr.dataType, expr.safe, expr.location);
    case 'call':
      checkScalarCall(expr, scope);
      return compileFunctionCall(expr, expr.args.map((arg) => compileExpression(arg, scope)));
    case 'case':
      return compileCase(expr, scope);
    case 'array':
      return compileArray(expr, scope);
    case 'map':
      return compileMap(expr, scope);
    case 'model_ref':
      throw bindError(
        'LATERAL_ERR_BIND_UNSUPPORTED',
        'A model name is only allowed as the first argument of ML_PREDICT, AI_COMPLETE or AI_EMBEDDING',
        expr.location,
      );
  }
}

function compileLiteral(literal: Literal): CompiledExpression {
  switch (literal.valueType) {
    case 'null':
      return { type: SqlTypes.string(true), location: literal.location, evaluate: () => null, constant: { value: null }, untypedNull: true };
    case 'string':
      return constantExpression(SqlTypes.string(false), literal.location, literal.value);
    case 'boolean':
      return constantExpression(SqlTypes.boolean(false), literal.location, literal.value);
    case 'number':
      return compileNumericLiteral(literal.raw ?? String(literal.value), literal.location);
  }
}

/**
 * Types a number literal from its text, as Flink does: an integer is INT when it fits, else
 * BIGINT, else DECIMAL(digits, 0); `1.50` is DECIMAL(3, 2); `1e3` is DOUBLE. The value keeps
 * every digit (expr-exact.ts).
 */
function compileNumericLiteral(raw: string, location: SourceLocation): CompiledExpression {
  if (/[eE]/.test(raw)) return constantExpression(SqlTypes.double(false), location, Number(raw));
  const parsed = parseDecimalText(raw)!;
  const [whole = '', fraction] = raw.replace(/^[+-]/, '').split('.');
  if (fraction === undefined) {
    const n = parsed.unscaled;
    const [intMin, intMax] = INTEGER_RANGE['INT']!;
    if (n >= intMin && n <= intMax) return constantExpression(SqlTypes.int(false), location, Number(n));
    const [min, max] = INTEGER_RANGE['BIGINT']!;
    if (n >= min && n <= max) return constantExpression(SqlTypes.bigint(false), location, canonicalInteger(n));
  }
  const digits = Math.max((whole.replace(/^0+/, '') + (fraction ?? '')).length, fraction?.length ?? 0, 1);
  if (digits > MAX_DECIMAL_PRECISION) {
    throw bindError(
      'LATERAL_ERR_BIND_TYPE_MISMATCH',
      `The number literal ${raw} has ${digits} digits; DECIMAL holds at most ${MAX_DECIMAL_PRECISION}`,
      location,
    );
  }
  const type = SqlTypes.decimal(digits, parsed.scale, false);
  return constantExpression(type, location, canonicalDecimal(parsed.unscaled, parsed.scale));
}

function compileCase(expr: CaseExpression, scope: ExpressionScope): CompiledExpression {
  const operand = expr.operand && compileExpression(expr.operand, scope);
  const conditions = expr.whens.map(({ when }) => {
    const compiledWhen = compileExpression(when, scope);
    if (operand) return compileBinary({ type: 'binary', op: '=', left: when, right: when, location: when.location }, operand, compiledWhen);
    if (!compiledWhen.untypedNull && !isBoolean(compiledWhen.type)) {
      throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `A WHEN condition must be BOOLEAN, got ${formatType(compiledWhen.type)}`, when.location);
    }
    return compiledWhen;
  });
  const results = [...expr.whens.map(({ then }) => compileExpression(then, scope)), ...(expr.else ? [compileExpression(expr.else, scope)] : [])];
  const shared = commonType(results.map((r) => (r.untypedNull ? undefined : r.type)));
  if (!shared) {
    const types = results.map((r) => formatType(r.type)).join(', ');
    throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `The branches of CASE have no common type: ${types}`, expr.location);
  }
  const type = withNullable(shared, shared.nullable || expr.else === undefined);
  const branches = results.map((r) => coerceExpression(r, withNullable(shared, true)).evaluate);
  const tests = conditions.map((c) => c.evaluate);
  const otherwise = expr.else ? branches[branches.length - 1]! : () => null;
  return compiled(
    type,
    expr.location,
    (row) => {
      for (let i = 0; i < tests.length; i++) if (tests[i]!(row) === true) return branches[i]!(row);
      return otherwise(row);
    },
    [...conditions, ...results],
  );
}

function compileArray(expr: ArrayConstructor, scope: ExpressionScope): CompiledExpression {
  if (expr.elements.length === 0) {
    throw bindError('LATERAL_ERR_BIND_ARGUMENTS', 'ARRAY[] needs at least one element', expr.location);
  }
  const elements = expr.elements.map((e) => compileExpression(e, scope));
  const element = commonType(elements.map((e) => (e.untypedNull ? undefined : e.type)));
  if (!element) {
    throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', `The elements of ARRAY have no common type: ${elements.map((e) => formatType(e.type)).join(', ')}`, expr.location);
  }
  const evaluates = elements.map((e) => coerceExpression(e, withNullable(element, true)).evaluate);
  return compiled(SqlTypes.array(element, false), expr.location, (row) => evaluates.map((evaluate) => evaluate(row)), elements);
}

/** MAP values are plain objects, so keys become text (a non-text key prints as it would when CAST). */
function compileMap(expr: MapConstructor, scope: ExpressionScope): CompiledExpression {
  const keys = expr.entries.map((e) => compileExpression(e.key, scope));
  const values = expr.entries.map((e) => compileExpression(e.value, scope));
  const keyType = commonType(keys.map((k) => (k.untypedNull ? undefined : k.type)));
  const valueType = commonType(values.map((v) => (v.untypedNull ? undefined : v.type)));
  if (!keyType || !valueType) {
    throw bindError('LATERAL_ERR_BIND_TYPE_MISMATCH', 'The keys or the values of MAP have no common type', expr.location);
  }
  const keyEvaluates = keys.map((k) => k.evaluate);
  const valueEvaluates = values.map((v) => coerceExpression(v, withNullable(valueType, true)).evaluate);
  const keyText = (key: unknown): string => (isCharacter(keyType) ? (key as string) : formatValue(key, keyType));
  return compiled(
    SqlTypes.map(withNullable(keyType, false), valueType, false),
    expr.location,
    (row) => {
      const result: Record<string, unknown> = {};
      for (let i = 0; i < keyEvaluates.length; i++) result[keyText(keyEvaluates[i]!(row))] = valueEvaluates[i]!(row);
      return result;
    },
    [...keys, ...values],
  );
}
