import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TableFunctionV1 } from '@lateral/core';
import { testEchoFunction } from './fixtures/function-test-plugin.js';
import { col, createContext, failure, insert, query, t, table, tempDir, type TestContext } from './query-fixtures.js';

let dir: { path: string; cleanup: () => Promise<void> };
let context: TestContext;

beforeEach(async () => {
  dir = await tempDir();
  context = createContext({ dataDir: dir.path, tables: [table('docs', [col('id', t.int()), col('body', t.string())])] });
  context.registry.registerTableFunction(testEchoFunction as TableFunctionV1);
  await insert(context, "INSERT INTO docs VALUES (1, 'hello'), (2, 'bonjour')");
});
afterEach(() => dir.cleanup());

describe("a plugin's table function that calls a model", () => {
  it("reads its model argument written as 'name', `name` or name, and runs rows through the kernel's inference", async () => {
    const expected = [
      [1, 'summary of hello', 'hello'],
      [2, 'summary of bonjour', 'bonjour'],
    ];
    for (const written of ["'summarizer'", '`summarizer`', 'summarizer', "'db.summarizer'"]) {
      const { rows } = await query(context, `SELECT d.id, e.summary, e.echo FROM docs d, LATERAL TABLE(TEST_ECHO(${written}, d.body)) AS e`);
      expect({ written, rows }).toEqual({ written, rows: expected });
    }
    expect(context.inference.sessions).toHaveLength(4);
  });

  it('fails, located, when that argument is not a model name or names no model', async () => {
    const notAName = await failure(query(context, "SELECT * FROM docs, LATERAL TABLE(TEST_ECHO('not a name', body))"));
    expect(notAName.code).toBe('LATERAL_ERR_BIND_ARGUMENTS');
    expect(notAName.message).toBe('The first argument of TEST_ECHO must be a model name');
    expect(notAName.location).toMatchObject({ start: { line: 1, column: 45 } });
    const missing = await failure(query(context, 'SELECT * FROM docs, LATERAL TABLE(TEST_ECHO(`nope$2`, body))'));
    expect(missing.message).toContain('nope');
    expect(missing.location).toMatchObject({ start: { line: 1, column: 45 } });
    const all = await failure(query(context, 'SELECT * FROM docs, LATERAL TABLE(TEST_ECHO(`summarizer$all`, body))'));
    expect(all.message).toContain("TEST_ECHO runs one model version; '$all' is only for DESCRIBE MODEL and DROP MODEL");
  });
});
