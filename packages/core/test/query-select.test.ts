import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralErrors } from '@lateral/core';
import { col, createContext, failure, insert, query, t, table, tempDir, type TestContext } from './query-fixtures.js';

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

beforeEach(async () => {
  dir = await tempDir();
  context = createContext({
    dataDir: dir.path,
    tables: [
      table('docs', [col('id', t.int()), col('body', t.string()), col('lang', t.string())]),
      table('users', [col('id', t.int()), col('name', t.string())]),
    ],
  });
  await insert(context, "INSERT INTO docs VALUES (1, 'hello world', 'en'), (2, 'bonjour', 'fr'), (3, NULL, 'en'), (4, 'hallo', 'de')");
});
afterEach(() => dir.cleanup());

describe('SELECT without FROM and VALUES', () => {
  it('produces one row with typed, named columns', async () => {
    const result = await query(context, "SELECT 1 id, 'x' text, 1.50 AS price, 2 + 3");
    expect(result.rows).toEqual([[1, 'x', 1.5, 5]]);
    expect(result.columns.map((c) => c.name)).toEqual(['id', 'text', 'price', 'EXPR$3']);
    expect(result.columns.map((c) => c.dataType.kind)).toEqual(['INT', 'STRING', 'DECIMAL', 'INT']);
    expect(result.columns[0]!.dataType.nullable).toBe(false);
  });

  it('runs VALUES as a query with a common type per column', async () => {
    const result = await query(context, "VALUES (1, 'a'), (2.5, NULL)");
    expect(result.columns.map((c) => c.name)).toEqual(['EXPR$0', 'EXPR$1']);
    expect(result.columns[0]!.dataType.kind).toBe('DECIMAL');
    expect(result.rows).toEqual([
      [1, 'a'],
      [2.5, null],
    ]);
  });

  it('rejects VALUES rows of different widths', async () => {
    const error = await failure(query(context, 'VALUES (1, 2), (3)'));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
  });
});

describe('projection', () => {
  it('expands * and t.* and keeps column names', async () => {
    const all = await query(context, 'SELECT * FROM docs');
    expect(all.columns.map((c) => c.name)).toEqual(['id', 'body', 'lang']);
    expect(all.rows).toHaveLength(4);
    const qualified = await query(context, 'SELECT d.*, 1 AS one FROM docs AS d WHERE d.id = 1');
    expect(qualified.objects).toEqual([{ id: 1, body: 'hello world', lang: 'en', one: 1 }]);
  });

  it('resolves qualified and unqualified columns, by table name or alias', async () => {
    const { objects } = await query(context, 'SELECT docs.id, body AS text FROM docs WHERE id < 3');
    expect(objects).toEqual([
      { id: 1, text: 'hello world' },
      { id: 2, text: 'bonjour' },
    ]);
  });

  it('makes repeated output names unique as Calcite does', async () => {
    const { columns } = await query(context, 'SELECT id, id, id FROM docs');
    expect(columns.map((c) => c.name)).toEqual(['id', 'id0', 'id1']);
  });

  it('matches a column name case-insensitively when that is unambiguous', async () => {
    const { rows } = await query(context, 'SELECT ID FROM docs WHERE Id = 2');
    expect(rows).toEqual([[2]]);
  });
});

describe('WHERE, ORDER BY, DISTINCT, LIMIT', () => {
  it('filters with three-valued logic (NULL is not TRUE)', async () => {
    const { rows } = await query(context, "SELECT id FROM docs WHERE body LIKE 'h%' OR body IS NULL");
    expect(rows).toEqual([[1], [3], [4]]);
    const negated = await query(context, "SELECT id FROM docs WHERE NOT (body LIKE 'h%')");
    expect(negated.rows).toEqual([[2]]);
  });

  it('limits rows', async () => {
    expect((await query(context, 'SELECT id FROM docs LIMIT 2')).rows).toEqual([[1], [2]]);
    expect((await query(context, 'SELECT id FROM docs LIMIT 0')).rows).toEqual([]);
  });

  it('orders by output names, positions and hidden expressions, NULLs first ascending', async () => {
    expect((await query(context, 'SELECT id, body FROM docs ORDER BY body')).rows.map((r) => r[0])).toEqual([3, 2, 4, 1]);
    expect((await query(context, 'SELECT id FROM docs ORDER BY lang DESC, 1 DESC')).rows).toEqual([[2], [3], [1], [4]]);
    expect((await query(context, 'SELECT id AS n FROM docs ORDER BY n DESC LIMIT 2')).rows).toEqual([[4], [3]]);
    const hidden = await query(context, 'SELECT id FROM docs ORDER BY CHAR_LENGTH(body) DESC');
    expect(hidden.columns.map((c) => c.name)).toEqual(['id']);
    expect(hidden.rows).toEqual([[1], [2], [4], [3]]);
  });

  it('removes duplicate rows with DISTINCT', async () => {
    const { rows } = await query(context, 'SELECT DISTINCT lang FROM docs ORDER BY lang');
    expect(rows).toEqual([['de'], ['en'], ['fr']]);
  });
});

describe('bind errors', () => {
  it('reports an unknown table at its name', async () => {
    const error = await failure(query(context, 'SELECT *\nFROM nope'));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_TABLE');
    expect(error.message).toContain("Table 'nope' not found");
    expect(error.location?.start).toMatchObject({ line: 2, column: 6 });
    expect(error.expected).toEqual(['docs', 'users']);
  });

  it('reports an unknown column listing the available ones', async () => {
    const error = await failure(query(context, 'SELECT id, titel FROM docs'));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_COLUMN');
    expect(error.message).toContain("Column 'titel' not found");
    expect(error.message).toContain('docs.id, docs.body, docs.lang');
    expect(error.location?.start).toMatchObject({ line: 1, column: 12 });
  });

  it('reports an unknown qualifier', async () => {
    const error = await failure(query(context, 'SELECT x.id FROM docs d'));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_COLUMN');
    expect(error.message).toContain("no table or alias 'x'");
  });

  it('reports an ambiguous column', async () => {
    const error = await failure(query(context, "SELECT summary FROM docs, LATERAL TABLE(ML_PREDICT('summarizer', body)) a, LATERAL TABLE(ML_PREDICT('summarizer', lang)) b"));
    expect(error.code).toBe('LATERAL_ERR_BIND_AMBIGUOUS_COLUMN');
    expect(error.message).toContain('a.summary, b.summary');
  });

  it('reports an unknown function with its location', async () => {
    const error = await failure(query(context, 'SELECT id,\n  FOO(body) FROM docs'));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_FUNCTION');
    expect(error.location?.start).toMatchObject({ line: 2, column: 3 });
  });

  it('collects several errors of one statement', async () => {
    const error = await query(context, 'SELECT nope1, nope2 FROM docs WHERE nope3 = 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LateralErrors);
    expect((error as LateralErrors).errors.map((e) => e.message.split(' not found')[0])).toEqual([
      "Column 'nope3'",
      "Column 'nope1'",
      "Column 'nope2'",
    ]);
  });

  it('refuses joins of two tables', async () => {
    const error = await failure(query(context, 'SELECT * FROM docs, users'));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
    expect(error.message).toContain('Joining tables is not supported');
  });

  it('requires a BOOLEAN WHERE', async () => {
    const error = await failure(query(context, 'SELECT id FROM docs WHERE id + 1'));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
  });

  it('refuses a table function in the select list', async () => {
    const error = await failure(query(context, "SELECT ML_PREDICT('summarizer', body) FROM docs"));
    expect(error.code).toBe('LATERAL_ERR_BIND_UNSUPPORTED');
    expect(error.message).toContain('LATERAL TABLE(ML_PREDICT');
  });
});
