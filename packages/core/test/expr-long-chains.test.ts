import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { col, createContext, failure, insert, query, t, table, tempDir, type TestContext } from './query-fixtures.js';

/**
 * Long operator chains (issue 8 item 9): bound and evaluated in loops, with the same types,
 * short-circuiting, NULL handling and error locations as short ones.
 */
let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

beforeEach(async () => {
  dir = await tempDir();
  context = createContext({ dataDir: dir.path, tables: [table('n', [col('id', t.int()), col('x', t.int()), col('s', t.string())])] });
  await insert(context, "INSERT INTO n VALUES (1, 0, 'a'), (2, NULL, 'b'), (3, 5, NULL)");
});
afterEach(() => dir.cleanup());

const chain = (count: number, term: (index: number) => string, op: string): string =>
  Array.from({ length: count }, (_, index) => term(index)).join(` ${op} `);

describe('long chains over columns', () => {
  it('20,000 ORs and ANDs in WHERE', async () => {
    const or = await query(context, `SELECT id FROM n WHERE ${chain(20_000, (i) => `id = ${i + 3}`, 'OR')}`);
    expect(or.rows).toEqual([[3]]);
    const and = await query(context, `SELECT id FROM n WHERE ${chain(20_000, (i) => `id <> ${i + 3}`, 'AND')}`);
    expect(and.rows).toEqual([[1], [2]]);
  });

  it('three-valued OR over a long chain: TRUE wins over NULL, else NULL stays NULL', async () => {
    const result = await query(context, `SELECT id, ${chain(500, () => 'x = 7', 'OR')} OR x = 5 AS hit FROM n`);
    expect(result.rows).toEqual([
      [1, false],
      [2, null],
      [3, true],
    ]);
  });

  it('short-circuits: a right operand after a decided OR is not evaluated', async () => {
    // 10 / x fails for x = 0; `id = 1 OR …` is TRUE first for that row
    const result = await query(context, `SELECT id FROM n WHERE id = 1 OR ${chain(200, () => '10 / x = 1', 'OR')}`);
    expect(result.rows).toEqual([[1]]);
  });

  it('sums, differences and concatenations keep left-to-right folding, types and NULLs', async () => {
    const sum = await query(context, `SELECT ${chain(10_000, () => 'id', '+')} AS total, ${chain(10_000, () => 'id', '-')} AS diff FROM n`);
    expect(sum.rows).toEqual([
      [10_000, 1 - 9_999],
      [20_000, 2 - 2 * 9_999],
      [30_000, 3 - 3 * 9_999],
    ]);
    expect(sum.columns.map((c) => c.dataType.kind)).toEqual(['INT', 'INT']);
    const concat = await query(context, `SELECT ${chain(5000, () => 's', '||')} AS text FROM n`);
    expect(concat.rows).toEqual([['a'.repeat(5000)], ['b'.repeat(5000)], [null]]);
    expect(concat.columns[0]!.dataType.kind).toBe('STRING');
  });

  it('a type error deep in a long chain names its own operator', async () => {
    const sql = `SELECT ${chain(3000, () => 'id', '+')} + s AS v FROM n`;
    const error = await failure(query(context, sql));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
    expect(error.message).toContain("Cannot apply '+' to arguments of type INT");
  });

  it('a run-time error deep in a long chain is located', async () => {
    const error = await failure(query(context, `SELECT ${chain(3000, () => 'id', '+')} + 10 / x AS v FROM n`));
    expect(error.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect(error.message).toContain('Division by zero');
  });

  it('literal chains fold to a constant', async () => {
    const result = await query(context, `SELECT ${chain(10_000, () => '1', '+')} AS k, ${chain(3000, () => "'ab'", '||')} AS s`);
    expect(result.rows).toEqual([[10_000, 'ab'.repeat(3000)]]);
  });
});
