import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { startGoogleAIFake, type GoogleAIFake } from '../fakes/googleai-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/** Google AI through the CLI: GEMINI-GENERATE and GEMINI-EMBED, the key in `x-goog-api-key` and never in the URL. */
let fake: GoogleAIFake;
beforeAll(async () => {
  fake = await startGoogleAIFake({ apiKey: 'AIzaSy-e2e-googleai-key-0123456789' });
});
afterAll(() => fake.close());

const REVIEWS = [
  'I love this blender, it is fantastic and quiet.',
  'Terrible support, the replacement part never arrived.',
  'The box was delivered on Tuesday.',
];

describe('googleai through the CLI', () => {
  it('runs examples/providers/googleai.sql: generation and batched embeddings', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'googleai.sql', [['https://generativelanguage.googleapis.com', fake.url]]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { GEMINI_API_KEY: fake.apiKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, sentiment: 'POSITIVE', embedding: deterministicEmbedding(REVIEWS[0]!, 16) },
      { id: 2, sentiment: 'NEGATIVE', embedding: deterministicEmbedding(REVIEWS[1]!, 16) },
      { id: 3, sentiment: 'NEUTRAL', embedding: deterministicEmbedding(REVIEWS[2]!, 16) },
    ]);
    const sent = sentSince(fake, before);
    for (const request of sent) {
      expect(request.headers['x-goog-api-key']).toBe(fake.apiKey);
      expect(request.url).not.toContain(fake.apiKey);
    }
    const generations = sent.filter((request) => request.path === '/v1beta/models/gemini-2.5-flash:generateContent');
    expect(generations).toHaveLength(3);
    for (const request of generations) {
      const body = request.json as Record<string, unknown>;
      expect(body).toMatchObject({ contents: [{ parts: [{ text: expect.any(String) }] }] });
      expect(JSON.stringify(body.systemInstruction ?? body.system_instruction)).toContain('Return only POSITIVE, NEGATIVE, or NEUTRAL.');
      expect(JSON.stringify(body.generationConfig ?? body.generation_config)).toContain('"temperature":0');
    }
    // GEMINI-EMBED batches the rows into :batchEmbedContents
    const embeds = sent.filter((request) => request.path === '/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(embeds.length).toBeGreaterThanOrEqual(1);
    const texts = embeds.flatMap((request) => (request.json as { requests: Array<{ model: string; content: { parts: Array<{ text: string }> } }> }).requests);
    for (const item of texts) expect(item.model).toBe('models/gemini-embedding-001');
    expect(texts.map((item) => item.content.parts[0]!.text).sort()).toEqual([...REVIEWS].sort());
    expectNoSecrets(run, [fake.apiKey]);
  });

  it('AI_COMPLETE and AI_EMBEDDING with a literal key, in the worker pool', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION gen WITH ('type' = 'googleai', 'endpoint' = '${fake.endpoint('gemini-2.0-flash')}', 'api-key' = '${fake.apiKey}');
       CREATE CONNECTION emb WITH ('type' = 'googleai', 'endpoint' = '${fake.endpoint('text-embedding-004', 'embedContent')}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL writer INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'googleai', 'task' = 'text_generation', 'googleai.connection' = 'gen', 'googleai.input_format' = 'GEMINI-GENERATE');
       CREATE MODEL embedder INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
         WITH ('provider' = 'googleai', 'task' = 'embedding', 'googleai.connection' = 'emb', 'googleai.input_format' = 'GEMINI-EMBED',
               'googleai.params.task_type' = 'RETRIEVAL_DOCUMENT');
       CREATE TABLE docs (id INT, body STRING);
       INSERT INTO docs VALUES (1, 'A wonderful, happy ending'), (2, 'The worst sequel');
       SELECT d.id, c.response, e.embedding
       FROM docs d, LATERAL TABLE(AI_COMPLETE('writer', d.body)) c, LATERAL TABLE(AI_EMBEDDING('embedder', d.body)) e;`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE', embedding: deterministicEmbedding('A wonderful, happy ending', 8) },
      { id: 2, response: 'NEGATIVE', embedding: deterministicEmbedding('The worst sequel', 8) },
    ]);
    const sent = sentSince(fake, before);
    expect(sent.filter((request) => request.path === '/v1beta/models/gemini-2.0-flash:generateContent')).toHaveLength(2);
    const embeds = sent.filter((request) => request.path === '/v1beta/models/text-embedding-004:batchEmbedContents');
    expect(embeds.length).toBeGreaterThanOrEqual(1);
    for (const request of embeds) {
      for (const item of (request.json as { requests: Array<Record<string, unknown>> }).requests) {
        expect(item.taskType ?? item.task_type).toBe('RETRIEVAL_DOCUMENT');
      }
    }
    expectNoSecrets(run, [fake.apiKey]);
  });
});
