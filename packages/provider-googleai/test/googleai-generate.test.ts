import { builtinFormatsPlugin, invokeOnce, PluginRegistry, prepareInvocation, ProviderCallError } from '@lateral/core';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { googleaiProvider, plugin } from '@lateral/provider-googleai';
import { resourceExhausted, startGoogleAIFake, type GoogleAIFake } from '../../../test/fakes/googleai-fake.js';
import { googleModel } from './googleai-test-model.js';

const KEY = 'AIzaSy-generate-key-0123456789';
const dispatcher = new Agent();
let fake: GoogleAIFake;
let registry: PluginRegistry;

beforeAll(async () => {
  fake = await startGoogleAIFake({ apiKey: KEY });
  registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(plugin);
});
beforeEach(() => {
  fake.requests.length = 0;
});
afterAll(async () => {
  await fake.close();
  await dispatcher.close();
});

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(ProviderCallError.isInstance(error)).toBe(true);
  return error as ProviderCallError;
}

describe('googleai plugin', () => {
  it('registers the provider and GEMINI-EMBED, after core formats', () => {
    expect(() => new PluginRegistry().registerPlugin(plugin)).toThrow(/needs input-format:GEMINI-GENERATE/);
    expect(registry.provider('googleai')).toBe(googleaiProvider);
    expect(registry.inputFormat('gemini_embed')?.format.id).toBe('GEMINI-EMBED');
    expect(registry.outputFormat('GEMINI-EMBED')?.format.id).toBe('GEMINI-EMBED');
  });
});

describe('GEMINI-GENERATE on the Gemini API', () => {
  it('sends one prompt per request with system instruction and params, and decodes the text and usage', async () => {
    const model = googleModel(fake.endpoint('gemini-2.5-flash'), KEY, {
      systemPrompt: 'Classify the sentiment.',
      params: { temperature: 0.2, max_tokens: 5 },
    });
    const invocation = prepareInvocation(registry, model, { dispatcher });
    expect(invocation.maxRowsPerRequest).toBe(1);
    const { decoded } = await invokeOnce(invocation, [['The service was terrible and slow']]);
    const request = fake.requests[0]!;
    expect(request.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(request.headers['x-goog-api-key']).toBe(KEY);
    expect(request.json).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'The service was terrible and slow' }] }],
      systemInstruction: { parts: [{ text: 'Classify the sentiment.' }] },
      generationConfig: { temperature: 0.2, maxOutputTokens: 5 },
    });
    expect(decoded.rows).toEqual([['NEGATIVE']]);
    expect(decoded.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 1 });
  });

  it('concatenates text parts and skips thoughts when decoding', async () => {
    fake.queue.push({
      status: 200,
      body: {
        candidates: [{ content: { role: 'model', parts: [{ text: 'thinking…', thought: true }, { text: 'NEU' }, { text: 'TRAL' }] }, finishReason: 'STOP', index: 0 }],
      },
    });
    const { decoded } = await invokeOnce(prepareInvocation(registry, googleModel(fake.endpoint('gemini-2.5-flash'), KEY), { dispatcher }), [['hm']]);
    expect(decoded.rows).toEqual([['NEUTRAL']]);
  });

  it('a 429 with RetryInfo is retryable with retryAfterMs; the message never carries the key', async () => {
    fake.queue.push(resourceExhausted(12));
    const error = await failureOf(invokeOnce(prepareInvocation(registry, googleModel(fake.endpoint('gemini-2.5-flash'), KEY), { dispatcher }), [['x']]));
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_HTTP', status: 429, retryable: true, retryAfterMs: 12_000, providerCode: 'RESOURCE_EXHAUSTED' });
    expect(error.message).not.toContain(KEY);
  });

  it('a missing key is a final 403 PERMISSION_DENIED from the fake', async () => {
    const response = await fetch(fake.endpoint('gemini-2.5-flash'), { method: 'POST', body: '{"contents":[{"parts":[{"text":"x"}]}]}' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
  });

  it('the fake accepts ?key= too, and rejects fields the API does not know', async () => {
    const url = `${fake.endpoint('gemini-2.5-flash')}?key=${KEY}`;
    const ok = await fetch(url, { method: 'POST', body: JSON.stringify({ contents: [{ parts: [{ text: 'great' }] }], generation_config: { max_output_tokens: 3 } }) });
    expect(ok.status).toBe(200);
    const legacy = await fetch(url, { method: 'POST', body: JSON.stringify({ contents: [{ parts: [{ text: 'x' }] }], system_instructions: [{ parts: [{ text: 's' }] }] }) });
    expect(legacy.status).toBe(400);
    expect(await legacy.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT', message: 'Invalid JSON payload received. Unknown name "system_instructions": Cannot find field.' } });
  });

  it('validateModel rejects a chat format on an embedding verb', () => {
    const model = googleModel(fake.endpoint('gemini-embedding-001', 'embedContent'), KEY);
    expect(googleaiProvider.validateModel!(model)).toEqual([
      {
        code: 'LATERAL_ERR_OPTION_CONFLICT',
        option: 'googleai.input_format',
        message: "googleai: the endpoint's :embedContent takes GEMINI-EMBED bodies, not GEMINI-GENERATE.",
      },
    ]);
    expect(googleaiProvider.validateModel!(googleModel(fake.endpoint('gemini-2.5-flash'), KEY))).toEqual([]);
  });

  it('an embedding model refuses generateContent as the API does (404 NOT_FOUND, final)', async () => {
    const error = await failureOf(invokeOnce(prepareInvocation(registry, googleModel(fake.endpoint('gemini-embedding-001'), KEY), { dispatcher }), [['x']]));
    expect(error).toMatchObject({ status: 404, retryable: false, providerCode: 'NOT_FOUND' });
    expect(error.message).toContain('is not supported for generateContent');
  });
});
