import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { freshDataDir, ndjson, runCli } from '../support/run-cli.js';

let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake();
});
afterAll(() => fake.close());

/** A data dir with a working connection, model and a 2-row table. */
async function preparedDataDir(apiKey: string, endpoint = fake.chatUrl): Promise<string> {
  const dir = freshDataDir();
  const setup = await runCli([
    '--data-dir',
    dir,
    '-e',
    `CREATE CONNECTION conn WITH ('type'='openai', 'endpoint'='${endpoint}', 'api-key'='${apiKey}');
     CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING)
       WITH ('provider'='openai', 'task'='classification', 'openai.connection'='conn');
     CREATE TABLE t (id INT, text STRING);
     INSERT INTO t VALUES (1, 'I love it'), (2, 'I hate it');`,
  ]);
  expect(setup.stderr.includes('LATERAL_ERR'), setup.stderr).toBe(false);
  expect(setup.code).toBe(0);
  return dir;
}

/** Proves nothing already accepted was lost after a failure. */
async function expectCatalogIntact(dir: string): Promise<void> {
  const models = await runCli(['--data-dir', dir, '--format', 'ndjson', '-e', 'SHOW MODELS;']);
  expect(ndjson(models.stdout)).toEqual([{ 'Model Name': 'm' }]);
  const rows = await runCli(['--data-dir', dir, '--format', 'ndjson', '-e', 'SELECT id FROM t;']);
  expect(ndjson(rows.stdout)).toEqual([{ id: 1 }, { id: 2 }]);
}

describe('errors through the CLI: clear, coded, non-zero exit, nothing lost', () => {
  it('bad SQL names line and column with a caret and what was expected', async () => {
    const dir = await preparedDataDir(fake.apiKey);
    const run = await runCli(['--data-dir', dir, '-e', 'SHOW MODELS;\nSELEC id FROM t;']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_PARSE_SYNTAX');
    expect(run.stderr).toMatch(/:2:1\b/);
    expect(run.stderr).toContain('SELEC id FROM t');
    expect(run.stderr).toMatch(/\n\s*\^/);
    expect(run.stderr).toMatch(/expected/i);
    // The script is parsed whole before anything runs: SHOW MODELS printed nothing.
    expect(run.stdout).not.toContain('m');
    await expectCatalogIntact(dir);
  });

  it('an unknown model', async () => {
    const dir = await preparedDataDir(fake.apiKey);
    const run = await runCli(['--data-dir', dir, '-e', "SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('nosuchmodel', text));"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_CATALOG_NOT_FOUND');
    expect(run.stderr).toContain('nosuchmodel');
    expect(run.stderr).toMatch(/:1:\d+/);
    await expectCatalogIntact(dir);
  });

  it('a missing option', async () => {
    const dir = await preparedDataDir(fake.apiKey);
    const run = await runCli([
      '--data-dir',
      dir,
      '-e',
      "CREATE MODEL m2 INPUT (text STRING) OUTPUT (label STRING) WITH ('provider'='openai', 'task'='classification');",
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_OPTION_MISSING');
    expect(run.stderr).toContain('openai.connection');
    await expectCatalogIntact(dir);
  });

  it('a wrong key: the provider 401 is reported, the key is not', async () => {
    const wrongKey = 'sk-wrong-key-9876543210abcdef';
    const dir = await preparedDataDir(wrongKey);
    const run = await runCli(['--data-dir', dir, '-e', "SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text));"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_PROVIDER_HTTP');
    expect(run.stderr).toContain('401');
    expect(run.stderr).not.toContain(wrongKey);
    await expectCatalogIntact(dir);
  });

  it('an unreachable endpoint', async () => {
    const dir = await preparedDataDir(fake.apiKey, 'http://127.0.0.1:9/v1/chat/completions');
    const run = await runCli([
      '--data-dir',
      dir,
      '-e',
      "SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, MAP['retry_count', 0]));",
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/LATERAL_ERR_PROVIDER_UNREACHABLE|LATERAL_ERR_RETRIES_EXHAUSTED/);
    expect(run.stderr).toContain('127.0.0.1:9');
    await expectCatalogIntact(dir);
  });

  it('a malformed provider response', async () => {
    const dir = await preparedDataDir(fake.apiKey);
    fake.queue.push({ status: 200, body: 'this is not json' }, { status: 200, body: 'this is not json' });
    const run = await runCli([
      '--data-dir',
      dir,
      '--execution',
      'in-process',
      '-e',
      "SELECT id, label FROM t, LATERAL TABLE(ML_PREDICT('m', text, MAP['max_parallelism', 1]));",
    ]);
    fake.queue.length = 0;
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('LATERAL_ERR_PROVIDER_RESPONSE');
    expect(run.stderr).toMatch(/not valid json/i);
    await expectCatalogIntact(dir);
  });
});
