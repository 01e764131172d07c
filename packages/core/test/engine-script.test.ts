import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine, formatLateralError, LateralError, type InferenceRuntime, type Row } from '@lateral/core';
import type { InferenceInput, InferenceOutput } from '../src/inference/inference-runtime.js';
import { CHAT_CONNECTION, SENTIMENT_MODEL, collect, errorsOf, failureOf, openEngine, run, temporaryDataDir, testRegistry } from './engine-test-kit.js';

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

describe('executeScript', () => {
  it('parses the whole script first: a syntax error runs nothing', async () => {
    const error = errorsOf(await failureOf(engine, 'CREATE TABLE a (x INT);\nSELECT * FORM a'))[0] as LateralError;
    expect(error.code).toBe('LATERAL_ERR_PARSE_SYNTAX');
    expect(error.location?.start).toMatchObject({ line: 2, column: 10 });
    expect(error.expected).toContain('FROM');
    expect(error.details?.excerpt).toBe('SELECT * FORM a\n         ^^^^');
    expect(engine.catalog.listTables()).toEqual([]);
    expect(formatLateralError(error)).toBe(
      'test.sql:2:10: LATERAL_ERR_PARSE_SYNTAX: expected \',\', \';\', FROM, LIMIT, ORDER, WHERE or end of input but found "FORM"; did you mean FROM?\nSELECT * FORM a\n         ^^^^',
    );
  });

  it('masks credential values in the excerpt of a syntax error', async () => {
    const error = errorsOf(await failureOf(engine, "CREATE CONNECTION c WITH ('type' = 'testai', 'api-key' = 'sk-VERY-SECRET' 'endpoint' = 'x')"))[0] as LateralError;
    expect(error.code).toBe('LATERAL_ERR_PARSE_SYNTAX');
    expect(formatLateralError(error)).not.toContain('sk-VERY-SECRET');
    expect(String(error.details?.excerpt)).toContain("'api-key' = '*****'");
  });

  it('runs statements in order and stops at the first failure, keeping what ran', async () => {
    const results: string[] = [];
    const failure = await (async () => {
      try {
        for await (const result of engine.executeScript('CREATE TABLE a (x INT); CREATE TABLE a (x INT); CREATE TABLE b (x INT)')) {
          const collected = await collect(result);
          if (collected.kind === 'message') results.push(collected.message);
        }
      } catch (error) {
        return error as LateralError;
      }
      return undefined;
    })();
    expect(results).toEqual(['Table `a` created.']);
    expect(failure?.code).toBe('LATERAL_ERR_CATALOG_EXISTS');
    expect(failure?.details?.statementIndex).toBe(1);
    expect(engine.catalog.listTables().map((table) => table.name)).toEqual(['a']);
  });

  it('gives query errors the statement text, index, location and a caret excerpt', async () => {
    const error = errorsOf(await failureOf(engine, 'SHOW TABLES;\n  SELECT x FROM missing_table'))[0] as LateralError;
    expect(error.code).toBe('LATERAL_ERR_BIND_UNKNOWN_TABLE');
    expect(error.details?.statementIndex).toBe(1);
    expect(error.statementText).toBe('SELECT x FROM missing_table');
    expect(error.location?.start.line).toBe(2);
    const text = formatLateralError(error);
    expect(text.split('\n')[0]).toMatch(/^test\.sql:2:\d+: LATERAL_ERR_BIND_UNKNOWN_TABLE: /);
    expect(text.split('\n').slice(1)).toEqual(['  SELECT x FROM missing_table', '                ^^^^^^^^^^^^^']);
  });

  it('never puts a secret into an error of a CREATE CONNECTION', async () => {
    const failure = await failureOf(
      engine,
      "CREATE CONNECTION c WITH ('type' = 'testai', 'endpoint' = 'http://127.0.0.1:1/', 'api-key' = 'sk-VERY-SECRET', 'colour' = 'red')",
    );
    for (const error of errorsOf(failure)) {
      expect(JSON.stringify(error.toPlain())).not.toContain('sk-VERY-SECRET');
      expect(error.statementText).toContain("'api-key' = '*****'");
    }
    expect(formatLateralError(failure, 'x.sql')).not.toContain('sk-VERY-SECRET');
  });

  it('formats several errors one after the other, with the expected list when the message lacks it', async () => {
    const failure = await failureOf(engine, "CREATE TABLE t (a INT) WITH ('connector' = 'nope')");
    const text = formatLateralError(failure, 'x.sql');
    expect(text).toContain("LATERAL_ERR_OPTION_INVALID: Unknown connector 'nope'");
    expect(formatLateralError(new LateralError({ code: 'LATERAL_ERR_OPTION_UNKNOWN', message: 'bad', expected: ['a', 'b'] }))).toBe(
      'LATERAL_ERR_OPTION_UNKNOWN: bad\nexpected one of: a, b',
    );
    expect(formatLateralError(new Error('boom'))).toBe('LATERAL_ERR_INTERNAL: boom');
  });

  it('stops before a statement when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const iterator = engine.executeScript('CREATE TABLE a (x INT)', { signal: controller.signal });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'LATERAL_ERR_ABORTED', details: { statementIndex: 0 } });
    expect(engine.catalog.listTables()).toEqual([]);
  });

  it('closes rows a caller did not drain before running the next statement', async () => {
    await run(engine, 'CREATE TABLE t (a INT); INSERT INTO t VALUES (1), (2), (3)');
    const seen: string[] = [];
    for await (const result of engine.executeScript('SELECT a FROM t; SHOW TABLES')) seen.push(result.kind);
    expect(seen).toEqual(['rows', 'rows']);
  });

  it('dispatches queries to the query engine with the session context', async () => {
    const echo: InferenceRuntime = {
      openSession: () => ({
        async *process<T>(inputs: AsyncIterable<Array<InferenceInput<T>>>): AsyncIterable<Array<InferenceOutput<T>>> {
          for await (const batch of inputs) yield batch.map((input) => ({ tag: input.tag, output: [`label:${String(input.values[0])}`] as Row }));
        },
      }),
      async close() {},
    };
    const session = await Engine.open({ dataDir: dir, registry: testRegistry(), inference: echo, environment: {} });
    await run(session, `${CHAT_CONNECTION}; ${SENTIMENT_MODEL}; CREATE TABLE r (id INT, text STRING); INSERT INTO r VALUES (1, 'great')`);
    const [result] = await run(session, "SELECT r.id, s.label FROM r, LATERAL TABLE(ML_PREDICT('sentiment', r.text)) s");
    expect(result).toEqual({ kind: 'rows', columns: ['id', 'label'], rows: [[1, 'label:great']] });
  });
});
