import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LateralError, invokeOnce, prepareInvocation } from '@lateral/core';
import { plugin } from '@lateral/provider-openai';
import { startOpenAIFake, type OpenAIFake } from '../../../test/fakes/openai-fake.js';
import { deterministicEmbedding } from '../../../test/fakes/fake-content.js';
import { floatArrayColumn, invoke, registryWith, resolvedModel } from '../../../test/providers/provider-test-kit.js';

const registry = registryWith(plugin);
let fake: OpenAIFake;

beforeEach(async () => {
  fake = await startOpenAIFake({ reverseEmbeddingOrder: true });
});
afterEach(async () => {
  await fake.close();
});

function chatModel(options: { organization?: string; project?: string; modelVersion?: string; systemPrompt?: string } = {}) {
  const connectionOptions: Record<string, string> = {};
  if (options.organization) connectionOptions.organization = options.organization;
  if (options.project) connectionOptions.project = options.project;
  return resolvedModel({
    providerId: 'openai',
    inputFormat: 'OPENAI-CHAT',
    modelVersion: options.modelVersion,
    systemPrompt: options.systemPrompt,
    connection: { name: 'openai_connection', type: 'openai', endpoint: fake.chatUrl, options: connectionOptions, secrets: { 'api-key': fake.apiKey } },
  });
}

describe('openai chat completions through the fake', () => {
  it('posts the format body to the endpoint with Bearer auth and decodes the reply', async () => {
    const rows = await invoke(registry, chatModel({ systemPrompt: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' }), [['I love this, great service']]);
    expect(rows).toEqual([['POSITIVE']]);

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('lateral/0.1.0');
    expect(request?.headers['openai-organization']).toBeUndefined();
    expect(request?.json).toEqual({
      model: 'gpt-3.5-turbo',
      messages: [
        { role: 'system', content: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' },
        { role: 'user', content: 'I love this, great service' },
      ],
    });
  });

  it('sends model_version as the model and the organization/project headers when set', async () => {
    const rows = await invoke(registry, chatModel({ modelVersion: 'gpt-4o-mini', organization: 'org-123', project: 'proj_9' }), [['The screen cracked. Terrible.']]);
    expect(rows).toEqual([['NEGATIVE']]);
    const [request] = fake.requests;
    expect((request?.json as { model: string }).model).toBe('gpt-4o-mini');
    expect(request?.headers['openai-organization']).toBe('org-123');
    expect(request?.headers['openai-project']).toBe('proj_9');
  });

  it('sends params through the format, reports usage and returns the rate-limit headers', async () => {
    const model = { ...chatModel(), params: { temperature: 0, max_tokens: 5, seed: 7 } };
    const result = await invokeOnce(prepareInvocation(registry, model, {}), [['good']]);
    expect(result.decoded.rows).toEqual([['POSITIVE']]);
    expect(result.decoded.usage?.outputTokens).toBe(1);
    expect(fake.requests[0]?.json).toMatchObject({ temperature: 0, max_tokens: 5, seed: 7 });
    expect(result.response.headers['x-ratelimit-remaining-requests']).toBe('9999');
  });

  it('fails early when the connection has no api-key', () => {
    const model = chatModel();
    model.connection!.secrets = {};
    expect(() => prepareInvocation(registry, model, {})).toThrowError(LateralError);
    try {
      prepareInvocation(registry, model, {});
    } catch (error) {
      expect((error as LateralError).code).toBe('LATERAL_ERR_SECRET_MISSING');
    }
  });
});

describe('openai embeddings through the fake', () => {
  it('batches several rows into one request and maps results back by index', async () => {
    const model = resolvedModel({
      providerId: 'openai',
      task: 'embedding',
      inputFormat: 'OPENAI-EMBED',
      output: [floatArrayColumn('embedding')],
      connection: { name: 'emb', type: 'openai', endpoint: fake.embeddingsUrl, options: {}, secrets: { 'api-key': fake.apiKey } },
    });
    const texts = ['Kafka keeps an ordered log.', 'Flink processes streams.', 'A third text.'];
    const rows = await invoke(registry, model, texts.map((text) => [text]));

    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.path).toBe('/v1/embeddings');
    expect(fake.requests[0]?.json).toEqual({ input: texts, model: 'text-embedding-3-small', encoding_format: 'float' });
    expect(rows).toEqual(texts.map((text) => [deterministicEmbedding(text, 8)]));
  });

  it('uses the format limit for batching (2048 inputs per request)', () => {
    const model = resolvedModel({
      providerId: 'openai',
      task: 'embedding',
      inputFormat: 'OPENAI-EMBED',
      output: [floatArrayColumn('embedding')],
      connection: { name: 'emb', type: 'openai', endpoint: fake.embeddingsUrl, options: {}, secrets: { 'api-key': fake.apiKey } },
    });
    expect(prepareInvocation(registry, model, {}).maxRowsPerRequest).toBe(2048);
  });
});
