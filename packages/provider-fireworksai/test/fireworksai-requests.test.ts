import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plugin } from '@lateral/provider-fireworksai';
import {
  FIREWORKS_CHAT_MODEL,
  FIREWORKS_EMBED_MODEL,
  fireworksAIReplies,
  startFireworksAIFake,
  type FireworksAIFake,
} from '../../../test/fakes/fireworksai-fake.js';
import { deterministicEmbedding } from '../../../test/fakes/fake-content.js';
import { floatArrayColumn, invoke, invokeFailure, registryWith, resolvedModel } from '../../../test/providers/provider-test-kit.js';

const registry = registryWith(plugin);
let fake: FireworksAIFake;

beforeEach(async () => {
  fake = await startFireworksAIFake({ models: [FIREWORKS_CHAT_MODEL, FIREWORKS_EMBED_MODEL] });
});
afterEach(async () => {
  await fake.close();
});

function chat(options: { modelVersion?: string; apiKey?: string } = {}) {
  return resolvedModel({
    providerId: 'fireworksai',
    inputFormat: 'OPENAI-CHAT',
    modelVersion: options.modelVersion ?? FIREWORKS_CHAT_MODEL,
    systemPrompt: 'Answer with one word.',
    connection: { name: 'fw', type: 'fireworksai', endpoint: fake.chatUrl, options: {}, secrets: { 'api-key': options.apiKey ?? fake.apiKey } },
  });
}

describe('fireworksai through the fake', () => {
  it('sends the chat body with model_version as model and Bearer auth', async () => {
    expect(await invoke(registry, chat(), [['I hate waiting, this is bad']])).toEqual([['NEGATIVE']]);
    const [request] = fake.requests;
    expect(request?.path).toBe('/inference/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(request?.headers['user-agent']).toBe('lateral/0.1.0');
    expect(request?.json).toEqual({
      model: FIREWORKS_CHAT_MODEL,
      messages: [
        { role: 'system', content: 'Answer with one word.' },
        { role: 'user', content: 'I hate waiting, this is bad' },
      ],
    });
  });

  it('embeds a batch in one request', async () => {
    const model = resolvedModel({
      providerId: 'fireworksai',
      task: 'embedding',
      inputFormat: 'OPENAI-EMBED',
      output: [floatArrayColumn('embedding')],
      modelVersion: FIREWORKS_EMBED_MODEL,
      connection: { name: 'fw', type: 'fireworksai', endpoint: fake.embeddingsUrl, options: {}, secrets: { 'api-key': fake.apiKey } },
    });
    const rows = await invoke(registry, model, [['one'], ['two']]);
    expect(rows).toEqual([[deterministicEmbedding('one', 8)], [deterministicEmbedding('two', 8)]]);
    expect(fake.requests).toHaveLength(1);
    expect((fake.requests[0]?.json as { model: string; input: string[] })).toMatchObject({ model: FIREWORKS_EMBED_MODEL, input: ['one', 'two'] });
  });

  it('401 for a wrong key is final', async () => {
    const error = await invokeFailure(registry, chat({ apiKey: 'fw_wrong_key_123' }), [['x']]);
    expect(error).toMatchObject({ status: 401, retryable: false, providerCode: 'UNAUTHORIZED' });
    expect(error.message).not.toContain('fw_wrong_key_123');
  });

  it('404 for a model that is not deployed is final', async () => {
    const error = await invokeFailure(registry, chat({ modelVersion: 'accounts/me/models/nope' }), [['x']]);
    expect(error).toMatchObject({ status: 404, retryable: false, providerCode: 'NOT_FOUND' });
    expect(error.message).toContain('Model not found');
  });

  it('429 is retryable with retry-after', async () => {
    fake.queue.push(fireworksAIReplies.rateLimited(3));
    const error = await invokeFailure(registry, chat(), [['x']]);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3000, providerCode: 'rate_limit_exceeded' });
  });

  it('429 from the token bucket, then success once the window refills', async () => {
    await fake.close();
    let now = 0;
    fake = await startFireworksAIFake({ rateLimit: { requestsPerMinute: 60, now: () => now } });
    const model = chat();
    for (let index = 0; index < 60; index += 1) await invoke(registry, model, [['ok']]);
    expect(await invokeFailure(registry, model, [['x']])).toMatchObject({ status: 429, retryable: true, retryAfterMs: 1000 });
    now += 1000;
    expect(await invoke(registry, model, [['great']])).toEqual([['POSITIVE']]);
  });

  it('503 is retryable', async () => {
    fake.queue.push(fireworksAIReplies.serviceUnavailable());
    expect(await invokeFailure(registry, chat(), [['x']])).toMatchObject({ status: 503, retryable: true });
  });
});
