import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AZURE_OPENAI_FAKE_API_VERSION, startAzureOpenAIFake, type AzureOpenAIFake } from '../fakes/azureopenai-fake.js';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/** Azure OpenAI through the CLI: deployment URLs with api-version, the `api-key` header, OPENAI-CHAT and OPENAI-EMBED. */
let fake: AzureOpenAIFake;
beforeAll(async () => {
  fake = await startAzureOpenAIFake();
});
afterAll(() => fake.close());

describe('azureopenai through the CLI', () => {
  it('runs examples/providers/azureopenai.sql: AI_COMPLETE and AI_EMBEDDING per row', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'azureopenai.sql', [['https://<your-resource>.openai.azure.com', fake.url]]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { AZURE_OPENAI_API_KEY: fake.apiKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE', embedding: deterministicEmbedding('I love this blender, it is fantastic and quiet.', 8) },
      { id: 2, response: 'NEGATIVE', embedding: deterministicEmbedding('Terrible support, the replacement part never arrived.', 8) },
      { id: 3, response: 'NEUTRAL', embedding: deterministicEmbedding('The box was delivered on Tuesday.', 8) },
    ]);
    const sent = sentSince(fake, before);
    for (const request of sent) {
      expect(request.headers['api-key']).toBe(fake.apiKey);
      expect(request.headers.authorization).toBeUndefined();
      expect(request.query.get('api-version')).toBe('2024-10-21');
    }
    const chats = sent.filter((request) => request.path === '/openai/deployments/gpt-4o-mini/chat/completions');
    expect(chats).toHaveLength(3);
    for (const request of chats) {
      // Azure routes by the deployment: no model unless one is set; unknown params pass through
      expect(request.json).not.toHaveProperty('model');
      expect(request.json).toMatchObject({
        max_completion_tokens: 16,
        messages: [{ role: 'system', content: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' }, { role: 'user' }],
      });
    }
    expect(sent.some((request) => request.path === '/openai/deployments/text-embedding-3-small/embeddings')).toBe(true);
    expectNoSecrets(run, [fake.apiKey]);
  });

  it('ML_PREDICT with a literal key and an explicit model_version in the worker pool', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION azure_openai_connection WITH ('type' = 'azureopenai',
         'endpoint' = '${fake.chatUrl('support-bot', AZURE_OPENAI_FAKE_API_VERSION)}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL llm_textgen_model INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'azureopenai', 'task' = 'text_generation',
               'azureopenai.connection' = 'azure_openai_connection',
               'azureopenai.model_version' = '2025-08-07',
               'azureopenai.PARAMS.max_completion_tokens' = '16384');
       CREATE TABLE tickets (id INT, body STRING);
       INSERT INTO tickets VALUES (1, 'The app is great'), (2, 'Login is broken again');
       SELECT id, response FROM tickets, LATERAL TABLE(ML_PREDICT('llm_textgen_model', body));`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE' },
      { id: 2, response: 'NEGATIVE' },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.path).toBe('/openai/deployments/support-bot/chat/completions');
      expect(request.json).toMatchObject({ model: '2025-08-07', max_completion_tokens: 16384, messages: [{ role: 'user' }] });
    }
  });
});
