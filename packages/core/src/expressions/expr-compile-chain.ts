import type { BinaryExpression, Expression } from '@lateral/parser';
import type { Row } from '@lateral/spec';
import type { CompiledExpression } from './expr-compiled.js';
import { compileBinary } from './expr-operators.js';

/**
 * Up to this many operators a chain compiles into nested closures (each operator's evaluate calls
 * its left operand's); longer chains are evaluated step by step in a loop.
 */
const NESTED_CHAIN_LIMIT = 64;

/**
 * Compiles a binary expression and the binary expressions down its left side: the parser folds
 * `a OR b OR c …` and `1 + 2 + …` to the left, so generated SQL gives chains thousands of
 * operators long. The chain is walked in a loop rather than recursively, and a long one is
 * evaluated in a loop too: each operator reads its left value from a slot the previous step filled,
 * so neither binding nor evaluating a row recurses once per operator. Each operator is still
 * compiled by compileBinary, with the same types, checks, constant folding and evaluation order
 * (short-circuiting AND / OR skip their right operands as before).
 */
export function compileBinaryChain(expr: BinaryExpression, compileOperand: (operand: Expression) => CompiledExpression): CompiledExpression {
  const chain: BinaryExpression[] = [];
  let leftmost: Expression = expr;
  while (leftmost.type === 'binary') {
    chain.push(leftmost);
    leftmost = leftmost.left;
  }
  let result = compileOperand(leftmost);
  const nested = chain.length <= NESTED_CHAIN_LIMIT;
  const stages: Array<{ slot: { value: unknown }; evaluate: (row: Row) => unknown }> = [];
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const node = chain[index]!;
    const right = compileOperand(node.right);
    let left = result;
    // A constant left side is already a value (folded at bind time): nothing to stage.
    if (!nested && result.constant === undefined) {
      const slot: { value: unknown } = { value: null };
      stages.push({ slot, evaluate: result.evaluate });
      left = { type: result.type, location: result.location, evaluate: () => slot.value, ...(result.untypedNull ? { untypedNull: true } : {}) };
    }
    result = compileBinary(node, left, right);
  }
  if (stages.length === 0) return result;
  const last = result.evaluate;
  const evaluate = (row: Row): unknown => {
    for (const stage of stages) stage.slot.value = stage.evaluate(row);
    return last(row);
  };
  return { type: result.type, location: result.location, evaluate, ...(result.untypedNull ? { untypedNull: true } : {}) };
}
