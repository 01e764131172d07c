import { readdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '@lateral/core';
import { errorsOf, failureOf, messageOf, openEngine, rowsOf, run, runOne, temporaryDataDir } from './engine-test-kit.js';

let dir: string;
let cleanup: () => Promise<void>;
let engine: Engine;

beforeEach(async () => {
  ({ dir, cleanup } = await temporaryDataDir());
  engine = await openEngine(dir);
});
afterEach(async () => {
  await cleanup();
});

describe('tables', () => {
  it('creates memory tables by default and lists them', async () => {
    expect(await messageOf(engine, "CREATE TABLE reviews (id INT NOT NULL, text STRING COMMENT 'the review') COMMENT 'input'")).toBe('Table `reviews` created.');
    await run(engine, "CREATE TABLE out_rows (id INT) WITH ('connector' = 'filesystem', 'PATH' = '/tmp/x.jsonl', 'format' = 'json')");
    expect(await runOne(engine, 'SHOW TABLES')).toEqual({ kind: 'rows', columns: ['Table Name'], rows: [['out_rows'], ['reviews']] });
    expect(engine.catalog.getTable('out_rows')?.options).toEqual({ connector: 'filesystem', path: '/tmp/x.jsonl', format: 'json' });
  });

  it('describes columns', async () => {
    await run(engine, "CREATE TABLE reviews (id INT NOT NULL, text STRING COMMENT 'the review', v ARRAY<FLOAT>)");
    expect(await runOne(engine, 'DESCRIBE reviews')).toEqual({
      kind: 'rows',
      columns: ['Column Name', 'Data Type', 'Nullable', 'Comment'],
      rows: [
        ['id', 'INT', false, null],
        ['text', 'STRING', true, 'the review'],
        ['v', 'ARRAY<FLOAT>', true, null],
      ],
    });
    expect(await rowsOf(engine, 'DESCRIBE TABLE reviews')).toHaveLength(3);
  });

  it('prints SHOW CREATE TABLE', async () => {
    await run(engine, "CREATE TABLE t (id INT NOT NULL, text STRING) COMMENT 'c' WITH ('connector' = 'memory')");
    const [[text]] = (await rowsOf(engine, 'SHOW CREATE TABLE t')) as [[string]];
    expect(text).toBe(["CREATE TABLE `t` (", '  `id` INT NOT NULL,', '  `text` STRING', ')', "COMMENT 'c'", 'WITH (', "  'connector' = 'memory'", ')'].join('\n'));
  });

  it('rejects an unknown connector, duplicate columns and options the connector refuses', async () => {
    const unknown = errorsOf(await failureOf(engine, "CREATE TABLE t (a INT) WITH ('connector' = 'kafka2')"));
    expect(unknown[0]?.code).toBe('LATERAL_ERR_OPTION_INVALID');
    expect(unknown[0]?.message).toContain("Unknown connector 'kafka2'");
    expect(unknown[0]?.expected).toEqual(['filesystem', 'memory']);
    expect(errorsOf(await failureOf(engine, 'CREATE TABLE t (a INT, A STRING)'))[0]?.code).toBe('LATERAL_ERR_TABLE_SCHEMA');
    const refused = errorsOf(await failureOf(engine, "CREATE TABLE t (a INT) WITH ('connector' = 'filesystem')"));
    expect(refused.length).toBeGreaterThan(0);
    expect(engine.catalog.listTables()).toEqual([]);
  });

  it('handles IF NOT EXISTS, existing names and DROP TABLE', async () => {
    await run(engine, 'CREATE TABLE t (a INT)');
    expect(errorsOf(await failureOf(engine, 'CREATE TABLE T (a INT)'))[0]?.code).toBe('LATERAL_ERR_CATALOG_EXISTS');
    expect(await messageOf(engine, 'CREATE TABLE IF NOT EXISTS t (a INT)')).toContain('nothing created');
    await run(engine, 'INSERT INTO t VALUES (1), (2)');
    expect(await rowsOf(engine, 'SELECT a FROM t')).toEqual([[1], [2]]);
    expect(await messageOf(engine, 'DROP TABLE t')).toBe('Table `t` dropped.');
    expect(errorsOf(await failureOf(engine, 'DROP TABLE t'))[0]?.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(await messageOf(engine, 'DROP TABLE IF EXISTS t')).toContain('nothing dropped');
    await run(engine, 'CREATE TABLE t (a INT)');
    expect(await rowsOf(engine, 'SELECT a FROM t')).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('points DESCRIBE of a model name at DESCRIBE MODEL', async () => {
    await run(engine, "CREATE MODEL m INPUT (t STRING) OUTPUT (o STRING) WITH ('provider' = 'confluent', 'task' = 'text_generation', 'confluent.model' = 'x')");
    const [error] = errorsOf(await failureOf(engine, 'DESCRIBE m'));
    expect(error?.code).toBe('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(error?.message).toContain('DESCRIBE MODEL `m`');
  });
});

describe('session settings', () => {
  it('sets, lists (secret-looking values masked) and resets', async () => {
    await run(engine, "SET 'sql.local-time-zone' = 'UTC'; SET 'client.api-key' = 'sk-session-0001'");
    expect(await runOne(engine, 'SET')).toEqual({
      kind: 'rows',
      columns: ['Key', 'Value'],
      rows: [
        ['client.api-key', '*****'],
        ['sql.local-time-zone', 'UTC'],
      ],
    });
    expect(await messageOf(engine, "RESET 'sql.local-time-zone'")).toBe("Session setting 'sql.local-time-zone' reset.");
    expect(await rowsOf(engine, 'SET')).toEqual([['client.api-key', '*****']]);
    await run(engine, 'RESET');
    expect(await rowsOf(engine, 'SET')).toEqual([]);
  });

  it('keeps settings for the life of the engine, across scripts', async () => {
    await run(engine, "SET 'a' = '1'");
    expect(await rowsOf(engine, 'SET')).toEqual([['a', '1']]);
  });
});
