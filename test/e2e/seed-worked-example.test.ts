import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEmbedding, sentimentLabel } from '../fakes/fake-content.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { expectFailure, expectNoSecrets, expectSuccess, fixtureFile, lateral, lateralFile, newDataDir, positionOf, resultSets, sentSince } from './fixtures/cli-kit.js';

/**
 * The seed's worked example (confluent-dialect.md §14: two connections, a versioned model, ALTER
 * MODEL default_version, a two-function query, DESCRIBE MODEL `summarizer$all`, DROP MODEL
 * `summarizer$1`, SHOW MODELS LIKE) and the connection/model statements of §4 and §8, through
 * `lateral run` against the OpenAI fake.
 */
let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake();
});
afterAll(() => fake.close());

const BODIES = ['Kafka keeps an ordered log, and I love how great it is.', 'Flink jobs that crash on bad input are terrible.'];
const STALE_KEY = 'sk-stale-e2e-key-0123456789abcdef';

describe('seed §14: the worked example', () => {
  it('prints id, summary, embedding; then the versions; then drops version 1 and lists the model', async () => {
    const dir = newDataDir();
    const file = fixtureFile(dir, 'seed-14-worked-example.sql', {
      OPENAI_CHAT_URL: fake.chatUrl,
      OPENAI_EMBEDDINGS_URL: fake.embeddingsUrl,
      OPENAI_KEY: fake.apiKey,
    });
    const before = fake.requests.length;
    const run = await lateralFile(dir, file);
    expectSuccess(run);
    const sets = resultSets(run.rows);
    expect(sets.map((set) => set.columns)).toEqual([
      ['id', 'summary', 'embedding'],
      ['VersionId', 'IsDefaultVersion', 'Inputs', 'Outputs', 'Options', 'Comment'],
      ['Model Name'],
    ]);
    // version 2 (the new default) summarises; its summary is what AI_EMBEDDING embeds
    expect(sets[0]!.rows).toEqual(
      BODIES.map((body, index) => {
        const summary = sentimentLabel(body);
        return { id: index + 1, summary, embedding: deterministicEmbedding(summary, 8) };
      }),
    );
    const chats = sentSince(fake, before).filter((request) => request.path === '/v1/chat/completions');
    expect(chats).toHaveLength(2);
    for (const request of chats) {
      expect(request.json).toMatchObject({ model: 'gpt-3.5-turbo', messages: [{ role: 'system', content: 'Summarize in five words.' }, { role: 'user' }] });
      expect(request.json).not.toHaveProperty('temperature');
    }
    const versions = sets[1]!.rows;
    expect(versions.map((row) => [row.VersionId, row.IsDefaultVersion])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions.every((row) => row.Inputs === '(prompt STRING)' && row.Outputs === '(summary STRING)')).toBe(true);
    expect(String(versions[0]!.Options)).toContain('Summarize in one sentence.');
    expect(String(versions[1]!.Options)).toContain('Summarize in five words.');
    expect(sets[2]!.rows).toEqual([{ 'Model Name': 'summarizer' }]);
    expect(run.stderr).toContain('`summarizer` with version 2 created. Default version: 1');
    expectNoSecrets(run, [fake.apiKey]);

    // what DROP MODEL `summarizer$1` left: version 2 alone, still the default
    const after = await lateral(dir, 'DESCRIBE MODEL `summarizer$all`;');
    expectSuccess(after);
    expect(after.rows.map((row) => [row.VersionId, row.IsDefaultVersion])).toEqual([[2, true]]);
  });
});

describe('seed §4 and §8: connection and model statements', () => {
  it('SHOW / DESCRIBE / ALTER / DROP CONNECTION and ALTER (SET, RESET, RENAME) / SHOW CREATE / DESCRIBE / DROP MODEL', async () => {
    const dir = newDataDir();
    const file = fixtureFile(dir, 'seed-4-8-statements.sql', { OPENAI_CHAT_URL: fake.chatUrl, OPENAI_KEY: fake.apiKey, STALE_KEY });
    const before = fake.requests.length;
    const run = await lateralFile(dir, file);
    expectSuccess(run);
    const sets = resultSets(run.rows);
    expect(sets.map((set) => set.columns)).toEqual([
      ['Name'],
      ['Name', 'Type', 'Endpoint', 'Comment'],
      ['Create Statement'],
      ['Inputs', 'Outputs', 'Options', 'Comment'],
      ['VersionId', 'IsDefaultVersion', 'Inputs', 'Outputs', 'Options', 'Comment'],
      ['Model Name'],
      ['label'],
    ]);
    expect(sets[0]!.rows).toEqual([{ Name: 'conn-one' }]);
    expect(sets[1]!.rows).toEqual([{ Name: 'conn-one', Type: 'OPENAI', Endpoint: fake.chatUrl, Comment: null }]);
    const create = String(sets[2]!.rows[0]!['Create Statement']);
    expect(create).toContain("'OPENAI.CONNECTION' = 'conn-one'");
    expect(create).toContain("'PROVIDER' = 'openai'");
    // version 2 after SET and RESET: the prompt added, the model_version removed
    const v2 = sets[4]!.rows;
    expect(v2).toHaveLength(1);
    expect(v2[0]).toMatchObject({ VersionId: 2, IsDefaultVersion: false });
    expect(String(v2[0]!.Options)).toContain('OPENAI.SYSTEM_PROMPT=Return only POSITIVE, NEGATIVE, or NEUTRAL.');
    expect(String(v2[0]!.Options)).not.toContain('MODEL_VERSION');
    expect(sets[5]!.rows).toEqual([{ 'Model Name': 'renamed-model' }]);
    expect(sets[6]!.rows).toEqual([{ label: 'POSITIVE' }]);
    // the query ran with the key ALTER CONNECTION set, and version 2's options
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(sent[0]!.json).toMatchObject({ model: 'gpt-3.5-turbo', messages: [{ role: 'system' }, { role: 'user', content: 'A great day' }] });
    expectNoSecrets(run, [fake.apiKey, STALE_KEY]);

    const after = await lateral(dir, 'SHOW MODELS; SHOW CONNECTIONS;');
    expectSuccess(after);
    expect(after.rows).toEqual([]);
  });

  it("the seed's free-form ALTER MODEL SET (tag = 'prod', …): model options are validated, so an unknown key is a coded error", async () => {
    const dir = newDataDir();
    const sql = `CREATE CONNECTION c WITH ('type' = 'openai', 'endpoint' = '${fake.chatUrl}', 'api-key' = '${fake.apiKey}');
CREATE MODEL m INPUT (text STRING) OUTPUT (label STRING) WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'c');
ALTER MODEL m SET (tag = 'prod', description = "new_description");`;
    const run = await lateral(dir, sql);
    const stderr = expectFailure(run, 'LATERAL_ERR_OPTION_UNKNOWN', positionOf(sql, "tag = 'prod'"));
    expect(stderr).toContain('tag');
  });
});
