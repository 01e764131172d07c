import { afterEach, describe, expect, it } from 'vitest';
import { plugin, describeOpenAIError, parseGoDuration } from '@lateral/provider-openai';
import { openAIReplies, startOpenAIFake, type OpenAIFake, type OpenAIFakeOptions } from '../../../test/fakes/openai-fake.js';
import { invoke, invokeFailure, registryWith, resolvedModel } from '../../../test/providers/provider-test-kit.js';

const registry = registryWith(plugin);
let fake: OpenAIFake | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setUp(options: OpenAIFakeOptions = {}, apiKey?: string) {
  fake = await startOpenAIFake(options);
  const model = resolvedModel({
    providerId: 'openai',
    inputFormat: 'OPENAI-CHAT',
    connection: { name: 'c', type: 'openai', endpoint: fake.chatUrl, options: {}, secrets: { 'api-key': apiKey ?? fake.apiKey } },
  });
  return { fake, model };
}

describe('openai errors through the fake', () => {
  it('401 on a wrong key is final, names the OpenAI code and never shows the key', async () => {
    const wrongKey = 'sk-wrong-key-abcdefghijklmnop';
    const { model } = await setUp({}, wrongKey);
    const error = await invokeFailure(registry, model, [['hello']]);
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_HTTP');
    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('invalid_api_key');
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain(wrongKey);
    expect(error.maskedBody ?? '').not.toContain(wrongKey);
  });

  it('404 model_not_found is final', async () => {
    const { model } = await setUp({ models: ['gpt-4o-mini'] });
    const error = await invokeFailure(registry, { ...model, modelVersion: 'gpt-nope' }, [['hello']]);
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('model_not_found');
  });

  it('429 from the token bucket is retryable and carries retry-after in ms', async () => {
    let now = 1_000_000;
    const { model } = await setUp({ rateLimit: { requestsPerMinute: 2, retryAfter: true, now: () => now } });
    await invoke(registry, model, [['one']]);
    await invoke(registry, model, [['two']]);
    const error = await invokeFailure(registry, model, [['three']]);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.providerCode).toBe('rate_limit_exceeded');
    expect(error.retryAfterMs).toBe(30_000);
    const rejected = fake!.requests.at(-1);
    expect(rejected?.path).toBe('/v1/chat/completions');
    now += 30_000;
    expect(await invoke(registry, model, [['four']])).toEqual([['NEUTRAL']]);
  });

  it('429 without retry-after takes the wait from the message', async () => {
    const { fake, model } = await setUp();
    fake.queue.push(openAIReplies.rateLimited({ tryAgainIn: '1.5s' }));
    const error = await invokeFailure(registry, model, [['hello']]);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(1500);
  });

  it('429 insufficient_quota is final: retrying cannot buy quota', async () => {
    const { model } = await setUp({ quotaExceeded: true });
    const error = await invokeFailure(registry, model, [['hello']]);
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(false);
    expect(error.providerCode).toBe('insufficient_quota');
  });

  it('5xx is retryable, and a scripted failure is followed by success', async () => {
    const { fake, model } = await setUp();
    fake.queue.push(openAIReplies.serverError(), openAIReplies.badGateway());
    expect((await invokeFailure(registry, model, [['hello']])).retryable).toBe(true);
    const gateway = await invokeFailure(registry, model, [['hello']]);
    expect(gateway.status).toBe(502);
    expect(gateway.retryable).toBe(true);
    expect(await invoke(registry, model, [['a happy day']])).toEqual([['POSITIVE']]);
  });

  it('masks the key and the input text when the service echoes them', async () => {
    const { fake, model } = await setUp();
    fake.queue.push({ status: 400, body: { error: { message: `bad key ${fake.apiKey} for 'secret user text'`, type: 'invalid_request_error', param: null, code: null } } });
    const error = await invokeFailure(registry, model, [['secret user text']]);
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(error.message).not.toContain(fake.apiKey);
    expect(error.message).not.toContain('secret user text');
    expect(error.maskedBody).toContain('*****');
  });

  it('an unreachable endpoint is a retryable LATERAL_ERR_PROVIDER_UNREACHABLE', async () => {
    const { fake: closed, model } = await setUp();
    await closed.close();
    fake = undefined;
    const error = await invokeFailure(registry, model, [['hello']]);
    expect(error.code).toBe('LATERAL_ERR_PROVIDER_UNREACHABLE');
    expect(error.retryable).toBe(true);
  });
});

describe('describeOpenAIError', () => {
  it('reads message, code and type', () => {
    const body = JSON.stringify({ error: { message: 'Bad thing', type: 'invalid_request_error', param: 'messages', code: 'invalid_value' } });
    expect(describeOpenAIError(400, {}, body)).toEqual({ message: 'Bad thing', code: 'invalid_value' });
  });

  it('falls back to the type when code is null', () => {
    const body = JSON.stringify({ error: { message: 'Oops', type: 'server_error', param: null, code: null } });
    expect(describeOpenAIError(500, {}, body).code).toBe('server_error');
  });

  it('obeys x-should-retry', () => {
    expect(describeOpenAIError(500, { 'x-should-retry': 'false' }, '').retryable).toBe(false);
    expect(describeOpenAIError(409, { 'x-should-retry': 'true' }, '').retryable).toBe(true);
  });

  it('uses the reset header that matches the limit type when the message has no hint', () => {
    const body = JSON.stringify({ error: { message: 'Rate limit reached for tokens', type: 'tokens', param: null, code: 'rate_limit_exceeded' } });
    const info = describeOpenAIError(429, { 'x-ratelimit-reset-tokens': '250ms', 'x-ratelimit-reset-requests': '9s' }, body);
    expect(info.retryAfterMs).toBe(250);
  });

  it('drops hints longer than a minute', () => {
    const body = JSON.stringify({ error: { message: 'Please try again in 6m0s.', type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    expect(describeOpenAIError(429, {}, body).retryAfterMs).toBeUndefined();
  });

  it('tolerates bodies that are not OpenAI-shaped', () => {
    expect(describeOpenAIError(502, {}, '<html>Bad gateway</html>')).toEqual({ message: undefined, code: undefined });
    expect(describeOpenAIError(500, {}, '{"error":"plain"}')).toEqual({ message: undefined, code: undefined });
  });

  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['12ms', 12],
    ['1.2s', 1200],
    ['1h', 3_600_000],
    ['soon', undefined],
  ])('parses the Go duration %s', (text, ms) => {
    expect(parseGoDuration(text)).toBe(ms);
  });
});
