import { describe, expect, it } from 'vitest';
import { createContext, failure, query } from './query-fixtures.js';

const context = createContext({ dataDir: '/nonexistent-lateral-dir' });
const value = async (expression: string): Promise<unknown> => (await query(context, `SELECT ${expression}`)).rows[0]![0];

describe('string functions', () => {
  it.each([
    ["CONCAT('a', 'b', 'c')", 'abc'],
    ["CONCAT('a', NULL)", null],
    ["CONCAT('id-', 7)", 'id-7'],
    ["CONCAT_WS('-', 'a', NULL, 'b')", 'a-b'],
    ["CONCAT_WS(NULL, 'a')", null],
    ["UPPER('abc')", 'ABC'],
    ["LOWER('ABC')", 'abc'],
    ["TRIM('  a b  ')", 'a b'],
    ["LTRIM('  a ')", 'a '],
    ["RTRIM('  a ')", '  a'],
    ["CHAR_LENGTH('héllo')", 5],
    ["LENGTH('')", 0],
    ["SUBSTRING('hello', 2)", 'ello'],
    ["SUBSTRING('hello', 2, 3)", 'ell'],
    ["SUBSTR('hello', -3, 2)", 'll'],
    ["SUBSTRING('hello', 0, 2)", 'h'],
    ["SUBSTRING('hello', 10)", ''],
    ["REPLACE('a-b-c', '-', '+')", 'a+b+c'],
  ])('%s = %j', async (expression, expected) => {
    expect(await value(expression)).toEqual(expected);
  });
});

describe('numeric functions', () => {
  it.each([
    ['ABS(-3)', 3],
    ['ABS(-2.5)', 2.5],
    ['ROUND(2.5)', 3],
    ['ROUND(-2.5)', -3],
    ['ROUND(1.005, 2)', 1.01],
    ['ROUND(1234, -2)', 1200],
    ['FLOOR(2.7)', 2],
    ['FLOOR(-2.1)', -3],
    ['CEIL(2.1)', 3],
    ['CEILING(-2.7)', -2],
  ])('%s = %j', async (expression, expected) => {
    expect(await value(expression)).toEqual(expected);
  });
});

describe('NULL handling functions', () => {
  it.each([
    ['COALESCE(NULL, NULL, 3)', 3],
    ['COALESCE(NULL, 1.5, 2)', 1.5],
    ["IFNULL(NULL, 'x')", 'x'],
    ['NULLIF(1, 1)', null],
    ['NULLIF(1, 2)', 1],
    ["IF(1 < 2, 'yes', 'no')", 'yes'],
  ])('%s = %j', async (expression, expected) => {
    expect(await value(expression)).toEqual(expected);
  });

  it('evaluates COALESCE lazily', async () => {
    expect(await value("COALESCE(1, CAST('x' AS INT))")).toBe(1);
  });
});

describe('function errors', () => {
  it('checks the number of arguments', async () => {
    const error = await failure(query(context, "SELECT UPPER('a', 'b')"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain('UPPER(text)');
  });

  it('checks argument types', async () => {
    const error = await failure(query(context, "SELECT SUBSTRING('abc', '1')"));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toContain('Argument 2 of SUBSTRING must be an integer');
  });

  it('names unknown functions and lists the known ones', async () => {
    const error = await failure(query(context, "SELECT NOPE('a')"));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_FUNCTION');
    expect(error.expected).toContain('UPPER');
  });
});
