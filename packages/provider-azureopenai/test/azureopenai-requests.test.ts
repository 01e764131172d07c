import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plugin, describeAzureOpenAIError } from '@lateral/provider-azureopenai';
import { azureOpenAIReplies, startAzureOpenAIFake, type AzureOpenAIFake } from '../../../test/fakes/azureopenai-fake.js';
import { deterministicEmbedding } from '../../../test/fakes/fake-content.js';
import { floatArrayColumn, invoke, invokeFailure, registryWith, resolvedModel } from '../../../test/providers/provider-test-kit.js';

const registry = registryWith(plugin);
let fake: AzureOpenAIFake;

beforeEach(async () => {
  fake = await startAzureOpenAIFake({ deployments: { 'gpt-4o-mini': 'gpt-4o-mini-2024-07-18', 'emb-small': 'text-embedding-3-small' }, maxEmbeddingInputs: 16 });
});
afterEach(async () => {
  await fake.close();
});

function model(endpoint: string, options: { modelVersion?: string; apiKey?: string; embedding?: boolean } = {}) {
  return resolvedModel({
    providerId: 'azureopenai',
    inputFormat: options.embedding ? 'OPENAI-EMBED' : 'OPENAI-CHAT',
    task: options.embedding ? 'embedding' : 'classification',
    output: options.embedding ? [floatArrayColumn('embedding')] : undefined,
    modelVersion: options.modelVersion,
    connection: { name: 'azure_openai_connection', type: 'azureopenai', endpoint, options: {}, secrets: { 'api-key': options.apiKey ?? fake.apiKey } },
  });
}

describe('azureopenai requests through the fake', () => {
  it('posts to the deployment URL as written, with the api-key header and no model by default', async () => {
    const rows = await invoke(registry, model(fake.chatUrl('gpt-4o-mini')), [['What a wonderful day']]);
    expect(rows).toEqual([['POSITIVE']]);
    const [request] = fake.requests;
    expect(request?.url).toBe('/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21');
    expect(request?.headers['api-key']).toBe(fake.apiKey);
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['user-agent']).toBe('lateral/0.1.0');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.json).toEqual({ messages: [{ role: 'user', content: 'What a wonderful day' }] });
  });

  it('sends model_version as model when it is set', async () => {
    await invoke(registry, model(fake.chatUrl('gpt-4o-mini'), { modelVersion: '2025-08-07' }), [['x']]);
    expect((fake.requests[0]?.json as { model?: string }).model).toBe('2025-08-07');
  });

  it('embeds a batch in one request', async () => {
    const texts = ['alpha', 'beta', 'gamma'];
    const rows = await invoke(registry, model(fake.embeddingsUrl('emb-small'), { embedding: true }), texts.map((text) => [text]));
    expect(rows).toEqual(texts.map((text) => [deterministicEmbedding(text, 8)]));
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.json).toEqual({ input: texts, encoding_format: 'float' });
  });
});

describe('azureopenai errors through the fake', () => {
  it('401 on a wrong key is final and Azure-worded', async () => {
    const error = await invokeFailure(registry, model(fake.chatUrl('gpt-4o-mini'), { apiKey: 'wrong-key-000000' }), [['x']]);
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('401');
    expect(error.message).toContain('Access denied due to invalid subscription key');
  });

  it('404 for an unknown deployment or a missing api-version', async () => {
    const unknown = await invokeFailure(registry, model(fake.chatUrl('nope')), [['x']]);
    expect(unknown).toMatchObject({ status: 404, retryable: false, providerCode: 'DeploymentNotFound' });
    const noVersion = await invokeFailure(registry, model(`${fake.url}/openai/deployments/gpt-4o-mini/chat/completions`), [['x']]);
    expect(noVersion).toMatchObject({ status: 404, providerCode: '404' });
    expect(noVersion.message).toContain('Resource not found');
  });

  it('400 for too many embedding inputs on an old deployment', async () => {
    const texts = Array.from({ length: 17 }, (_, index) => [`text ${index}`]);
    const error = await invokeFailure(registry, model(fake.embeddingsUrl('emb-small'), { embedding: true }), texts);
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('The max number of inputs is 16');
  });

  it('400 content_filter is final and keeps the inner code', async () => {
    await fake.close();
    fake = await startAzureOpenAIFake({ contentFilterWords: ['forbidden'] });
    const error = await invokeFailure(registry, model(fake.chatUrl('d')), [['a forbidden prompt']]);
    expect(error).toMatchObject({ status: 400, retryable: false, providerCode: 'content_filter' });
    expect(error.message).toContain('ResponsibleAIPolicyViolation');
  });

  it('429 is retryable and honours retry-after-ms', async () => {
    fake.queue.push(azureOpenAIReplies.rateLimited({ retryAfterSeconds: 6 }));
    const error = await invokeFailure(registry, model(fake.chatUrl('gpt-4o-mini')), [['x']]);
    expect(error).toMatchObject({ status: 429, retryable: true, providerCode: '429', retryAfterMs: 6000 });
  });

  it('429 from the token bucket, and the message hint when headers are absent', async () => {
    await fake.close();
    const now = 5_000;
    fake = await startAzureOpenAIFake({ rateLimit: { requestsPerMinute: 1, now: () => now, retryAfter: false } });
    await invoke(registry, model(fake.chatUrl('d')), [['x']]);
    const error = await invokeFailure(registry, model(fake.chatUrl('d')), [['x']]);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 60_000 });
    expect(fake.bucket?.rejected).toBe(1);
  });

  it('503 is retryable', async () => {
    fake.queue.push(azureOpenAIReplies.serviceUnavailable());
    expect(await invokeFailure(registry, model(fake.chatUrl('gpt-4o-mini')), [['x']])).toMatchObject({ status: 503, retryable: true });
  });
});

describe('describeAzureOpenAIError', () => {
  it('reads a numeric code and the retry-after sentence', () => {
    const body = JSON.stringify({ error: { code: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' } });
    expect(describeAzureOpenAIError(429, {}, body)).toEqual({ message: 'Rate limit is exceeded. Try again in 2 seconds.', code: '429', retryAfterMs: 2000 });
  });

  it('tolerates non-JSON bodies', () => {
    expect(describeAzureOpenAIError(502, {}, 'Bad Gateway')).toEqual({ message: undefined, code: undefined });
  });
});
