import { describe, expect, it } from 'vitest';
import { createContext, failure, query } from './query-fixtures.js';

const context = createContext({ dataDir: '/nonexistent-lateral-dir' });
const value = async (expression: string): Promise<unknown> => (await query(context, `SELECT ${expression}`)).rows[0]![0];

describe('CAST', () => {
  it.each([
    ["CAST('42' AS INT)", 42],
    ["CAST(' 42 ' AS BIGINT)", 42],
    ["CAST('4.7' AS INT)", 4],
    ['CAST(4.7 AS INT)', 4],
    ['CAST(-4.7 AS INT)', -4],
    ["CAST('2.5' AS DOUBLE)", 2.5],
    ["CAST('1.005' AS DECIMAL(5, 2))", 1.01],
    ['CAST(42 AS STRING)', '42'],
    ['CAST(1.50 AS STRING)', '1.50'],
    ['CAST(CAST(1 AS DOUBLE) AS STRING)', '1.0'],
    ['CAST(1e10 AS STRING)', '1.0E10'],
    ['CAST(TRUE AS STRING)', 'TRUE'],
    ["CAST('yes' AS BOOLEAN)", true],
    ["CAST('false' AS BOOLEAN)", false],
    ['CAST(0 AS BOOLEAN)', false],
    ["CAST('hello' AS VARCHAR(3))", 'hel'],
    ["CAST('ab' AS CHAR(4))", 'ab  '],
    ["CAST('2024-1-5' AS DATE)", '2024-01-05'],
    ["CAST('2024-01-05T10:20:30.123456' AS TIMESTAMP(3))", '2024-01-05 10:20:30.123'],
    ["CAST('2024-01-05' AS TIMESTAMP)", '2024-01-05 00:00:00'],
    ["CAST(CAST('2024-01-05 10:00:00' AS TIMESTAMP) AS DATE)", '2024-01-05'],
    ["CAST(ARRAY['1', '2'] AS ARRAY<INT>)", [1, 2]],
    ['CAST(ARRAY[1, 2] AS STRING)', '[1, 2]'],
    ['CAST(NULL AS INT)', null],
  ])('%s = %j', async (expression, expected) => {
    expect(await value(expression)).toEqual(expected);
  });

  it('types the result with the target type', async () => {
    const { columns } = await query(context, "SELECT CAST('1' AS BIGINT) AS n, TRY_CAST('x' AS INT) AS m");
    expect(columns.map((c) => [c.name, c.dataType.kind, c.dataType.nullable])).toEqual([
      ['n', 'BIGINT', false],
      ['m', 'INT', true],
    ]);
  });

  it('fails at run time on a value that does not fit, pointing at the CAST', async () => {
    const error = await failure(query(context, "SELECT\n  CAST('abc' AS INT)"));
    expect(error.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect(error.message).toBe("Cannot cast 'abc' to INT");
    expect(error.location?.start).toMatchObject({ line: 2, column: 3 });
  });

  it.each([["TRY_CAST('abc' AS INT)"], ["TRY_CAST('2024-02-30' AS DATE)"], ['TRY_CAST(300 AS TINYINT)']])('%s is NULL', async (expression) => {
    expect(await value(expression)).toBeNull();
  });

  it('rejects casts SQL does not define at bind time', async () => {
    const error = await failure(query(context, 'SELECT CAST(TRUE AS DATE)'));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
    expect(error.message).toBe('Cannot cast BOOLEAN to DATE');
  });

  it('checks integer ranges', async () => {
    const error = await failure(query(context, 'SELECT CAST(300 AS TINYINT)'));
    expect(error.message).toContain('out of range for TINYINT');
  });
});
