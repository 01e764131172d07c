import { describe, expect, it } from 'vitest';
import type { BinaryExpression, Expression, QueryStatement, SelectExpression, SelectQuery } from '../src/index.js';
import { MAX_NESTING_DEPTH, measureNesting, parse, parseStatement, printExpression, SqlSyntaxError, SqlTooDeepError } from '../src/index.js';

/** Issue 8 item 9 in the parser: flat chains of any length, true nesting up to a documented limit. */

function firstProjection(sql: string): Expression {
  const statement = parseStatement(sql) as QueryStatement;
  return ((statement.query as SelectQuery).projections[0] as SelectExpression).expr;
}

function tooDeep(sql: string): SqlTooDeepError {
  try {
    parse(sql, { source: 'deep.sql' });
  } catch (error) {
    expect(error).toBeInstanceOf(SqlTooDeepError);
    expect(error).toBeInstanceOf(SqlSyntaxError);
    return error as SqlTooDeepError;
  }
  throw new Error('expected SqlTooDeepError');
}

/** Depth of the left spine of a binary chain, walked in a loop. */
function spineLength(expression: Expression): number {
  let length = 0;
  for (let node = expression; node.type === 'binary'; node = (node as BinaryExpression).left) length += 1;
  return length;
}

describe('flat chains parse into left-deep trees and print back, however long', () => {
  it.each([
    // the leftmost OR / AND term is itself a comparison: one more binary node down the spine
    ['OR', (i: number) => `a = ${i}`, ' OR ', 20_000, 20_000],
    ['AND', (i: number) => `a <> ${i}`, ' AND ', 20_000, 20_000],
    ['+', (i: number) => String(i), ' + ', 20_000, 19_999],
    ['||', () => "'x'", ' || ', 20_000, 19_999],
    ['-', () => 'a', ' - ', 20_000, 19_999],
    ['*', () => 'a', ' * ', 20_000, 19_999],
  ])('%s: %i terms', (_op, term, separator, count, spine) => {
    const text = Array.from({ length: count }, (_, index) => term(index)).join(separator);
    const expression = firstProjection(`SELECT ${text} AS v`);
    expect(spineLength(expression)).toBe(spine);
    expect(printExpression(expression)).toBe(text);
  });

  it('keeps parentheses that change the meaning in a long chain', () => {
    const text = Array.from({ length: 5000 }, () => 'a - (b - c)').join(' - ');
    expect(printExpression(firstProjection(`SELECT ${text} AS v`))).toBe(text);
  });

  it('long VALUES lists, ARRAY and MAP constructors, and argument lists', () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `(${index}, 'r')`).join(', ');
    const script = parse(`INSERT INTO t VALUES ${rows}; SELECT CONCAT(${Array(5000).fill("'a'").join(', ')}) AS c, ARRAY[${Array(5000).fill(1).join(', ')}] AS a;`);
    expect(script.statements).toHaveLength(2);
  });
});

describe('nesting past MAX_NESTING_DEPTH is a SqlTooDeepError with line and column', () => {
  it('is documented as 256', () => {
    expect(MAX_NESTING_DEPTH).toBe(256);
  });

  it.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`, '('],
    ['calls', (n: number) => `${'UPPER('.repeat(n)}'a'${')'.repeat(n)}`, 'UPPER('],
    ['calls with blanks', (n: number) => `${'LOWER ( '.repeat(n)}'a'${')'.repeat(n)}`, 'LOWER ( '],
    ['CASE', (n: number) => `${'CASE WHEN TRUE THEN '.repeat(n)}1${' END'.repeat(n)}`, 'CASE WHEN TRUE THEN '],
    ['ARRAY[', (n: number) => `${'ARRAY['.repeat(n)}1${']'.repeat(n)}`, 'ARRAY['],
    ['MAP[', (n: number) => `${"MAP['k', ".repeat(n)}1${']'.repeat(n)}`, "MAP['k', "],
    ['CAST', (n: number) => `${'CAST('.repeat(n)}1${' AS INT)'.repeat(n)}`, 'CAST('],
    ['NOT', (n: number) => `${'NOT '.repeat(n)}TRUE`, 'NOT '],
    ['unary minus', (n: number) => `${'- '.repeat(n)}1`, '- '],
    ['minus and parentheses', (n: number) => `${'-('.repeat(n / 2)}1${')'.repeat(n / 2)}`, '-('],
  ])('%s: the limit parses, one more level does not', (_what, nest, unit) => {
    const prefix = '-- a comment\nSELECT ';
    expect(() => parse(`${prefix}${nest(MAX_NESTING_DEPTH)} AS x;`)).not.toThrow();
    const deep = `${prefix}${nest(MAX_NESTING_DEPTH * 40)} AS x;`;
    const error = tooDeep(deep);
    // the first construct past the limit (for `-(` pairs, the 129th `-(` holds levels 257 and 258)
    const unitsBefore = unit === '-(' ? MAX_NESTING_DEPTH / 2 : MAX_NESTING_DEPTH;
    expect([error.line, error.column]).toEqual([2, 'SELECT '.length + unitsBefore * unit.length + 1]);
    expect(error.source).toBe('deep.sql');
    expect(error.limit).toBe(MAX_NESTING_DEPTH);
    expect(error.message).toContain('deeper than 256 levels');
    expect(error.format()).toMatch(/^deep\.sql:2:\d+: /);
  });

  it('nested and postfix types in CREATE TABLE (the column list is the first level)', () => {
    expect(tooDeep(`CREATE TABLE t (a ${'ARRAY<'.repeat(3000)}INT${'>'.repeat(3000)});`).column).toBe(18 + 255 * 6 + 1);
    expect(tooDeep(`CREATE TABLE t (a ${'ROW<f '.repeat(3000)}INT${'>'.repeat(3000)});`).column).toBe(18 + 255 * 6 + 1);
    expect(tooDeep(`CREATE TABLE t (a INT${' ARRAY'.repeat(3000)});`).column).toBe(21 + 255 * 6 + 2);
    expect(() => parse(`CREATE TABLE t (a INT ARRAY, b INT ARRAY NOT NULL, c MAP<STRING, ARRAY<INT>>, d ROW<x INT>);`)).not.toThrow();
  });

  it('prefix operators stop counting where their operand ends, so chains of them are flat', () => {
    const terms = Array.from({ length: 10_000 }, (_, index) => `NOT -a = ${index} AND b IS NOT NULL AND c NOT LIKE 'x'`);
    expect(measureNesting(`SELECT 1 AS x WHERE ${terms.join(' OR ')};`).depth).toBe(2);
    expect(measureNesting(`SELECT ${Array(10_000).fill('-a').join(' - ')} AS x;`).depth).toBe(1);
    expect(measureNesting(`SELECT a < 1 OR a > 2 OR a <> 3 AS x FROM t;`).depth).toBe(0);
  });

  it('a column named row compared with < is not a ROW<…> type', () => {
    const terms = Array.from({ length: 1000 }, (_, index) => `row < ${index} OR row < x AND \`row\` < t.x OR row <y`);
    expect(measureNesting(`SELECT 1 AS x FROM t WHERE ${terms.join(' OR ')};`).depth).toBe(0);
    expect(measureNesting('CREATE TABLE t (a ROW<f INT, g ROW<`h h` ARRAY<STRING>>>);').depth).toBe(4);
  });

  it('a bracket closes what was left open inside it', () => {
    const unclosed = Array.from({ length: 1000 }, () => '(CAST(x AS ARRAY<INT) + (CASE WHEN a THEN 1))').join(' + ');
    expect(measureNesting(`SELECT ${unclosed};`).depth).toBeLessThan(5);
  });

    it('brackets inside string literals, quoted names and comments do not count', () => {
    const deep = '('.repeat(5000);
    expect(measureNesting(`SELECT '${deep}' AS \`${deep}\`, "${deep}" /* ${deep} */ -- ${deep}\n;`).depth).toBe(0);
  });

  it('an unbalanced or unterminated text is a syntax error, not a crash', () => {
    expect(() => parse(`SELECT ${')'.repeat(5000)}`)).toThrow(SqlSyntaxError);
    expect(() => parse(`SELECT '${'('.repeat(5000)}`)).toThrow(/unterminated string literal/);
    expect(() => parse(`SELECT /* ${'('.repeat(5000)}`)).toThrow(/unterminated block comment/);
  });
});
