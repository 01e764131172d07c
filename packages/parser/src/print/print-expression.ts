import type { BinaryExpression, BinaryOperator, Expression } from '../ast.js';
import { printDataType } from './print-data-type.js';
import { printIdentifier, printModelRefName, printStringLiteral } from './print-name.js';

// Binding strength, loosest first; mirrors the grammar (src/grammar/expression.peggy).
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARISON = 4;
const ADDITIVE = 5;
const MULTIPLICATIVE = 6;
const UNARY_MINUS = 7;
const PRIMARY = 8;

const BINARY_PRECEDENCE: Record<BinaryOperator, number> = {
  OR,
  AND,
  '=': COMPARISON,
  '<>': COMPARISON,
  '<': COMPARISON,
  '<=': COMPARISON,
  '>': COMPARISON,
  '>=': COMPARISON,
  LIKE: COMPARISON,
  'NOT LIKE': COMPARISON,
  '||': ADDITIVE,
  '+': ADDITIVE,
  '-': ADDITIVE,
  '*': MULTIPLICATIVE,
  '/': MULTIPLICATIVE,
  '%': MULTIPLICATIVE,
};

function precedence(expression: Expression): number {
  switch (expression.type) {
    case 'binary':
      return BINARY_PRECEDENCE[expression.op];
    case 'unary':
      return expression.op === 'NOT' ? NOT : UNARY_MINUS;
    case 'is_null':
      return COMPARISON;
    default:
      return PRIMARY;
  }
}

/** Prints `expression`, parenthesised when it binds looser than `minimum`. */
function printOperand(expression: Expression, minimum: number): string {
  const text = printExpression(expression);
  return precedence(expression) < minimum ? `(${text})` : text;
}

/** An expression in canonical form, with only the parentheses the precedence rules need. */
export function printExpression(expression: Expression): string {
  switch (expression.type) {
    case 'literal':
      return printLiteral(expression.valueType, expression.value, expression.raw);
    case 'column':
      return expression.qualifier === undefined
        ? printIdentifier(expression.name)
        : `${printIdentifier(expression.qualifier)}.${printIdentifier(expression.name)}`;
    case 'binary':
      return printBinaryChain(expression);
    case 'unary':
      if (expression.op === 'NOT') return `NOT ${printOperand(expression.operand, NOT)}`;
      // `- -x` must not print as `--x`, which is a comment; nor as `-(-x)`, which would nest one
      // level deeper than the source for each sign (and a long run past the parser's limit).
      if (expression.operand.type === 'unary' && expression.operand.op === '-') return `- ${printExpression(expression.operand)}`;
      return expression.operand.type === 'unary'
        ? `-(${printExpression(expression.operand)})`
        : `-${printOperand(expression.operand, UNARY_MINUS)}`;
    case 'is_null':
      return `${printOperand(expression.operand, COMPARISON + 1)} IS ${expression.negated ? 'NOT NULL' : 'NULL'}`;
    case 'cast':
      return `${expression.safe ? 'TRY_CAST' : 'CAST'}(${printExpression(expression.expr)} AS ${printDataType(expression.dataType)})`;
    case 'call':
      return `${expression.name}(${expression.args.map(printExpression).join(', ')})`;
    case 'model_ref':
      return printModelRefName(expression.name, expression.style);
    case 'map':
      return `MAP[${expression.entries.map((entry) => `${printExpression(entry.key)}, ${printExpression(entry.value)}`).join(', ')}]`;
    case 'array':
      return `ARRAY[${expression.elements.map(printExpression).join(', ')}]`;
    case 'case': {
      const parts = ['CASE'];
      if (expression.operand !== undefined) parts.push(printExpression(expression.operand));
      for (const branch of expression.whens) {
        parts.push(`WHEN ${printExpression(branch.when)} THEN ${printExpression(branch.then)}`);
      }
      if (expression.else !== undefined) parts.push(`ELSE ${printExpression(expression.else)}`);
      parts.push('END');
      return parts.join(' ');
    }
  }
}

/**
 * A binary expression and the binary expressions down its left side (`a OR b OR c …` is a
 * left-deep tree as long as the chain), printed in a loop so a chain of any length prints without
 * recursing once per operator.
 */
function printBinaryChain(expression: BinaryExpression): string {
  const chain: BinaryExpression[] = [];
  let leftmost: Expression = expression;
  while (leftmost.type === 'binary') {
    chain.push(leftmost);
    leftmost = leftmost.left;
  }
  let text = printExpression(leftmost);
  let left: Expression = leftmost;
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const node = chain[index]!;
    const level = BINARY_PRECEDENCE[node.op];
    // Operators fold to the left, and comparisons do not chain, so a right operand of the
    // same strength (and a left comparison operand) needs parentheses.
    const leftMinimum = level === COMPARISON ? level + 1 : level;
    const leftText = precedence(left) < leftMinimum ? `(${text})` : text;
    text = `${leftText} ${node.op} ${printOperand(node.right, level + 1)}`;
    left = node;
  }
  return text;
}

function printLiteral(valueType: string, value: string | number | boolean | null, raw: string | undefined): string {
  switch (valueType) {
    case 'string':
      return printStringLiteral(String(value));
    case 'number':
      return raw ?? String(value);
    case 'boolean':
      return value === true ? 'TRUE' : 'FALSE';
    default:
      return 'NULL';
  }
}
