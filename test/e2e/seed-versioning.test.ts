import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { expectFailure, expectSuccess, fixtureFile, lateral, lateralFile, newDataDir, positionOf, resultSets, sentSince } from './fixtures/cli-kit.js';

/** Model versioning as the seed describes it (confluent-dialect.md §5.1, §7), through the CLI. */
let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake();
});
afterAll(() => fake.close());

describe('seed §7: model versions', () => {
  it('adds versions, keeps default 1, calls `m$n`, moves the default, and DROP MODEL drops the default version', async () => {
    const dir = newDataDir();
    const file = fixtureFile(dir, 'seed-7-versioning.sql', { OPENAI_CHAT_URL: fake.chatUrl, OPENAI_KEY: fake.apiKey });
    const before = fake.requests.length;
    const run = await lateralFile(dir, file);
    expectSuccess(run);
    expect(run.stderr).toContain('`rater` with version 3 created. Default version: 1');
    expect(run.stderr).toMatch(/IF NOT EXISTS/);
    const sets = resultSets(run.rows);
    expect(sets.map((set) => set.columns)).toEqual([['v1'], ['v2'], ['v3'], ['VersionId', 'IsDefaultVersion', 'Inputs', 'Outputs', 'Options', 'Comment']]);
    // each version sent its own model id
    const models = sentSince(fake, before).map((request) => (request.json as { model: string }).model);
    expect(models).toEqual(['gpt-3.5-turbo', 'gpt-4o-mini', 'gpt-4o']);
    // version 3 (the default) dropped: 1 and 2 remain, 1 is the default again
    expect(sets[3]!.rows.map((row) => [row.VersionId, row.IsDefaultVersion])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(JSON.stringify(sets[3]!.rows)).not.toContain('never-created');
  });

  it('a new version must keep INPUT, OUTPUT, COMMENT and task: LATERAL_ERR_CATALOG_VERSION_CONFLICT', async () => {
    const dir = newDataDir();
    const sql = `CREATE CONNECTION chat WITH ('type' = 'openai', 'endpoint' = '${fake.chatUrl}', 'api-key' = '${fake.apiKey}');
CREATE MODEL rater INPUT (text STRING) OUTPUT (label STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat');
CREATE MODEL rater INPUT (text STRING) OUTPUT (verdict STRING)
  WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat');`;
    const run = await lateral(dir, sql);
    expectFailure(run, 'LATERAL_ERR_CATALOG_VERSION_CONFLICT', { line: positionOf(sql, 'OUTPUT (verdict').line });
  });
});
