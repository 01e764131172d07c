import { describe, expect, it } from 'vitest';
import { createContext, failure, query } from './query-fixtures.js';

const context = createContext({ dataDir: '/nonexistent-lateral-dir' });
const value = async (expression: string): Promise<unknown> => (await query(context, `SELECT ${expression}`)).rows[0]![0];
const typeOf = async (expression: string): Promise<string> => (await query(context, `SELECT ${expression}`)).columns[0]!.dataType.kind;

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 / 2', 3],
    ['-7 / 2', -3],
    ['7 % 3', 1],
    ['7.0 / 2', 3.5],
    ['0.1 + 0.2', 0.3],
    ['1.5 * 2', 3],
    ['1e1 / 4', 2.5],
    ['-(3 - 5)', 2],
  ])('%s = %s', async (expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });

  it('types results by widening', async () => {
    expect(await typeOf('1 + 2')).toBe('INT');
    expect(await typeOf('1 + 2.5')).toBe('DECIMAL');
    expect(await typeOf('1 + 1e0')).toBe('DOUBLE');
    expect(await typeOf('CAST(1 AS BIGINT) + 1')).toBe('BIGINT');
  });

  it('propagates NULL', async () => {
    expect(await value('1 + NULL')).toBeNull();
    expect(await value("NULL || 'a'")).toBeNull();
  });

  it('fails on integer division by zero with the location', async () => {
    const error = await failure(query(context, 'SELECT 1,\n 10 / 0'));
    expect(error.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect(error.message).toContain('Division by zero');
    expect(error.location?.start).toMatchObject({ line: 2, column: 2 });
  });

  it('refuses arithmetic on text', async () => {
    const error = await failure(query(context, "SELECT 'a' + 1"));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
    expect(error.message).toContain("Cannot apply '+' to arguments of type STRING and INT");
  });
});

describe('concatenation and comparison', () => {
  it('concatenates text, printing numbers and booleans', async () => {
    expect(await value("'a' || 'b' || 'c'")).toBe('abc');
    expect(await value("'n=' || 3")).toBe('n=3');
    expect(await value("'ok ' || TRUE")).toBe('ok TRUE');
  });

  it.each([
    ['1 < 2', true],
    ['2 <= 1', false],
    ["'b' > 'a'", true],
    ['1 = 1.0', true],
    ['1 <> 1', false],
    ['1 != 2', true],
    ["CAST('2024-01-02' AS DATE) > '2024-01-01'", true],
    ['TRUE = FALSE', false],
    ['ARRAY[1, 2] = ARRAY[1, 2]', true],
  ])('%s is %s', async (expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });

  it('refuses to compare text with numbers', async () => {
    const error = await failure(query(context, "SELECT 1 = '1'"));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
  });
});

describe('three-valued logic', () => {
  it.each([
    ['TRUE AND NULL', null],
    ['FALSE AND NULL', false],
    ['TRUE OR NULL', true],
    ['FALSE OR NULL', null],
    ['NOT NULL', null],
    ['NULL = NULL', null],
    ['NULL IS NULL', true],
    ['1 IS NOT NULL', true],
  ])('%s is %s', async (expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });
});

describe('LIKE', () => {
  it.each([
    ["'hello' LIKE 'h%'", true],
    ["'hello' LIKE 'h_llo'", true],
    ["'hello' LIKE 'H%'", false],
    ["'a.c' LIKE 'a.c'", true],
    ["'abc' LIKE 'a.c'", false],
    ["'line1\nline2' LIKE 'line1%'", true],
    ["'hello' NOT LIKE '%x%'", true],
    ["NULL LIKE 'a'", null],
  ])('%s is %s', async (expression, expected) => {
    expect(await value(expression)).toBe(expected);
  });
});

describe('CASE', () => {
  it('evaluates searched and simple CASE', async () => {
    expect(await value("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END")).toBe('b');
    expect(await value("CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END")).toBe('three');
    expect(await value("CASE 4 WHEN 1 THEN 'one' END")).toBeNull();
  });

  it('gives the branches a common type', async () => {
    expect(await typeOf('CASE WHEN TRUE THEN 1 ELSE 2.5 END')).toBe('DECIMAL');
    const error = await failure(query(context, "SELECT CASE WHEN TRUE THEN 1 ELSE 'x' END"));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
  });

  it('evaluates only the chosen branch', async () => {
    expect(await value("CASE WHEN TRUE THEN 1 ELSE CAST('x' AS INT) END")).toBe(1);
  });
});

describe('constructors', () => {
  it('builds arrays and maps', async () => {
    expect(await value('ARRAY[1, 2, 3]')).toEqual([1, 2, 3]);
    expect(await value("MAP['a', 1, 'b', 2]")).toEqual({ a: 1, b: 2 });
    expect(await value('CARDINALITY(ARRAY[1, 2, 3])')).toBe(3);
    expect(await value("CARDINALITY(MAP['a', 1])")).toBe(1);
  });
});
