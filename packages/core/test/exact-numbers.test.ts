import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataType } from '@lateral/core';
import { formatValue } from '../src/expressions/expr-format-value.js';
import { col, createContext, failure, insert, query, table, tempDir, type TestContext } from './query-fixtures.js';

/**
 * BIGINT is 64-bit and DECIMAL(p, s) is exact, end to end (issue 8, item 3): literals, CAST,
 * arithmetic, comparison, storage in memory, JSON and CSV tables. A BIGINT is a JS number while it
 * is a safe integer and a bigint beyond; a DECIMAL is a number while it has at most 15
 * significant digits and its exact digits as text beyond (docs/architecture.md "Values").
 */
const bigint: DataType = { kind: 'BIGINT', nullable: true };
const decimal = (precision: number, scale: number): DataType => ({ kind: 'DECIMAL', precision, scale, nullable: true });

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

const tables = () => [
  table('ids', [col('id', bigint)]),
  table('money', [col('amount', decimal(20, 2))]),
  table('fs_json', [col('id', bigint), col('amount', decimal(20, 2))], { connector: 'filesystem', path: join(dir.path, 'fs-json'), format: 'json' }),
  table('fs_csv', [col('id', bigint), col('amount', decimal(20, 2))], { connector: 'filesystem', path: join(dir.path, 'fs-csv'), format: 'csv' }),
];

beforeEach(async () => {
  dir = await tempDir();
  context = createContext({ dataDir: join(dir.path, 'data'), tables: tables() });
});
afterEach(() => dir.cleanup());

async function select(expression: string): Promise<{ value: unknown; type: DataType; text: string }> {
  const result = await query(context, `SELECT ${expression} AS v`);
  const type = result.columns[0]!.dataType;
  const value = result.rows[0]![0];
  return { value, type, text: formatValue(value, type) };
}

describe('numeric literals', () => {
  it('an integer literal above 2^53 keeps its digits (BIGINT)', async () => {
    const result = await select('9223372036854775807');
    expect(result.type.kind).toBe('BIGINT');
    expect(result.value).toBe(9223372036854775807n);
    expect(result.text).toBe('9223372036854775807');
  });

  it('types literals as Flink does: INT, then BIGINT, then DECIMAL; a fraction is DECIMAL(p, s)', async () => {
    expect((await select('2147483647')).type.kind).toBe('INT');
    expect((await select('2147483648')).type.kind).toBe('BIGINT');
    expect((await select('-2147483648')).type.kind).toBe('INT');
    const beyond = await select('9223372036854775808');
    expect(beyond.type).toMatchObject({ kind: 'DECIMAL', precision: 19, scale: 0 });
    expect(beyond.text).toBe('9223372036854775808');
    const fraction = await select('123456789012345678.12');
    expect(fraction.type).toMatchObject({ kind: 'DECIMAL', precision: 20, scale: 2 });
    expect(fraction.text).toBe('123456789012345678.12');
  });

  it('-9223372036854775808 is the smallest BIGINT', async () => {
    const result = await select('-9223372036854775808');
    expect(result.type.kind).toBe('BIGINT');
    expect(result.text).toBe('-9223372036854775808');
  });
});

describe('CAST between exact types', () => {
  it.each([
    ['CAST(123456789012345678.12 AS DECIMAL(20,2))', '123456789012345678.12'],
    ['CAST(2 AS DECIMAL(10,2))', '2.00'],
    ['CAST(1.005 AS DECIMAL(10,2))', '1.01'],
    ['CAST(-1.005 AS DECIMAL(10,2))', '-1.01'],
    ["CAST('9223372036854775807' AS BIGINT)", '9223372036854775807'],
    ["CAST('12345678901234567890.125' AS DECIMAL(25,2))", '12345678901234567890.13'],
    ['CAST(9223372036854775807 AS STRING)', '9223372036854775807'],
    ['CAST(CAST(2 AS DECIMAL(10,2)) AS STRING)', '2.00'],
    ['CAST(12345678901234567.89 AS BIGINT)', '12345678901234567'],
    ['CAST(9007199254740993 AS DECIMAL(20,1))', '9007199254740993.0'],
  ])('%s is %s', async (expression, expected) => {
    expect((await select(expression)).text).toBe(expected);
  });

  it('a value that does not fit fails with CAST and is NULL with TRY_CAST', async () => {
    const error = await failure(query(context, "SELECT CAST('9223372036854775808' AS BIGINT)"));
    expect(error.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect(error.message).toMatch(/out of range for BIGINT/);
    expect((await select("TRY_CAST('9223372036854775808' AS BIGINT)")).value).toBeNull();
    const decimalError = await failure(query(context, 'SELECT CAST(123.456 AS DECIMAL(4,2))'));
    expect(decimalError.message).toMatch(/does not fit DECIMAL\(4, 2\)/);
    expect((await select('TRY_CAST(123.456 AS DECIMAL(4,2))')).value).toBeNull();
  });
});

describe('arithmetic and comparison', () => {
  it('BIGINT arithmetic is exact and overflow is an error', async () => {
    expect((await select('9007199254740993 + 2')).text).toBe('9007199254740995');
    expect((await select('9223372036854775807 - 1')).text).toBe('9223372036854775806');
    expect((await select('CAST(3037000499 AS BIGINT) * 3037000499')).text).toBe('9223372030926249001');
    const error = await failure(query(context, 'SELECT 9223372036854775807 + 1'));
    expect(error.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect(error.message).toMatch(/overflow/i);
    expect((await failure(query(context, 'SELECT -(-9223372036854775808)'))).message).toMatch(/overflow/i);
  });

  it('DECIMAL arithmetic follows Flink precision and scale rules and is exact', async () => {
    const sum = await select('0.1 + 0.2');
    expect(sum.type).toMatchObject({ kind: 'DECIMAL', precision: 2, scale: 1 });
    expect(sum.text).toBe('0.3');
    const big = await select('123456789012345678.12 + 0.01');
    expect(big.text).toBe('123456789012345678.13');
    const product = await select('CAST(1.10 AS DECIMAL(4,2)) * CAST(3.3 AS DECIMAL(2,1))');
    expect(product.type).toMatchObject({ kind: 'DECIMAL', precision: 6, scale: 3 });
    expect(product.text).toBe('3.630');
    const quotient = await select('CAST(1 AS DECIMAL(10,2)) / CAST(3 AS DECIMAL(10,2))');
    expect(quotient.type).toMatchObject({ kind: 'DECIMAL', precision: 23, scale: 13 });
    expect(quotient.text).toBe('0.3333333333333');
    expect((await select('CAST(2 AS DECIMAL(10,2)) / 3')).text).toBe('0.6666666666667');
    expect((await select('-(123456789012345678.12 + 0)')).text).toBe('-123456789012345678.12');
    expect((await select('-(-123456789012345678.12 + 0)')).text).toBe('123456789012345678.12');
    expect((await select('123456789012345678.12 % 10')).text).toBe('8.12');
  });

  it('compares exactly above 2^53', async () => {
    expect((await select('9007199254740993 > 9007199254740992')).value).toBe(true);
    expect((await select('9007199254740993 = 9007199254740992')).value).toBe(false);
    expect((await select('123456789012345678.13 > 123456789012345678.12')).value).toBe(true);
    expect((await select('CAST(2 AS DECIMAL(10,2)) = 2')).value).toBe(true);
  });

  it('ORDER BY orders exact values of every form, also by a key not selected', async () => {
    await insert(context, 'INSERT INTO money VALUES (123456789012345678.12), (-123456789012345678.12), (0.5), (-2), (99999999999999999.99)');
    const shown = (rows: unknown[][]) => rows.map((row) => formatValue(row[0], decimal(20, 2)));
    const expected = ['-123456789012345678.12', '-2.00', '0.50', '99999999999999999.99', '123456789012345678.12'];
    expect(shown((await query(context, 'SELECT amount FROM money ORDER BY amount')).rows)).toEqual(expected);
    const byHidden = await query(context, 'SELECT amount FROM money ORDER BY amount * 2 DESC');
    expect(shown(byHidden.rows)).toEqual([...expected].reverse());
  });

  it('ABS, FLOOR, CEIL and ROUND keep exact values', async () => {
    expect((await select('ABS(-9223372036854775807)')).text).toBe('9223372036854775807');
    expect((await select('ROUND(123456789012345678.125, 2)')).text).toBe('123456789012345678.13');
    expect((await select('FLOOR(-123456789012345678.5)')).text).toBe('-123456789012345679');
    expect((await select('CEIL(123456789012345678.1)')).text).toBe('123456789012345679');
    const rounded = await select('ROUND(2.5)');
    expect(rounded.type).toMatchObject({ kind: 'DECIMAL', precision: 2, scale: 0 });
    expect(rounded.text).toBe('3');
    expect((await select('ROUND(CAST(99.95 AS DECIMAL(4,2)), 1)')).type).toMatchObject({ precision: 4, scale: 1 });
  });
});

describe('storage round trip', () => {
  const ROWS = "(9007199254740993, 123456789012345678.12), (-9223372036854775808, 2), (9223372036854775807, -0.5)";
  const EXPECTED = [
    ['9007199254740993', '123456789012345678.12'],
    ['-9223372036854775808', '2.00'],
    ['9223372036854775807', '-0.50'],
  ];

  async function readBack(name: string): Promise<string[][]> {
    const result = await query(context, `SELECT * FROM ${name}`);
    return result.rows.map((row) => row.map((value, i) => formatValue(value, result.columns[i]!.dataType)));
  }

  it('a BIGINT above 2^53 in a memory table reads back exactly (one id does not poison the table)', async () => {
    await insert(context, 'INSERT INTO ids VALUES (9007199254740993), (1)');
    const { rows } = await query(context, 'SELECT id FROM ids');
    expect(rows).toEqual([[9007199254740993n], [1]]);
    await insert(context, 'INSERT INTO money VALUES (123456789012345678.12)');
    expect(await readBack('money')).toEqual([['123456789012345678.12']]);
  });

  it.each(['fs_json', 'fs_csv'])('%s keeps exact digits', async (name) => {
    await insert(context, `INSERT INTO ${name} VALUES ${ROWS}`);
    expect(await readBack(name)).toEqual(EXPECTED);
  });

  it('a JSON table file holds the digits as JSON numbers', async () => {
    await insert(context, `INSERT INTO fs_json VALUES ${ROWS}`);
    const text = await readFile(join(dir.path, 'fs-json'), 'utf8');
    expect(text).toContain('{"id":9007199254740993,"amount":123456789012345678.12}');
    expect(text).toContain('{"id":-9223372036854775808,"amount":2.00}');
  });

  it('a CSV table file holds a DECIMAL with its scale', async () => {
    await insert(context, `INSERT INTO fs_csv VALUES ${ROWS}`);
    const text = await readFile(join(dir.path, 'fs-csv'), 'utf8');
    expect(text).toBe('9007199254740993,123456789012345678.12\n-9223372036854775808,2.00\n9223372036854775807,-0.50\n');
  });

  it('an INSERT that does not fit the column fails instead of writing a row SELECT rejects', async () => {
    const error = await failure(insert(context, 'INSERT INTO ids VALUES (9223372036854775808)'));
    expect(error.code).toMatch(/^LATERAL_ERR_/);
    await insert(context, 'INSERT INTO ids SELECT CAST(9007199254740993 AS DECIMAL(20,0))').catch(() => undefined);
    await expect(query(context, 'SELECT * FROM ids')).resolves.toBeDefined();
  });
});
