import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import { FIREWORKS_CHAT_MODEL, FIREWORKS_EMBED_MODEL, startFireworksAIFake, type FireworksAIFake } from '../fakes/fireworksai-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/** Fireworks AI through the CLI: OPENAI-CHAT and OPENAI-EMBED under /inference/v1, Bearer key, resource-name models. */
let fake: FireworksAIFake;
beforeAll(async () => {
  fake = await startFireworksAIFake();
});
afterAll(() => fake.close());

describe('fireworksai through the CLI', () => {
  it('runs examples/providers/fireworksai.sql: sentiment and embedding per row', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'fireworksai.sql', [['https://api.fireworks.ai', fake.url]]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { FIREWORKS_API_KEY: fake.apiKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, sentiment: 'POSITIVE', embedding: deterministicEmbedding('I love this blender, it is fantastic and quiet.', 8) },
      { id: 2, sentiment: 'NEGATIVE', embedding: deterministicEmbedding('Terrible support, the replacement part never arrived.', 8) },
      { id: 3, sentiment: 'NEUTRAL', embedding: deterministicEmbedding('The box was delivered on Tuesday.', 8) },
    ]);
    const sent = sentSince(fake, before);
    for (const request of sent) expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    const chats = sent.filter((request) => request.path === '/inference/v1/chat/completions');
    expect(chats).toHaveLength(3);
    for (const request of chats) {
      expect(request.json).toMatchObject({
        model: FIREWORKS_CHAT_MODEL,
        messages: [{ role: 'system', content: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' }, { role: 'user' }],
      });
    }
    const embeddings = sent.filter((request) => request.path === '/inference/v1/embeddings');
    expect(embeddings.length).toBeGreaterThanOrEqual(1);
    for (const request of embeddings) expect(request.json).toMatchObject({ model: FIREWORKS_EMBED_MODEL, input: expect.any(Array) });
    expectNoSecrets(run, [fake.apiKey]);
  });

  it('AI_COMPLETE with a literal key and params in the worker pool', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION fireworks_connection WITH ('type' = 'fireworksai', 'endpoint' = '${fake.chatUrl}', 'api-key' = '${fake.apiKey}');
       CREATE MODEL llama INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'fireworksai', 'task' = 'text_generation', 'fireworksai.connection' = 'fireworks_connection',
               'fireworksai.model_version' = '${FIREWORKS_CHAT_MODEL}', 'fireworksai.params.temperature' = '0.5');
       CREATE TABLE notes (id INT, note STRING);
       INSERT INTO notes VALUES (1, 'Wonderful trip'), (2, 'Awful weather');
       SELECT id, response FROM notes, LATERAL TABLE(AI_COMPLETE('llama', note));`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE' },
      { id: 2, response: 'NEGATIVE' },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(2);
    for (const request of sent) expect(request.json).toMatchObject({ model: FIREWORKS_CHAT_MODEL, temperature: 0.5, messages: [{ role: 'user' }] });
  });
});
