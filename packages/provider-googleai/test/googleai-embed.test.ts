import { builtinFormatsPlugin, invokeOnce, LateralError, PluginRegistry, prepareInvocation, ProviderCallError, responseBody, type FormatContext } from '@lateral/core';
import { Agent } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { geminiEmbedInputFormat, geminiEmbedOutputFormat, googleaiProvider, plugin } from '@lateral/provider-googleai';
import { deterministicEmbedding } from '../../../test/fakes/fake-content.js';
import { startGoogleAIFake, type GoogleAIFake } from '../../../test/fakes/googleai-fake.js';
import { embedModel, STRING_COLUMN, VECTOR_COLUMN } from './googleai-test-model.js';

const KEY = 'AIzaSy-embed-key-0123456789';
const DIMENSIONS = 8;
let fake: GoogleAIFake;
const dispatcher = new Agent();

/** As the engine builds it: core's formats, then the googleai plugin, which adds GEMINI-EMBED. */
function registry(): PluginRegistry {
  const r = new PluginRegistry();
  r.registerPlugin(builtinFormatsPlugin);
  r.registerPlugin(plugin);
  return r;
}

function context(overrides: Partial<FormatContext> = {}): FormatContext {
  return { providerId: 'googleai', task: 'embedding', input: [STRING_COLUMN('text')], output: [VECTOR_COLUMN('embedding')], params: {}, ...overrides };
}

beforeAll(async () => {
  fake = await startGoogleAIFake({ apiKey: KEY, dimensions: DIMENSIONS });
});
beforeEach(() => {
  fake.requests.length = 0;
});
afterAll(async () => {
  await fake.close();
  await dispatcher.close();
});

describe('GEMINI-EMBED format', () => {
  it('encodes rows as batchEmbedContents requests and asks for that operation', () => {
    const encoded = geminiEmbedInputFormat.encode([['a'], ['b']], context());
    expect(encoded.operation).toBe('batchEmbedContents');
    expect(JSON.parse(encoded.body as string)).toEqual({
      requests: [{ content: { parts: [{ text: 'a' }] } }, { content: { parts: [{ text: 'b' }] } }],
    });
  });

  it('maps params to the API field names and sets model from model_version', () => {
    const encoded = geminiEmbedInputFormat.encode(
      [['a']],
      context({ modelVersion: 'gemini-embedding-001', params: { task_type: 'retrieval_document', output_dimensionality: 4, title: 'Doc' } }),
    );
    expect(JSON.parse(encoded.body as string)).toEqual({
      requests: [{ model: 'models/gemini-embedding-001', taskType: 'RETRIEVAL_DOCUMENT', outputDimensionality: 4, title: 'Doc', content: { parts: [{ text: 'a' }] } }],
    });
  });

  it('carries up to 100 rows per request', () => {
    expect(geminiEmbedInputFormat.maxRowsPerRequest(context())).toBe(100);
  });

  it('validates one string input and one ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>> output', () => {
    expect(geminiEmbedInputFormat.validate(context())).toEqual([]);
    expect(geminiEmbedOutputFormat.validate(context())).toEqual([]);
    const nested = { name: 'e', dataType: { kind: 'ARRAY', element: VECTOR_COLUMN('x').dataType, nullable: true } } as const;
    expect(geminiEmbedOutputFormat.validate(context({ output: [nested] }))).toEqual([]);
    const twoInputs = context({ input: [STRING_COLUMN('a'), STRING_COLUMN('b')] });
    expect(geminiEmbedInputFormat.validate(twoInputs)).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: 'Invalid Schema for model input: GEMINI-EMBED input format requires a single input column of type STRING, CHAR, or VARCHAR.',
      },
    ]);
    expect(geminiEmbedOutputFormat.validate(context({ output: [STRING_COLUMN('e')] }))[0]?.message).toBe(
      'Invalid Schema for model output: GEMINI-EMBED output format requires an ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>> output column.',
    );
  });

  it('decodes one vector per row, wrapping it for ARRAY<ARRAY<FLOAT>>, and checks the count', () => {
    const body = responseBody(new TextEncoder().encode(JSON.stringify({ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] })));
    expect(geminiEmbedOutputFormat.decode(body, context(), 2).rows).toEqual([[[0.1, 0.2]], [[0.3, 0.4]]]);
    const nested = { name: 'e', dataType: { kind: 'ARRAY', element: VECTOR_COLUMN('x').dataType, nullable: true } } as const;
    expect(geminiEmbedOutputFormat.decode(body, context({ output: [nested] }), 2).rows).toEqual([[[[0.1, 0.2]]], [[[0.3, 0.4]]]]);
    expect(() => geminiEmbedOutputFormat.decode(body, context(), 3)).toThrow('Unexpected number of results from ML Predict. Expected 3 but got 2.');
    const broken = responseBody(new TextEncoder().encode('{"embeddings":[{"values":"x"}]}'));
    expect(() => geminiEmbedOutputFormat.decode(broken, context(), 1)).toThrow(LateralError);
  });
});

describe('GEMINI-EMBED through the googleai transport', () => {
  it('batches 250 rows as 100 + 100 + 50 to :batchEmbedContents and maps vectors back to their rows', async () => {
    const model = embedModel(fake.endpoint('gemini-embedding-001', 'embedContent'), KEY);
    const invocation = prepareInvocation(registry(), model, { dispatcher });
    expect(invocation.maxRowsPerRequest).toBe(100);
    const rows = Array.from({ length: 250 }, (_, i) => [`row number ${i}`]);
    const outputs = [];
    for (let start = 0; start < rows.length; start += invocation.maxRowsPerRequest) {
      const { decoded } = await invokeOnce(invocation, rows.slice(start, start + invocation.maxRowsPerRequest));
      outputs.push(...decoded.rows);
    }
    expect(fake.requests.map((r) => [r.path, (r.json as { requests: unknown[] }).requests.length])).toEqual([
      ['/v1beta/models/gemini-embedding-001:batchEmbedContents', 100],
      ['/v1beta/models/gemini-embedding-001:batchEmbedContents', 100],
      ['/v1beta/models/gemini-embedding-001:batchEmbedContents', 50],
    ]);
    // the transport named the model of the endpoint path on every request
    const first = (fake.requests[0]!.json as { requests: Array<{ model: string }> }).requests[0]!;
    expect(first.model).toBe('models/gemini-embedding-001');
    expect(outputs).toHaveLength(250);
    expect(outputs[0]).toEqual([deterministicEmbedding('row number 0', DIMENSIONS)]);
    expect(outputs[249]).toEqual([deterministicEmbedding('row number 249', DIMENSIONS)]);
  });

  it('passes outputDimensionality from params through to the service', async () => {
    const model = embedModel(fake.endpoint('gemini-embedding-001', 'batchEmbedContents'), KEY, { params: { output_dimensionality: 3 } });
    const { decoded } = await invokeOnce(prepareInvocation(registry(), model, { dispatcher }), [['short']]);
    expect(decoded.rows).toEqual([[deterministicEmbedding('short', 3)]]);
  });

  it('surfaces the service refusal of a model that does not match the path', async () => {
    const model = embedModel(fake.endpoint('gemini-embedding-001', 'embedContent'), KEY, { modelVersion: 'text-embedding-004' });
    const error = await invokeOnce(prepareInvocation(registry(), model, { dispatcher }), [['x']]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, retryable: false, providerCode: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toContain('model must match the model in the request path');
  });

  it('validateModel asks for a model when neither the path nor model_version names one', () => {
    const noModel = embedModel(`${fake.url}/v1beta/openai/embeddings`, KEY);
    expect(googleaiProvider.validateModel!(noModel)).toEqual([
      expect.objectContaining({ code: 'LATERAL_ERR_OPTION_MISSING', option: 'googleai.model_version' }),
    ]);
    expect(googleaiProvider.validateModel!({ ...noModel, modelVersion: 'gemini-embedding-001' })).toEqual([]);
    expect(googleaiProvider.validateModel!(embedModel(fake.endpoint('gemini-embedding-001'), KEY))).toEqual([]);
  });
});
