import { describe, expect, it } from 'vitest';
import type { SelectQuery } from '../src/index.js';
import { parseStatement } from '../src/index.js';
import { expectRoundTrip } from './support/round-trip.js';

/**
 * Number literals keep their exact source text (`raw`), which the engine types and evaluates
 * exactly (BIGINT beyond 2^53, DECIMAL with every digit); `value` is only a double's approximation.
 */
function projection(sql: string): unknown {
  const statement = parseStatement(sql);
  if (statement.type !== 'query' || statement.query.type !== 'select') throw new Error('not a SELECT');
  return (statement.query as SelectQuery).projections[0]!.expr;
}

describe('number literals', () => {
  it.each([
    ['9223372036854775807', 9223372036854775807],
    ['9007199254740993', 9007199254740992],
    ['123456789012345678.12', 123456789012345678.12],
    ['00012.3400', 12.34],
    ['.5', 0.5],
    ['1E400', Infinity],
  ])('%s keeps its digits', (raw, value) => {
    expect(projection(`SELECT ${raw}`)).toMatchObject({ type: 'literal', valueType: 'number', raw, value });
  });

  it('a negative literal is a minus applied to the digits', () => {
    expect(projection('SELECT -9223372036854775808')).toMatchObject({
      type: 'unary',
      op: '-',
      operand: { type: 'literal', raw: '9223372036854775808' },
    });
  });

  it.each([
    ['SELECT 9223372036854775807', 'SELECT 9223372036854775807'],
    ['SELECT CAST(123456789012345678.12 AS DECIMAL(20,2))', 'SELECT CAST(123456789012345678.12 AS DECIMAL(20, 2))'],
    ['SELECT -9223372036854775808', 'SELECT -9223372036854775808'],
  ])('%s prints with every digit', expectRoundTrip);
});
