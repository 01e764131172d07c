import { builtinFormatsPlugin, invokeOnce, PluginRegistry, prepareInvocation, ProviderCallError, type ResolvedModel } from '@lateral/core';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { plugin, vertexaiProvider } from '@lateral/provider-vertexai';
import { deterministicEmbedding } from '../../../test/fakes/fake-content.js';
import { startGoogleOAuthFake, type GoogleOAuthFake } from '../../../test/fakes/google-oauth-fake.js';
import { startVertexAIFake, vertexResourceExhausted, type VertexAIFake } from '../../../test/fakes/vertexai-fake.js';
import { column, vectorColumn, vertexModel } from './vertexai-test-model.js';

const dispatcher = new Agent();
let oauth: GoogleOAuthFake;
let vertex: VertexAIFake;
let registry: PluginRegistry;

beforeAll(async () => {
  // a token endpoint of its own, so Vertex's request log and reply queue hold Vertex requests only
  oauth = await startGoogleOAuthFake();
  vertex = await startVertexAIFake({ oauth: oauth.oauth, dimensions: 8 });
  registry = new PluginRegistry();
  registry.registerPlugin(builtinFormatsPlugin);
  registry.registerPlugin(plugin);
});
beforeEach(() => {
  vertex.requests.length = 0;
});
afterAll(async () => {
  await vertex.close();
  await oauth.close();
  await dispatcher.close();
});

function invocationFor(model: ResolvedModel) {
  return prepareInvocation(registry, model, { dispatcher });
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(ProviderCallError.isInstance(error)).toBe(true);
  return error as ProviderCallError;
}

describe('vertexai plugin', () => {
  it('needs the core formats it defaults to', () => {
    expect(() => new PluginRegistry().registerPlugin(plugin)).toThrow(/needs input-format:TF-SERVING/);
    expect(registry.provider('vertexai')).toBe(vertexaiProvider);
  });
});

describe('custom endpoints (TF-SERVING)', () => {
  it('sends several multi-column numeric rows as instances of one :predict and maps predictions back', async () => {
    const model = vertexModel(vertex.endpoint('endpoints/42'), vertex.serviceKey);
    const invocation = invocationFor(model);
    expect(invocation.maxRowsPerRequest).toBeGreaterThan(1);
    const { decoded } = await invokeOnce(invocation, [
      [30, 1000.5],
      [40, 2000],
      [50, 0],
    ]);
    const request = vertex.requests.at(-1)!;
    expect(request.path).toBe('/v1/projects/lateral-test-project/locations/us-central1/endpoints/42:predict');
    expect(request.headers.authorization).toMatch(/^Bearer ya29\.fake-/);
    expect(request.json).toEqual({
      instances: [
        { age: 30, income: 1000.5 },
        { age: 40, income: 2000 },
        { age: 50, income: 0 },
      ],
    });
    expect(decoded.rows).toEqual([[1030.5], [2040], [50]]);
  });

  it('reads object predictions by output column name', async () => {
    const labelled = await startVertexAIFake({
      oauth: vertex.oauth,
      predict: (instance) => {
        const { age } = instance as { age: number };
        return { label: age >= 40 ? 'senior' : 'junior', score: age / 100 };
      },
    });
    try {
      const model = vertexModel(labelled.endpoint('endpoints/7:predict'), vertex.serviceKey, {
        task: 'classification',
        output: [column('label', 'STRING'), column('score', 'DOUBLE')],
      });
      const { decoded } = await invokeOnce(invocationFor(model), [
        [35, 1],
        [45, 2],
      ]);
      expect(decoded.rows).toEqual([
        ['junior', 0.35],
        ['senior', 0.45],
      ]);
    } finally {
      await labelled.close();
    }
  });

  it('sends a non-instances format (JSON) to :rawPredict', async () => {
    const model = vertexModel(vertex.endpoint('endpoints/42:predict'), vertex.serviceKey, { inputFormat: { id: 'JSON' }, outputFormat: { id: 'TF-SERVING' } });
    const { decoded } = await invokeOnce(invocationFor(model), [[20, 5]]);
    expect(vertex.requests.at(-1)!.path).toMatch(/\/endpoints\/42:rawPredict$/);
    expect(vertex.requests.at(-1)!.json).toEqual({ age: 20, income: 5 });
    expect(decoded.rows).toEqual([[25]]);
  });
});

describe('publisher models', () => {
  it('Gemini: adds :generateContent, sends the prompt, system instruction and params, decodes the text and usage', async () => {
    const model = vertexModel(vertex.endpoint('publishers/google/models/gemini-2.5-flash'), vertex.serviceKey, {
      task: 'classification',
      input: [column('review', 'STRING')],
      output: [column('sentiment', 'STRING')],
      inputFormat: { id: 'GEMINI-GENERATE' },
      outputFormat: { id: 'GEMINI-GENERATE' },
      systemPrompt: 'Answer POSITIVE, NEGATIVE or NEUTRAL.',
      params: { temperature: 0 },
    });
    const { decoded } = await invokeOnce(invocationFor(model), [['I love this blender, it is great']]);
    const request = vertex.requests.at(-1)!;
    expect(request.path).toBe('/v1/projects/lateral-test-project/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent');
    expect(request.json).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'I love this blender, it is great' }] }],
      systemInstruction: { parts: [{ text: 'Answer POSITIVE, NEGATIVE or NEUTRAL.' }] },
      generationConfig: { temperature: 0 },
    });
    expect(decoded.rows).toEqual([['POSITIVE']]);
    expect(decoded.usage?.inputTokens).toBeGreaterThan(0);
  });

  it('text embeddings: VERTEX-EMBED rows go as instances of one :predict and vectors map back to rows', async () => {
    const model = vertexModel(vertex.endpoint('publishers/google/models/text-embedding-005:predict'), vertex.serviceKey, {
      task: 'embedding',
      input: [column('text', 'STRING')],
      output: [vectorColumn('embedding')],
      inputFormat: { id: 'VERTEX-EMBED' },
      outputFormat: { id: 'VERTEX-EMBED' },
    });
    const texts = ['alpha', 'beta', 'gamma'];
    const { decoded } = await invokeOnce(invocationFor(model), texts.map((t) => [t]));
    expect(vertex.requests).toHaveLength(1);
    expect(vertex.requests[0]!.json).toEqual({ instances: texts.map((content) => ({ content })) });
    expect(decoded.rows).toEqual(texts.map((t) => [deterministicEmbedding(t, 8)]));
  });

  it('gemini-embedding models take one instance per request: the provider says so and the fake enforces it', async () => {
    const model = vertexModel(vertex.endpoint('publishers/google/models/gemini-embedding-001:predict'), vertex.serviceKey, {
      task: 'embedding',
      input: [column('text', 'STRING')],
      output: [vectorColumn('embedding')],
      inputFormat: { id: 'VERTEX-EMBED' },
      outputFormat: { id: 'VERTEX-EMBED' },
    });
    expect(vertexaiProvider.maxRowsPerRequest!(model)).toBe(1);
    expect(vertexaiProvider.maxRowsPerRequest!(vertexModel(vertex.endpoint('endpoints/1'), vertex.serviceKey))).toBeUndefined();
    const invocation = invocationFor(model);
    expect((await invokeOnce(invocation, [['one']])).decoded.rows).toEqual([[deterministicEmbedding('one', 8)]]);
    const error = await failureOf(invokeOnce(invocation, [['one'], ['two']]));
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain('up to 1 instance(s) per prediction');
  });

  it('Claude: ANTHROPIC-MESSAGES goes to :rawPredict with anthropic_version vertex-2023-10-16', async () => {
    const model = vertexModel(vertex.endpoint('publishers/anthropic/models/claude-sonnet-4@20250514'), vertex.serviceKey, {
      task: 'text_generation',
      input: [column('prompt', 'STRING')],
      output: [column('answer', 'STRING')],
      inputFormat: { id: 'ANTHROPIC-MESSAGES' },
      outputFormat: { id: 'ANTHROPIC-MESSAGES' },
      params: { max_tokens: 64 },
    });
    const { decoded } = await invokeOnce(invocationFor(model), [['This is terrible']]);
    const request = vertex.requests.at(-1)!;
    expect(request.path).toMatch(/\/publishers\/anthropic\/models\/claude-sonnet-4@20250514:rawPredict$/);
    expect(request.json).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 64 });
    expect(decoded.rows).toEqual([['NEGATIVE']]);
  });
});

describe('errors through invokeOnce', () => {
  const model = () => vertexModel(vertex.endpoint('endpoints/42:predict'), vertex.serviceKey);

  it('429 RESOURCE_EXHAUSTED is retryable with RetryInfo as retryAfterMs', async () => {
    vertex.queue.push(vertexResourceExhausted(3));
    const error = await failureOf(invokeOnce(invocationFor(model()), [[1, 2]]));
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_HTTP', status: 429, retryable: true, retryAfterMs: 3000, providerCode: 'RESOURCE_EXHAUSTED' });
  });

  it('the rate-limited fake answers 429 once its bucket is empty', async () => {
    const limited = await startVertexAIFake({ oauth: vertex.oauth, rateLimit: { requestsPerMinute: 1, now: () => 0 } });
    try {
      const invocation = invocationFor(vertexModel(limited.endpoint('endpoints/42'), vertex.serviceKey));
      await invokeOnce(invocation, [[1, 2]]);
      const error = await failureOf(invokeOnce(invocation, [[1, 2]]));
      expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 60_000 });
    } finally {
      await limited.close();
    }
  });

  it('a body the endpoint rejects is final and the message carries the service reason', async () => {
    const bad = vertexModel(vertex.endpoint('publishers/google/models/gemini-2.5-flash:predict'), vertex.serviceKey);
    const error = await failureOf(invokeOnce(invocationFor(bad), [[1, 2]]));
    expect(error).toMatchObject({ status: 400, retryable: false, providerCode: 'FAILED_PRECONDITION' });
    expect(error.message).toContain('Gemini cannot be accessed through Vertex Predict/RawPredict API');
  });

  it('a service key the token endpoint refuses fails with LATERAL_ERR_PROVIDER_AUTH before any Vertex request', async () => {
    const revokedKey = vertex.oauth.serviceKey({ client_email: 'someone-else@lateral-test-project.iam.gserviceaccount.com' });
    const error = await failureOf(invokeOnce(invocationFor(vertexModel(vertex.endpoint('endpoints/42'), revokedKey)), [[1, 2]]));
    expect(error).toMatchObject({ code: 'LATERAL_ERR_PROVIDER_AUTH', retryable: false });
    expect(vertex.requests).toHaveLength(0);
    expect(oauth.requests.at(-1)!.path).toBe('/token');
    expect(error.message).not.toContain('PRIVATE KEY');
  });
});
