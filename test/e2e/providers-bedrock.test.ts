import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEDROCK_FAKE_CREDENTIALS, startBedrockFake, type BedrockFake } from '../fakes/bedrock-fake.js';
import { deterministicEmbedding } from '../fakes/fake-content.js';
import type { RecordedRequest } from '../fakes/http-fake.js';
import { exampleCopy, expectNoSecrets, expectSuccess, lateral, lateralFile, newDataDir, sentSince } from './fixtures/cli-kit.js';

/**
 * Bedrock through the CLI: every model family the fake serves, each with its native body, every
 * request SigV4-signed and verified by the fake itself (a bad signature answers 403 and fails the run).
 */
let fake: BedrockFake;
beforeAll(async () => {
  fake = await startBedrockFake();
});
afterAll(() => fake.close());

const { accessKeyId, secretAccessKey } = BEDROCK_FAKE_CREDENTIALS;
const SIGNED_BY_FAKE_KEY = new RegExp(
  `^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/us-east-1/bedrock/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
);

function connection(name: string, modelId: string, secrets = `'aws-access-key' = '${accessKeyId}', 'aws-secret-key' = '${secretAccessKey}'`): string {
  return `CREATE CONNECTION ${name} WITH ('type' = 'bedrock', 'endpoint' = '${fake.url}/model/${modelId}/invoke', 'region' = 'us-east-1', ${secrets});`;
}

function textModel(name: string, conn: string, extra = ''): string {
  return `CREATE MODEL ${name} INPUT (text STRING) OUTPUT (label STRING)
    WITH ('provider' = 'bedrock', 'task' = 'classification', 'bedrock.connection' = '${conn}'${extra});`;
}

function embeddingModel(name: string, conn: string): string {
  return `CREATE MODEL ${name} INPUT (text STRING) OUTPUT (embedding ARRAY<FLOAT>)
    WITH ('provider' = 'bedrock', 'task' = 'embedding', 'bedrock.connection' = '${conn}');`;
}

const TEXTS = ['I love it, great value', 'Terrible, it broke'] as const;

/** The text families: model id in the endpoint → what the body must look like (format from the id unless given). */
const TEXT_FAMILIES = [
  { name: 'titan_text', modelId: 'amazon.titan-text-express-v1', extra: `, 'bedrock.params.max_tokens' = '20'`, body: (text: string) => ({ inputText: text, textGenerationConfig: { maxTokenCount: 20 } }) },
  {
    name: 'claude',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    extra: `, 'bedrock.system_prompt' = 'Answer POSITIVE, NEGATIVE or NEUTRAL.', 'bedrock.params.max_tokens' = '20'`,
    body: (text: string) => ({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 20,
      system: 'Answer POSITIVE, NEGATIVE or NEUTRAL.',
      messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    }),
  },
  { name: 'claude_v2', modelId: 'anthropic.claude-v2:1', extra: '', body: (text: string) => ({ prompt: expect.stringContaining(`\n\nHuman: ${text}`), max_tokens_to_sample: expect.any(Number) }) },
  { name: 'llama', modelId: 'us.meta.llama3-1-8b-instruct-v1:0', extra: `, 'bedrock.params.max_tokens' = '64'`, body: (text: string) => ({ prompt: expect.stringContaining(text), max_gen_len: 64 }) },
  { name: 'mistral', modelId: 'mistral.mistral-7b-instruct-v0:2', extra: `, 'bedrock.input_format' = 'MISTRAL-COMPLETIONS'`, body: (text: string) => ({ prompt: expect.stringContaining(text) }) },
  { name: 'ai21', modelId: 'ai21.j2-ultra-v1', extra: `, 'bedrock.params.temperature' = '0.5'`, body: (text: string) => ({ prompt: text, temperature: 0.5 }) },
  { name: 'cohere_chat', modelId: 'cohere.command-r-v1:0', extra: '', body: (text: string) => ({ message: text }) },
  { name: 'cohere_generate', modelId: 'cohere.command-text-v14', extra: '', body: (text: string) => ({ prompt: text }) },
] as const;

const EMBEDDING_FAMILIES = [
  { name: 'titan_embed', modelId: 'amazon.titan-embed-text-v2:0', body: () => ({ inputText: expect.any(String) }) },
  { name: 'cohere_embed', modelId: 'cohere.embed-english-v3', body: () => ({ texts: expect.any(Array), input_type: 'search_document' }) },
] as const;

function requestsFor(sent: RecordedRequest[], modelId: string): RecordedRequest[] {
  return sent.filter((request) => request.url === `/model/${encodeURIComponent(modelId)}/invoke`);
}

describe('bedrock through the CLI', () => {
  it('runs examples/providers/bedrock.sql in the worker pool, keys from the environment', async () => {
    const dir = newDataDir();
    const host = 'https://bedrock-runtime.us-east-1.amazonaws.com';
    const file = exampleCopy(dir, 'bedrock.sql', [
      [`${host}/model/anthropic.claude-3-haiku-20240307-v1:0/invoke'`, `${fake.url}/model/anthropic.claude-3-haiku-20240307-v1:0/invoke', 'region' = 'us-east-1'`],
      [`${host}/model/amazon.titan-embed-text-v2:0/invoke'`, `${fake.url}/model/amazon.titan-embed-text-v2:0/invoke', 'region' = 'us-east-1'`],
    ]);
    const before = fake.requests.length;
    const run = await lateralFile(dir, file, { execution: 'pool', env: { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } });
    expectSuccess(run);
    expect(run.rows).toEqual([
      { id: 1, sentiment: 'POSITIVE', dimensions: 1024 },
      { id: 2, sentiment: 'NEGATIVE', dimensions: 1024 },
      { id: 3, sentiment: 'NEUTRAL', dimensions: 1024 },
    ]);
    const sent = sentSince(fake, before);
    expect(sent).toHaveLength(6);
    for (const request of sent) expect(request.headers.authorization).toMatch(SIGNED_BY_FAKE_KEY);
    // the model id travels as one path segment: its ':' percent-encoded
    expect(requestsFor(sent, 'anthropic.claude-3-haiku-20240307-v1:0')).toHaveLength(3);
    expect(requestsFor(sent, 'amazon.titan-embed-text-v2:0')).toHaveLength(3);
    expectNoSecrets(run, [secretAccessKey]);
  });

  it('serves every text family with its own body: Titan, Claude (Messages and Completions), Llama, Mistral, AI21, Cohere', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const families = TEXT_FAMILIES.map(({ name, modelId, extra }) => `${connection(`c_${name}`, modelId)}\n${textModel(`m_${name}`, `c_${name}`, extra)}`).join('\n');
    const selects = TEXT_FAMILIES.map(({ name }) => `SELECT '${name}' AS family, id, label FROM t, LATERAL TABLE(ML_PREDICT('m_${name}', txt));`).join('\n');
    const run = await lateral(dir, `${families}\nCREATE TABLE t (id INT, txt STRING);\nINSERT INTO t VALUES (1, '${TEXTS[0]}'), (2, '${TEXTS[1]}');\n${selects}`);
    expectSuccess(run);
    // Claude v2 Completions answers with a leading space, as the real model does; the label is what matters
    const rows = run.rows.map((row) => ({ ...row, label: String(row.label).trim() }));
    expect(rows).toEqual(
      TEXT_FAMILIES.flatMap(({ name }) => [
        { family: name, id: 1, label: 'POSITIVE' },
        { family: name, id: 2, label: 'NEGATIVE' },
      ]),
    );
    const sent = sentSince(fake, before);
    for (const { modelId, body } of TEXT_FAMILIES) {
      const requests = requestsFor(sent, modelId);
      expect(requests, modelId).toHaveLength(2);
      for (const request of requests) {
        expect(request.headers.authorization).toMatch(SIGNED_BY_FAKE_KEY);
        expect(request.headers['content-type']).toMatch(/^application\/json/);
      }
      const bodies = requests.map((request) => request.json);
      expect(bodies, modelId).toEqual(expect.arrayContaining(TEXTS.map((text) => expect.objectContaining(body(text)))));
    }
    expectNoSecrets(run, [secretAccessKey]);
  });

  it('serves both embedding families (AMAZON-TITAN-EMBED, COHERE-EMBED) through AI_EMBEDDING', async () => {
    const dir = newDataDir();
    const before = fake.requests.length;
    const models = EMBEDDING_FAMILIES.map(({ name, modelId }) => `${connection(`c_${name}`, modelId)}\n${embeddingModel(`m_${name}`, `c_${name}`)}`).join('\n');
    const run = await lateral(
      dir,
      `${models}
       CREATE TABLE t (id INT, txt STRING);
       INSERT INTO t VALUES (1, '${TEXTS[0]}'), (2, '${TEXTS[1]}');
       SELECT t.id, a.embedding AS titan, b.embedding AS cohere
       FROM t, LATERAL TABLE(AI_EMBEDDING('m_titan_embed', t.txt)) a, LATERAL TABLE(AI_EMBEDDING('m_cohere_embed', t.txt)) b;`,
    );
    expectSuccess(run);
    expect(run.rows).toEqual(
      TEXTS.map((text, index) => ({ id: index + 1, titan: deterministicEmbedding(text, 1024), cohere: deterministicEmbedding(text, 1024) })),
    );
    const sent = sentSince(fake, before);
    for (const { modelId, body } of EMBEDDING_FAMILIES) {
      const requests = requestsFor(sent, modelId);
      expect(requests.length, modelId).toBeGreaterThanOrEqual(1);
      for (const request of requests) expect(request.json, modelId).toMatchObject(body());
    }
    // Titan takes one text a request; Cohere takes a batch
    expect(requestsFor(sent, 'amazon.titan-embed-text-v2:0').map((request) => (request.json as { inputText: string }).inputText).sort()).toEqual([...TEXTS].sort());
    expect(requestsFor(sent, 'cohere.embed-english-v3').flatMap((request) => (request.json as { texts: string[] }).texts).sort()).toEqual([...TEXTS].sort());
  });

  it('signs with a session token given by ${env:…} (temporary credentials)', async () => {
    const sessionToken = 'FwoGZXIvYXdzEFAKEsessionTOKEN0123456789';
    const temporary = await startBedrockFake({ credentials: { ...BEDROCK_FAKE_CREDENTIALS, sessionToken } });
    try {
      const dir = newDataDir();
      const run = await lateral(
        dir,
        `CREATE CONNECTION tmp WITH ('type' = 'bedrock', 'endpoint' = '${temporary.url}/model/amazon.titan-text-express-v1/invoke', 'region' = 'us-east-1',
           'aws-access-key' = '\${env:E2E_AWS_KEY}', 'aws-secret-key' = '\${env:E2E_AWS_SECRET}', 'aws-session-token' = '\${env:E2E_AWS_TOKEN}');
         ${textModel('titan', 'tmp')}
         SELECT label FROM LATERAL TABLE(ML_PREDICT('titan', 'What a wonderful day'));`,
        { env: { E2E_AWS_KEY: accessKeyId, E2E_AWS_SECRET: secretAccessKey, E2E_AWS_TOKEN: sessionToken } },
      );
      expectSuccess(run);
      expect(run.rows).toEqual([{ label: 'POSITIVE' }]);
      expect(temporary.requests).toHaveLength(1);
      expect(temporary.requests[0]!.headers['x-amz-security-token']).toBe(sessionToken);
      expect(temporary.requests[0]!.headers.authorization).toContain('x-amz-security-token');
      expectNoSecrets(run, [secretAccessKey, sessionToken]);
    } finally {
      await temporary.close();
    }
  });
});
