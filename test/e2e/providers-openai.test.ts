import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { startOpenAIFake, type OpenAIFake } from '../fakes/openai-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/** OpenAI through the CLI: OPENAI-CHAT (ML_PREDICT, AI_COMPLETE) and OPENAI-EMBED (AI_EMBEDDING). */
let fake: OpenAIFake;
beforeAll(async () => {
  fake = await startOpenAIFake();
});
afterAll(() => fake.close());

const REVIEWS = `CREATE TABLE reviews (id INT, review STRING);
INSERT INTO reviews VALUES (1, 'I love it, great value'), (2, 'Terrible, it broke'), (3, 'It arrived on Tuesday');`;

describe('openai through the CLI', () => {
  it('runs examples/providers/openai.sql: sentiment and embedding columns per row', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'openai.sql', [['https://api.openai.com', fake.url]]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { OPENAI_API_KEY: fake.apiKey } });
    expectSuccess(run);
    const reviews = [
      'I love this blender, it is fantastic and quiet.',
      'Terrible support, the replacement part never arrived.',
      'The box was delivered on Tuesday.',
    ];
    expect(run.rows).toEqual([
      { id: 1, sentiment: 'POSITIVE', embedding: deterministicEmbedding(reviews[0]!, 8) },
      { id: 2, sentiment: 'NEGATIVE', embedding: deterministicEmbedding(reviews[1]!, 8) },
      { id: 3, sentiment: 'NEUTRAL', embedding: deterministicEmbedding(reviews[2]!, 8) },
    ]);
    const sent = sentSince(fake, before);
    expect(sent.every((request) => request.headers.authorization === `Bearer ${fake.apiKey}`)).toBe(true);
    expect(sent.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(3);
    // embeddings are batched: the three texts may share one request
    const embedded = sent.filter((request) => request.path === '/v1/embeddings').flatMap((request) => (request.json as { input: string[] }).input);
    expect(embedded.sort()).toEqual([...reviews].sort());
    expectNoSecrets(run, [fake.apiKey]);
  });

  it('ML_PREDICT with OPENAI-CHAT: literal key, model, system prompt and params in the body', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION chat WITH ('type' = 'openai', 'endpoint' = '${fake.chatUrl}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL sentimentmodel INPUT (text STRING) OUTPUT (sentiment STRING)
         WITH ('provider' = 'openai', 'task' = 'classification', 'openai.connection' = 'chat',
               'openai.model_version' = 'gpt-4o-mini', 'openai.input_format' = 'OPENAI-CHAT',
               'openai.system_prompt' = 'Return only POSITIVE, NEGATIVE, or NEUTRAL.',
               'openai.PARAMS.temperature' = '0.2', 'openai.PARAMS.max_tokens' = '5');
       ${REVIEWS}
       SELECT id, review, sentiment FROM reviews, LATERAL TABLE(ML_PREDICT('sentimentmodel', review));`,
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, review: 'I love it, great value', sentiment: 'POSITIVE' },
      { id: 2, review: 'Terrible, it broke', sentiment: 'NEGATIVE' },
      { id: 3, review: 'It arrived on Tuesday', sentiment: 'NEUTRAL' },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(3);
    for (const request of sent) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.json).toMatchObject({
        model: 'gpt-4o-mini',
        temperature: 0.2,
        max_tokens: 5,
        messages: [
          { role: 'system', content: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' },
          { role: 'user', content: expect.any(String) },
        ],
      });
    }
    const prompts = sent.map((request) => (request.json as { messages: Array<{ content: string }> }).messages[1]!.content);
    expect(prompts.sort()).toEqual(['I love it, great value', 'It arrived on Tuesday', 'Terrible, it broke']);
  });

  it('AI_COMPLETE and AI_EMBEDDING in the worker pool, the key read from ${env:…}', async () => {
    const dir = newDataDir();
    const env = { LATERAL_E2E_OPENAI_KEY: fake.apiKey };
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION chat WITH ('type' = 'openai', 'endpoint' = '${fake.chatUrl}', 'api-key' = '\${env:LATERAL_E2E_OPENAI_KEY}');
       CREATE CONNECTION emb WITH ('type' = 'openai', 'endpoint' = '${fake.embeddingsUrl}', 'api-key' = '\${env:LATERAL_E2E_OPENAI_KEY}');
       CREATE MODEL writer INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'openai', 'task' = 'text_generation', 'openai.connection' = 'chat');
       CREATE MODEL embedder INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
         WITH ('provider' = 'openai', 'task' = 'embedding', 'openai.connection' = 'emb', 'openai.input_format' = 'OPENAI-EMBED');
       ${REVIEWS}
       SELECT r.id, c.response, e.embedding
       FROM reviews r,
            LATERAL TABLE(AI_COMPLETE('writer', r.review)) c,
            LATERAL TABLE(AI_EMBEDDING('embedder', r.review)) e;`,
      { execution: 'pool', env },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE', embedding: deterministicEmbedding('I love it, great value', 8) },
      { id: 2, response: 'NEGATIVE', embedding: deterministicEmbedding('Terrible, it broke', 8) },
      { id: 3, response: 'NEUTRAL', embedding: deterministicEmbedding('It arrived on Tuesday', 8) },
    ]);
    const sent = sentSince(fake, before);
    const chats = sent.filter((request) => request.path === '/v1/chat/completions');
    expect(chats).toHaveLength(3);
    // the documented defaults: gpt-3.5-turbo for chat, text-embedding-3-small for embeddings
    for (const request of chats) expect(request.json).toMatchObject({ model: 'gpt-3.5-turbo', messages: [{ role: 'user' }] });
    const embeddings = sent.filter((request) => request.path === '/v1/embeddings');
    expect(embeddings.length).toBeGreaterThanOrEqual(1);
    for (const request of embeddings) expect(request.json).toMatchObject({ model: 'text-embedding-3-small', input: expect.any(Array) });
    expectNoSecrets(run, [fake.apiKey]);
  });
});
