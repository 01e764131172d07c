import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import type { RecordedRequest } from '../fakes/http-fake.js';
import { startVertexAIFake, VERTEX_PROJECT, type VertexAIFake } from '../fakes/vertexai-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/**
 * Vertex AI through the CLI: a service-account key exchanged at the fake's token endpoint for a
 * Bearer token (the fake accepts only tokens it issued), then TF-SERVING on a custom endpoint,
 * GEMINI-GENERATE, VERTEX-EMBED and ANTHROPIC-MESSAGES on publisher models.
 */
let fake: VertexAIFake;
beforeAll(async () => {
  fake = await startVertexAIFake();
});
afterAll(() => fake.close());

/** Parts of the service key that must never be printed: the private key's body and its id. */
function keySecrets(): string[] {
  const key = JSON.parse(fake.serviceKey) as { private_key: string; private_key_id: string };
  const body = key.private_key.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return [body.slice(0, 64), body.slice(-64, -4), key.private_key_id];
}

function modelCalls(sent: RecordedRequest[]): RecordedRequest[] {
  return sent.filter((request) => request.path !== '/token');
}

function expectIssuedBearer(request: RecordedRequest): void {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  expect(token).toBeDefined();
  expect(fake.oauth.isValidToken(token!)).toBe(true);
}

describe('vertexai through the CLI', () => {
  it('runs examples/providers/vertexai.sql: TF-SERVING with two columns and Gemini, key from the environment', async () => {
    const dir = newDataDir();
    const file = exampleCopy(dir, 'vertexai.sql', [
      ['https://us-central1-aiplatform.googleapis.com', fake.url],
      ['<your-project>', VERTEX_PROJECT],
    ]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { env: { VERTEX_SERVICE_KEY: fake.serviceKey } });
    expectSuccess(run);
    // the fake's custom model answers the sum of an instance's numbers
    expect(run.rows).toEqual([
      { id: 1, score: 24 + 70.5, sentiment: 'POSITIVE' },
      { id: 2, score: 2 + 99.25, sentiment: 'NEGATIVE' },
      { id: 3, score: 60 + 20.0, sentiment: 'NEUTRAL' },
    ]);
    const sent = modelCalls(sentSince(fake, before));
    for (const request of sent) expectIssuedBearer(request);
    const predictions = sent.filter((request) => request.path === `/v1/projects/${VERTEX_PROJECT}/locations/us-central1/endpoints/1234567890:predict`);
    expect(predictions.flatMap((request) => (request.json as { instances: unknown[] }).instances)).toEqual([
      { tenure: 24, monthly_charges: 70.5 },
      { tenure: 2, monthly_charges: 99.25 },
      { tenure: 60, monthly_charges: 20.0 },
    ]);
    const gemini = sent.filter((request) => request.path.endsWith('/publishers/google/models/gemini-2.5-flash:generateContent'));
    expect(gemini).toHaveLength(3);
    for (const request of gemini) {
      const body = request.json as Record<string, unknown>;
      expect(JSON.stringify(body.systemInstruction ?? body.system_instruction)).toContain('Return only POSITIVE, NEGATIVE, or NEUTRAL.');
    }
    expectNoSecrets(run, keySecrets());
  });

  it('VERTEX-EMBED and ANTHROPIC-MESSAGES publisher models with the key written literally, in the worker pool', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const key = fake.serviceKey;
    expect(key).not.toContain("'");
    const run = await lateral(
      dir,
      `CREATE CONNECTION emb WITH ('type' = 'vertexai', 'endpoint' = '${fake.endpoint('publishers/google/models/text-embedding-005')}', 'service-key' = '${key}');
       CREATE CONNECTION claude WITH ('type' = 'vertexai', 'endpoint' = '${fake.endpoint('publishers/anthropic/models/claude-3-5-haiku@20241022')}', 'service-key' = '${key}');
       CREATE MODEL embedder INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
         WITH ('provider' = 'vertexai', 'task' = 'embedding', 'vertexai.connection' = 'emb', 'vertexai.input_format' = 'VERTEX-EMBED');
       CREATE MODEL claude_on_vertex INPUT (prompt STRING) OUTPUT (response STRING)
         WITH ('provider' = 'vertexai', 'task' = 'text_generation', 'vertexai.connection' = 'claude',
               'vertexai.input_format' = 'ANTHROPIC-MESSAGES', 'vertexai.params.max_tokens' = '32');
       CREATE TABLE docs (id INT, body STRING);
       INSERT INTO docs VALUES (1, 'Perfect fit, happy'), (2, 'Sad and disappointed');
       SELECT d.id, c.response, e.embedding
       FROM docs d, LATERAL TABLE(AI_COMPLETE('claude_on_vertex', d.body)) c, LATERAL TABLE(AI_EMBEDDING('embedder', d.body)) e;`,
      { execution: 'pool' },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, response: 'POSITIVE', embedding: deterministicEmbedding('Perfect fit, happy', 8) },
      { id: 2, response: 'NEGATIVE', embedding: deterministicEmbedding('Sad and disappointed', 8) },
    ]);
    const sent = modelCalls(sentSince(fake, before));
    for (const request of sent) expectIssuedBearer(request);
    const embeds = sent.filter((request) => request.path.endsWith('/publishers/google/models/text-embedding-005:predict'));
    expect(embeds.flatMap((request) => (request.json as { instances: unknown[] }).instances)).toEqual(
      expect.arrayContaining([{ content: 'Perfect fit, happy' }, { content: 'Sad and disappointed' }]),
    );
    const claude = sent.filter((request) => request.path.endsWith('/publishers/anthropic/models/claude-3-5-haiku@20241022:rawPredict'));
    expect(claude).toHaveLength(2);
    for (const request of claude) {
      expect(request.json).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 32, messages: [{ role: 'user' }] });
      expect(request.json).not.toHaveProperty('model');
    }
    expectNoSecrets(run, keySecrets());
  });

  it('TF-SERVING with one input column sends bare instances; ML_PREDICT on GEMINI-GENERATE with an explicit format', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const run = await lateral(
      dir,
      `CREATE CONNECTION ep WITH ('type' = 'vertexai', 'endpoint' = '${fake.endpoint('endpoints/777')}', 'service-key' = '\${env:E2E_VERTEX_KEY}');
       CREATE CONNECTION gem WITH ('type' = 'vertexai', 'endpoint' = '${fake.endpoint('publishers/google/models/gemini-2.0-flash')}', 'service-key' = '\${env:E2E_VERTEX_KEY}');
       CREATE MODEL doubler INPUT (x DOUBLE) OUTPUT (y DOUBLE)
         WITH ('provider' = 'vertexai', 'task' = 'regression', 'vertexai.connection' = 'ep', 'vertexai.input_format' = 'TF-SERVING');
       CREATE MODEL labeler INPUT (text STRING) OUTPUT (label STRING)
         WITH ('provider' = 'vertexai', 'task' = 'classification', 'vertexai.connection' = 'gem', 'vertexai.input_format' = 'GEMINI-GENERATE');
       CREATE TABLE t (id INT, x DOUBLE, text STRING);
       INSERT INTO t VALUES (1, 2.5, 'great'), (2, -1.0, 'awful');
       SELECT t.id, p.y, l.label FROM t, LATERAL TABLE(ML_PREDICT('doubler', t.x)) p, LATERAL TABLE(ML_PREDICT('labeler', t.text)) l;`,
      { env: { E2E_VERTEX_KEY: fake.serviceKey } },
    );
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, y: 2.5, label: 'POSITIVE' },
      { id: 2, y: -1.0, label: 'NEGATIVE' },
    ]);
    const sent = modelCalls(sentSince(fake, before));
    const predictions = sent.filter((request) => request.path.endsWith('/endpoints/777:predict'));
    expect(predictions.flatMap((request) => (request.json as { instances: unknown[] }).instances)).toEqual([2.5, -1.0]);
    expect(sent.filter((request) => request.path.endsWith('/publishers/google/models/gemini-2.0-flash:generateContent'))).toHaveLength(2);
  });
});
