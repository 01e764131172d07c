import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzureMLFake, type AzureMLFake } from '../fakes/azureml-fake.js';
import { expectSuccess, lateral, newDataDir, sentSince } from './fixtures/cli-kit.js';

/**
 * BIGINT and DECIMAL are exact through the built CLI (issue 8, item 3): every output format
 * prints every digit, JSON output writes them as JSON numbers with exact digits (a DECIMAL with
 * its scale), rows round-trip through memory, JSON and CSV tables, and a model's BIGINT/DECIMAL
 * inputs and outputs keep their digits on the wire.
 */
const MAX = '9223372036854775807';
const MIN = '-9223372036854775808';

async function output(sql: string, format: 'table' | 'json' | 'ndjson' | 'csv', dir = newDataDir()): Promise<string> {
  const run = await lateral(dir, sql, { format });
  expectSuccess(run);
  return run.stdout;
}

describe('exact numbers in every output format', () => {
  const SQL = `SELECT 9223372036854775807 AS big, ${MIN} AS small, CAST(2 AS DECIMAL(10,2)) AS two, CAST(123456789012345678.12 AS DECIMAL(20,2)) AS money;`;

  it('table', async () => {
    const text = await output(SQL, 'table');
    expect(text).toContain(MAX);
    expect(text).not.toContain('9223372036854776000');
    expect(text).toContain(MIN);
    expect(text).toMatch(/\b2\.00\b/);
    expect(text).toContain('123456789012345678.12');
  });

  it('json: numbers with exact digits', async () => {
    const text = await output(SQL, 'json');
    expect(text).toContain(`{"big":${MAX},"small":${MIN},"two":2.00,"money":123456789012345678.12}`);
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('ndjson: numbers with exact digits', async () => {
    const text = await output(SQL, 'ndjson');
    expect(text).toBe(`{"big":${MAX},"small":${MIN},"two":2.00,"money":123456789012345678.12}\n`);
  });

  it('csv', async () => {
    const text = await output(SQL, 'csv');
    expect(text).toBe(`big,small,two,money\n${MAX},${MIN},2.00,123456789012345678.12\n`);
  });

  it('SELECT 9223372036854775807 prints 9223372036854775807, CAST(2 AS DECIMAL(10,2)) prints 2.00', async () => {
    expect(await output('SELECT 9223372036854775807 AS v;', 'csv')).toBe(`v\n${MAX}\n`);
    expect(await output('SELECT CAST(2 AS DECIMAL(10,2)) AS v;', 'csv')).toBe('v\n2.00\n');
  });

  it('BIGINT overflow is a clear error, not a wrong number', async () => {
    const run = await lateral(newDataDir(), 'SELECT 9223372036854775807 + 1 AS v;');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_EXEC_RUNTIME');
    expect(run.stderr).toMatch(/overflow.*BIGINT/);
  });
});

describe('exact numbers in tables', () => {
  it.each([
    ['memory', ''],
    ['json', "WITH ('connector' = 'filesystem', 'path' = '%DIR%/t.json', 'format' = 'json')"],
    ['csv', "WITH ('connector' = 'filesystem', 'path' = '%DIR%/t.csv', 'format' = 'csv')"],
  ])('a %s table keeps every digit, and one id above 2^53 does not poison it', async (_kind, withClause) => {
    const dir = newDataDir();
    const create = `CREATE TABLE ids (id BIGINT, amount DECIMAL(20, 2)) ${withClause.replace('%DIR%', join(dir, 'files'))};`;
    const insert = `INSERT INTO ids VALUES (9007199254740993, 123456789012345678.12), (${MIN}, 2), (1, 0.5);`;
    expectSuccess(await lateral(dir, `${create}\n${insert}`));
    const text = await output('SELECT id, amount FROM ids ORDER BY id;', 'ndjson', dir);
    expect(text).toBe(
      [`{"id":${MIN},"amount":2.00}`, '{"id":1,"amount":0.50}', '{"id":9007199254740993,"amount":123456789012345678.12}', ''].join('\n'),
    );
  });
});

describe('exact numbers in model inputs and outputs', () => {
  let fake: AzureMLFake;
  beforeAll(async () => {
    fake = await startAzureMLFake();
  });
  afterAll(() => fake.close());

  it('a BIGINT and a DECIMAL go to an Azure ML regression model with every digit, and its DECIMAL answer keeps its digits', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    // The regression model answers a value with more digits than a double holds.
    fake.queue.push({ status: 200, headers: { 'content-type': 'application/json' }, body: '[12345678901234567890.125]' });
    const run = await lateral(
      dir,
      `CREATE CONNECTION aml WITH ('type' = 'azureml', 'endpoint' = '${fake.scoreUrl}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL price INPUT (id BIGINT, amount DECIMAL(20, 2)) OUTPUT (estimate DECIMAL(30, 3))
         WITH ('task' = 'regression', 'provider' = 'azureml', 'azureml.connection' = 'aml',
               'azureml.input_format' = 'AZUREML-PANDAS-DATAFRAME');
       CREATE TABLE items (id BIGINT, amount DECIMAL(20, 2));
       INSERT INTO items VALUES (9007199254740993, 123456789012345678.12);
       SELECT id, estimate FROM items, LATERAL TABLE(ML_PREDICT('price', id, amount));`,
      { format: 'csv' },
    );
    expectSuccess(run);
    expect(run.stdout).toBe('id,estimate\n9007199254740993,12345678901234567890.125\n');
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.toString('utf8')).toContain('"data":[[9007199254740993,123456789012345678.12]]');
  });

  it('a BIGINT output above 2^53 keeps its digits through the fake scoring its input', async () => {
    const dir = newDataDir();
    fake.queue.push({ status: 200, headers: { 'content-type': 'application/json' }, body: `[${MAX}]` });
    const run = await lateral(
      dir,
      `CREATE CONNECTION aml WITH ('type' = 'azureml', 'endpoint' = '${fake.scoreUrl}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL counter INPUT (n INT) OUTPUT (total BIGINT)
         WITH ('task' = 'regression', 'provider' = 'azureml', 'azureml.connection' = 'aml',
               'azureml.input_format' = 'AZUREML-PANDAS-DATAFRAME');
       CREATE TABLE one (n INT);
       INSERT INTO one VALUES (1);
       SELECT total FROM one, LATERAL TABLE(ML_PREDICT('counter', n));`,
      { format: 'ndjson', execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.stdout).toBe(`{"total":${MAX}}\n`);
  });
});
