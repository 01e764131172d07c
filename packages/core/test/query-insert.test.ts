import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralErrors } from '@lateral/core';
import { col, createContext, failure, FakeRuntime, generatorConnector, insert, query, t, table, tempDir, type TestContext } from './query-fixtures.js';
import { storedChunkCount } from './store-test-kit.js';

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

const tables = () => [
  table('docs', [col('id', t.int()), col('body', t.string())]),
  table('summaries', [col('id', t.int()), col('summary', t.string()), col('score', t.double())]),
  table('typed', [
    col('tiny', { kind: 'TINYINT', nullable: true }),
    col('day', t.date()),
    col('tags', { kind: 'ARRAY', element: t.string(), nullable: true }),
    col('raw', t.bytes()),
    col('flag', t.boolean()),
  ]),
  table('strict', [col('id', t.notNull(t.int())), col('note', t.string())]),
];

beforeEach(async () => {
  dir = await tempDir();
  context = createContext({ dataDir: dir.path, tables: tables() });
});
afterEach(() => dir.cleanup());

describe('INSERT INTO ... VALUES', () => {
  it('writes rows and reports how many', async () => {
    expect(await insert(context, "INSERT INTO docs VALUES (1, 'a'), (2, 'b')")).toBe('2 rows inserted into docs');
    expect(await insert(context, "INSERT INTO docs VALUES (3, 'c')")).toBe('1 row inserted into docs');
    expect((await query(context, 'SELECT * FROM docs')).rows).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  it('keeps rows across contexts that share the data directory', async () => {
    await insert(context, "INSERT INTO docs VALUES (1, 'kept')");
    const again = createContext({ dataDir: dir.path, tables: tables() });
    expect((await query(again, 'SELECT body FROM docs')).rows).toEqual([['kept']]);
  });

  it('writes NULL into columns left out of the column list', async () => {
    await insert(context, 'INSERT INTO summaries (score, id) VALUES (0.5, 7)');
    expect((await query(context, 'SELECT * FROM summaries')).objects).toEqual([{ id: 7, summary: null, score: 0.5 }]);
  });

  it('converts values implicitly where Flink does, including fitting literals', async () => {
    await insert(context, "INSERT INTO typed VALUES (1, '2024-02-29', ARRAY['x', 'y'], CAST('hi' AS BYTES), TRUE)");
    const [row] = (await query(context, 'SELECT * FROM typed')).rows;
    expect(row).toEqual([1, '2024-02-29', ['x', 'y'], new TextEncoder().encode('hi'), true]);
  });

  it.each([
    ["INSERT INTO docs VALUES ('one', 'a')", "Cannot write STRING into column 'id' INT of table 'docs'", 26],
    ['INSERT INTO typed (tiny) VALUES (300)', "Cannot write INT into column 'tiny' TINYINT", 34],
    ['INSERT INTO docs (id) VALUES (1.5)', "Cannot write DECIMAL(2, 1) into column 'id' INT", 31],
    ["INSERT INTO typed (day) VALUES ('2024-02-30')", "Cannot write STRING into column 'day' DATE", 33],
  ])('refuses %s', async (sql, message, column) => {
    const error = await failure(insert(context, sql));
    expect(error.code).toBe('LATERAL_ERR_BIND_TYPE_MISMATCH');
    expect(error.message).toContain(message);
    expect(error.location?.start.column).toBe(column);
  });

  it('checks the number of values', async () => {
    const error = await failure(insert(context, 'INSERT INTO docs VALUES (1)'));
    expect(error.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(error.message).toBe('INSERT INTO docs writes 2 columns but the source has 1');
  });

  it('checks target names', async () => {
    expect((await failure(insert(context, 'INSERT INTO nope VALUES (1)'))).code).toBe('LATERAL_ERR_BIND_UNKNOWN_TABLE');
    const unknown = await failure(insert(context, 'INSERT INTO docs (id, titel) VALUES (1, 2)'));
    expect(unknown.code).toBe('LATERAL_ERR_BIND_UNKNOWN_COLUMN');
    expect(unknown.expected).toEqual(['id', 'body']);
    expect((await failure(insert(context, 'INSERT INTO docs (id, id) VALUES (1, 2)'))).code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
  });

  it('refuses NULL in a NOT NULL column and leaves the table as it was', async () => {
    await insert(context, "INSERT INTO strict VALUES (1, 'first')");
    const error = await failure(insert(context, "INSERT INTO strict VALUES (2, 'x'), (NULL, 'y')"));
    expect(error.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect(error.message).toContain("Column 'id' of table 'strict' is NOT NULL");
    const omitted = await failure(insert(context, "INSERT INTO strict (note) VALUES ('z')"));
    expect(omitted.code).toBe('LATERAL_ERR_EXEC_RUNTIME');
    expect((await query(context, 'SELECT * FROM strict')).rows).toEqual([[1, 'first']]);
  });
});

describe('INSERT INTO ... SELECT', () => {
  beforeEach(async () => {
    await insert(context, "INSERT INTO docs VALUES (1, 'hello'), (2, 'bonjour'), (3, 'hallo')");
  });

  it('writes the results of a lateral query', async () => {
    const message = await insert(
      context,
      "INSERT INTO summaries SELECT d.id, s.summary, d.id / 2.0 FROM docs d, LATERAL TABLE(ML_PREDICT('summarizer', d.body)) s WHERE d.id > 1",
    );
    expect(message).toBe('2 rows inserted into summaries');
    expect((await query(context, 'SELECT * FROM summaries')).rows).toEqual([
      [2, 'summary of bonjour', 1],
      [3, 'summary of hallo', 1.5],
    ]);
  });

  it('reads a snapshot when a table is copied into itself', async () => {
    await insert(context, 'INSERT INTO docs SELECT id + 10, body FROM docs');
    expect((await query(context, 'SELECT id FROM docs')).rows.map((r) => r[0])).toEqual([1, 2, 3, 11, 12, 13]);
  });

  it('checks column count and types of the query', async () => {
    const count = await failure(insert(context, 'INSERT INTO summaries SELECT id FROM docs'));
    expect(count.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    const types = await insert(context, 'INSERT INTO docs SELECT body, id FROM docs').catch((error: unknown) => error);
    expect(types).toBeInstanceOf(LateralErrors);
    expect((types as LateralErrors).errors.map((e) => [e.code, e.message.split(' of table')[0]])).toEqual([
      ['LATERAL_ERR_BIND_TYPE_MISMATCH', "Cannot write STRING column 'body' into column 'id' INT"],
      ['LATERAL_ERR_BIND_TYPE_MISMATCH', "Cannot write INT column 'id' into column 'body' STRING"],
    ]);
  });

  it('aborts the sink when a model call fails: the table keeps its previous content', async () => {
    const stats = { produced: 0 };
    context = createContext({
      dataDir: dir.path,
      runtime: new FakeRuntime({ failAtRow: 25 }),
      connectors: [generatorConnector(stats)],
      tables: [...tables(), table('big', [col('id', t.int()), col('body', t.string())], { connector: 'generator', rows: '100', batch: '10' })],
    });
    const before = (await query(context, 'SELECT id, body FROM docs')).rows;
    const error = await failure(insert(context, "INSERT INTO docs SELECT id, summary FROM big, LATERAL TABLE(ML_PREDICT('summarizer', body))"));
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect(context.inference.sessions[0]!.emitted).toBe(20);
    expect((await query(context, 'SELECT id, body FROM docs')).rows).toEqual(before);
    expect(before).toHaveLength(3);
    // Nothing of the failed INSERT is kept, not even invisibly.
    expect(storedChunkCount(dir.path, 'docs')).toBe(1);
  });
});
