import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeOnce, prepareInvocation } from '@lateral/core';
import { plugin } from '@lateral/provider-anthropic';
import { ANTHROPIC_FAKE_MODEL, anthropicReplies, startAnthropicFake, type AnthropicFake } from '../../../test/fakes/anthropic-fake.js';
import { invoke, invokeFailure, registryWith, resolvedModel } from '../../../test/providers/provider-test-kit.js';

const registry = registryWith(plugin);
let fake: AnthropicFake;

beforeEach(async () => {
  fake = await startAnthropicFake({ models: [ANTHROPIC_FAKE_MODEL] });
});
afterEach(async () => {
  await fake.close();
});

function model(options: { apiKey?: string; modelVersion?: string; systemPrompt?: string } = {}) {
  return resolvedModel({
    providerId: 'anthropic',
    inputFormat: 'ANTHROPIC-MESSAGES',
    modelVersion: options.modelVersion ?? ANTHROPIC_FAKE_MODEL,
    systemPrompt: options.systemPrompt,
    connection: { name: 'anthropic_connection', type: 'anthropic', endpoint: fake.messagesUrl, options: {}, secrets: { 'api-key': options.apiKey ?? fake.apiKey } },
  });
}

describe('anthropic messages through the fake', () => {
  it('sends x-api-key and anthropic-version, and the format body, and decodes the text', async () => {
    const rows = await invoke(registry, model({ systemPrompt: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.' }), [['Great value, I love it']]);
    expect(rows).toEqual([['POSITIVE']]);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe(fake.apiKey);
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['user-agent']).toBe('lateral/0.1.0');
    expect(request?.headers['content-type']).toBe('application/json');
    // core's ANTHROPIC-MESSAGES: model from model_version, the default max_tokens, no anthropic_version
    expect(request?.json).toEqual({
      model: ANTHROPIC_FAKE_MODEL,
      max_tokens: 1024,
      system: 'Return only POSITIVE, NEGATIVE, or NEUTRAL.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Great value, I love it' }] }],
    });
  });

  it('maps params to the Messages fields and reports token usage', async () => {
    const resolved = { ...model(), params: { max_tokens: 64, temperature: 0.2, stop: ['END'] } };
    const result = await invokeOnce(prepareInvocation(registry, resolved, {}), [['fine']]);
    expect(result.decoded.rows).toEqual([['NEUTRAL']]);
    expect(result.decoded.usage).toEqual({ inputTokens: 1, outputTokens: 1 });
    expect(fake.requests[0]?.json).toMatchObject({ max_tokens: 64, temperature: 0.2, stop_sequences: ['END'] });
    expect(result.response.headers['anthropic-ratelimit-requests-remaining']).toBeDefined();
  });
});

describe('anthropic errors through the fake', () => {
  it('401 authentication_error for a wrong key is final and never shows the key', async () => {
    const error = await invokeFailure(registry, model({ apiKey: 'sk-ant-wrong-000000' }), [['x']]);
    expect(error).toMatchObject({ status: 401, retryable: false, providerCode: 'authentication_error' });
    expect(error.message).toContain('invalid x-api-key');
    expect(error.message).not.toContain('sk-ant-wrong-000000');
  });

  it('404 not_found_error for an unknown model is final', async () => {
    const error = await invokeFailure(registry, model({ modelVersion: 'claude-nope' }), [['x']]);
    expect(error).toMatchObject({ status: 404, retryable: false, providerCode: 'not_found_error' });
  });

  it('429 rate_limit_error is retryable with retry-after', async () => {
    fake.queue.push(anthropicReplies.rateLimited(7));
    const error = await invokeFailure(registry, model(), [['x']]);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000, providerCode: 'rate_limit_error' });
  });

  it('529 overloaded_error is retryable', async () => {
    await fake.close();
    fake = await startAnthropicFake({ overloaded: true });
    const error = await invokeFailure(registry, model(), [['x']]);
    expect(error).toMatchObject({ status: 529, retryable: true, providerCode: 'overloaded_error' });
  });

  it('the token bucket answers 429 with anthropic-ratelimit-* headers', async () => {
    await fake.close();
    let now = 0;
    fake = await startAnthropicFake({ rateLimit: { requestsPerMinute: 1, now: () => now } });
    await invoke(registry, model(), [['x']]);
    const error = await invokeFailure(registry, model(), [['x']]);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 60_000 });
    now += 60_000;
    expect(await invoke(registry, model(), [['a bad day']])).toEqual([['NEGATIVE']]);
  });

  it('500 api_error is retryable', async () => {
    fake.queue.push(anthropicReplies.apiError());
    expect(await invokeFailure(registry, model(), [['x']])).toMatchObject({ status: 500, retryable: true, providerCode: 'api_error' });
  });
});
