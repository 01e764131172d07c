import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../packages/parser/src/nesting-depth.js';
import { expectFailure, lateral, lateralFile, newDataDir, type LateralRun } from './fixtures/cli-kit.js';

/**
 * Issue 8 item 9: generated SQL (`WHERE id = 1 OR id = 2 OR …`, long sums and concatenations,
 * thousands of VALUES rows) runs end to end — parse, bind, evaluate, print — and SQL nested deeper
 * than the documented limit is a coded error with line and column, never a JS stack.
 */

const setup = 'CREATE TABLE t (id INT, text STRING); INSERT INTO t VALUES (1, \'a\'), (2, \'b\'), (5000, \'c\');\n';

function range(count: number, from = 1): number[] {
  return Array.from({ length: count }, (_, index) => index + from);
}

/** No stack frame, file URL or install path reaches the user. */
function expectNoJsInternals(run: LateralRun): void {
  expect(run.stderr).not.toContain('LATERAL_ERR_INTERNAL');
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain('file://');
  expect(run.stderr).not.toContain('node_modules');
  expect(run.stderr).not.toContain('RangeError');
}

function expectRows(run: LateralRun, rows: Array<Record<string, unknown>>): void {
  expectNoJsInternals(run);
  expect(run.code, run.stderr).toBe(0);
  expect(run.rows).toEqual(rows);
}

describe('flat chains run end to end', () => {
  it('4,000 OR terms in a WHERE clause select the matching rows', async () => {
    const where = range(4000).map((n) => `id = ${n}`).join(' OR ');
    const run = await lateral(newDataDir(), `${setup}SELECT id FROM t WHERE ${where};`);
    expectRows(run, [{ id: 1 }, { id: 2 }]);
  });

  it('10,000 OR terms still run (iterated, not recursed)', async () => {
    const where = range(10_000).map((n) => `id = ${n}`).join(' OR ');
    const run = await lateral(newDataDir(), `${setup}SELECT id FROM t WHERE ${where};`);
    expectRows(run, [{ id: 1 }, { id: 2 }, { id: 5000 }]);
  });

  it('4,000 AND terms', async () => {
    const where = range(4000, 1002).map((n) => `id <> ${n}`).join(' AND ');
    const run = await lateral(newDataDir(), `${setup}SELECT id FROM t WHERE ${where};`);
    expectRows(run, [{ id: 1 }, { id: 2 }]);
  });

  it('5,000 + terms over a column and over literals', async () => {
    const columns = range(5000).map(() => 'id').join(' + ');
    const literals = range(5000).map(() => '1').join(' + ');
    const run = await lateral(newDataDir(), `${setup}SELECT ${columns} AS s, ${literals} AS k FROM t WHERE id < 3;`);
    expectRows(run, [{ s: 5000, k: 5000 }, { s: 10_000, k: 5000 }]);
  });

  it('a mixed + - * chain keeps left-to-right evaluation', async () => {
    // id + 1 - 1 * 1 + 1 - 1 …: 10,000 operators folded left, `*` binding tighter
    const steps = range(2000).map(() => '+ 1 - 1 * 1 + 1 - 1').join(' ');
    const run = await lateral(newDataDir(), `${setup}SELECT id ${steps} AS v FROM t WHERE id = 1;`);
    expectRows(run, [{ v: 1 }]);
  });

  it('3,000 || terms', async () => {
    const concat = range(3000).map(() => 'text').join(' || ');
    const run = await lateral(newDataDir(), `${setup}SELECT ${concat} AS s FROM t WHERE id = 1;`);
    expectRows(run, [{ s: 'a'.repeat(3000) }]);
  });

  it('an INSERT of 10,000 VALUES rows and an ARRAY of 5,000 elements', async () => {
    const values = range(10_000).map((n) => `(${n}, 'r${n}')`).join(', ');
    const array = `ARRAY[${range(5000).join(', ')}]`;
    // a file: the script is longer than one command-line argument may be
    const dir = newDataDir();
    const file = join(dir, 'big.sql');
    writeFileSync(file, `CREATE TABLE big (id INT, text STRING); INSERT INTO big VALUES ${values};\nSELECT id, CARDINALITY(${array}) AS n FROM big WHERE id > 9998;`);
    const run = await lateralFile(dir, file);
    expectRows(run, [{ id: 9999, n: 5000 }, { id: 10_000, n: 5000 }]);
  });
});

describe('nesting deeper than the limit is a coded error with line and column', () => {
  const cases: Array<[string, (depth: number) => string, string]> = [
    ['parentheses', (n) => `${'('.repeat(n)}1${')'.repeat(n)}`, '('],
    ['function calls', (n) => `${'UPPER('.repeat(n)}'a'${')'.repeat(n)}`, 'UPPER('],
    ['CASE', (n) => `${'CASE WHEN TRUE THEN '.repeat(n)}1${' END'.repeat(n)}`, 'CASE WHEN TRUE THEN '],
    ['ARRAY constructors', (n) => `${'ARRAY['.repeat(n)}1${']'.repeat(n)}`, 'ARRAY['],
    ['CAST', (n) => `${'CAST('.repeat(n)}1${' AS INT)'.repeat(n)}`, 'CAST('],
  ];

  for (const [what, nest, unit] of cases) {
    it(`1,000 nested ${what}: LATERAL_ERR_PARSE_TOO_DEEP at the first level past ${MAX_NESTING_DEPTH}`, async () => {
      const prefix = 'SHOW TABLES;\nSELECT ';
      const sql = `${prefix}${nest(1000)} AS x;`;
      const run = await lateral(newDataDir(), sql);
      expectNoJsInternals(run);
      // the first character of level MAX_NESTING_DEPTH + 1, on line 2
      const column = 'SELECT '.length + MAX_NESTING_DEPTH * unit.length + 1;
      const stderr = expectFailure(run, 'LATERAL_ERR_PARSE_TOO_DEEP', { line: 2, column });
      expect(stderr).toContain(String(MAX_NESTING_DEPTH));
      // the script is parsed whole first: SHOW TABLES printed nothing
      expect(run.stdout).toBe('');
    });

    it(`${MAX_NESTING_DEPTH} nested ${what} (the limit) still run`, async () => {
      const run = await lateral(newDataDir(), `SELECT ${nest(MAX_NESTING_DEPTH)} AS x;`);
      expectNoJsInternals(run);
      expect(run.code, run.stderr).toBe(0);
      expect(run.rows).toHaveLength(1);
    });
  }

  it('20,000 NOTs and 20,000 unary minus signs are coded errors too', async () => {
    for (const [sql, unit] of [
      [`SELECT 1 AS x WHERE ${'NOT '.repeat(20_000)}TRUE;`, 'NOT '],
      [`SELECT ${'- '.repeat(20_000)}1 AS x;`, '- '],
    ] as const) {
      const run = await lateral(newDataDir(), sql);
      expectNoJsInternals(run);
      const column = sql.indexOf(unit) + MAX_NESTING_DEPTH * unit.length + 1;
      expectFailure(run, 'LATERAL_ERR_PARSE_TOO_DEEP', { line: 1, column });
    }
  });

  it('deeply nested types in CREATE TABLE (the column list is the first level)', async () => {
    const sql = `CREATE TABLE deep (a ${'ARRAY<'.repeat(5000)}INT${'>'.repeat(5000)});`;
    const run = await lateral(newDataDir(), sql);
    expectNoJsInternals(run);
    expectFailure(run, 'LATERAL_ERR_PARSE_TOO_DEEP', { line: 1, column: sql.indexOf('ARRAY<') + (MAX_NESTING_DEPTH - 1) * 'ARRAY<'.length + 1 });
  });

  it('parentheses inside string literals, quoted names and comments do not count', async () => {
    const deepText = '('.repeat(5000);
    const sql = `SELECT '${deepText}' AS \`${deepText}\` /* ${deepText} */ -- ${deepText}\n;`;
    const run = await lateral(newDataDir(), sql);
    expectNoJsInternals(run);
    expect(run.code, run.stderr).toBe(0);
    expect(run.rows).toEqual([{ [deepText]: deepText }]);
  });
});
