import { describe, expect, it } from 'vitest';
import {
  PluginRegistry,
  ProviderCallError,
  builtinFormatsPlugin,
  invokeOnce,
  prepareInvocation,
  type FormatContext,
  type ProviderV1,
  type ResolvedModel,
  type TransportRequest,
} from '@lateral/core';

function registry(): PluginRegistry {
  const plugins = new PluginRegistry();
  plugins.registerPlugin(builtinFormatsPlugin);
  return plugins;
}

const STRING = { kind: 'STRING', nullable: true } as const;
const VECTOR = { kind: 'ARRAY', element: { kind: 'FLOAT', nullable: true }, nullable: true } as const;

function context(partial: Partial<FormatContext> = {}): FormatContext {
  return { providerId: 'test', task: 'classification', input: [{ name: 'text', dataType: STRING }], output: [{ name: 'label', dataType: STRING }], params: {}, ...partial };
}

describe('builtinFormatsPlugin', () => {
  it('registers every input and output format of the dialect', () => {
    const plugins = registry();
    expect(plugins.inputFormatIds()).toEqual([
      'AI-21-COMPLETE',
      'AMAZON-TITAN-EMBED',
      'AMAZON-TITAN-TEXT',
      'ANTHROPIC-COMPLETIONS',
      'ANTHROPIC-MESSAGES',
      'AZURE-CHAT',
      'AZUREML-PANDAS-DATAFRAME',
      'AZUREML-TENSOR',
      'BEDROCK-LLAMA',
      'BINARY',
      'COHERE-CHAT',
      'COHERE-EMBED',
      'COHERE-GENERATE',
      'CONFLUENT-CHAT',
      'CSV',
      'GEMINI-GENERATE',
      'JSON',
      'JSON-ARRAY',
      'MISTRAL-CHAT',
      'MISTRAL-COMPLETIONS',
      'OPENAI-CHAT',
      'OPENAI-EMBED',
      'PANDAS-DATAFRAME',
      'TEXT',
      'TF-SERVING',
      'TF-SERVING-COLUMN',
      'TRITON',
      'VERTEX-EMBED',
      'VERTEXAI-PYTORCH',
    ]);
    expect(plugins.outputFormatIds()).toEqual(
      [
        'AI-21-COMPLETE',
        'AMAZON-TITAN-EMBED',
        'AMAZON-TITAN-TEXT',
        'ANTHROPIC-COMPLETIONS',
        'ANTHROPIC-MESSAGES',
        'AZURE-CHAT',
        'BEDROCK-LLAMA',
        'BINARY',
        'COHERE-CHAT',
        'COHERE-EMBED',
        'COHERE-GENERATE',
        'CONFLUENT-CHAT',
        'CSV',
        'GEMINI-GENERATE',
        'JSON',
        'JSON-ARRAY',
        'MISTRAL-CHAT',
        'MISTRAL-COMPLETIONS',
        'OPENAI-CHAT',
        'OPENAI-EMBED',
        'TEXT',
        'TF-SERVING',
        'TRITON',
        'VERTEX-EMBED',
      ].sort(),
    );
  });

  it('provides what it registers, so providers can depend on it', () => {
    const plugins = registry();
    expect(builtinFormatsPlugin.provides).toContain('input-format:OPENAI-CHAT');
    expect(builtinFormatsPlugin.provides).toContain('output-format:TRITON');
    for (const provided of builtinFormatsPlugin.provides) expect(plugins.has(provided), provided).toBe(true);
  });
});

describe('format names (reference §9.2)', () => {
  it.each([
    ['openai-chat', 'OPENAI-CHAT'],
    ['openai_chat', 'OPENAI-CHAT'],
    ['OpenAIChat', 'OPENAI-CHAT'],
    ['AI21-COMPLETE', 'AI-21-COMPLETE'],
    ['ai_21_complete', 'AI-21-COMPLETE'],
    ['GEMINI-CHAT', 'GEMINI-GENERATE'],
    ['AZURE-EMBED', 'OPENAI-EMBED'],
    ['JSON_OBJECT', 'JSON'],
    ['TXT', 'TEXT'],
    ['PANDAS_DATAFRAME_SPLIT', 'PANDAS-DATAFRAME'],
    ['azureml-pandas-dataframe', 'AZUREML-PANDAS-DATAFRAME'],
    ['TENSORFLOW_SERVING', 'TF-SERVING'],
    ['TF_SERVING_ROW', 'TF-SERVING'],
    ['KSERVE_V1', 'TF-SERVING'],
    ['KSERVE-V1', 'TF-SERVING'],
    ['KSERVE_V2', 'TRITON'],
    ['kserve-v2', 'TRITON'],
    ['TF_SERVING_COL', 'TF-SERVING-COLUMN'],
    ['TF-SERVING-COLUMN', 'TF-SERVING-COLUMN'],
    ['MLFLOW-TENSOR', 'TF-SERVING-COLUMN'],
    ['AZUREML-TENSOR', 'AZUREML-TENSOR'],
    ['VertexAI_PyTorch', 'VERTEXAI-PYTORCH'],
    ['confluent-chat', 'CONFLUENT-CHAT'],
  ])('input format %s is %s', (name, id) => {
    expect(registry().inputFormat(name)?.format.id).toBe(id);
  });

  it.each([
    ['JSON_ARRAY_OF_OBJECTS', 'TF-SERVING'],
    ['kserve_v1', 'TF-SERVING'],
    ['KSERVE-V2', 'TRITON'],
    ['json-array', 'JSON-ARRAY'],
    ['Gemini_Chat', 'GEMINI-GENERATE'],
  ])('output format %s is %s', (name, id) => {
    expect(registry().outputFormat(name)?.format.id).toBe(id);
  });

  it('keeps the wrapper of NAME:wrapper with its spelling', () => {
    expect(registry().inputFormat('json:Foo')).toMatchObject({ format: { id: 'JSON' }, wrapper: 'Foo' });
    expect(registry().outputFormat('JSON:outputs')).toMatchObject({ format: { id: 'JSON' }, wrapper: 'outputs' });
    expect(registry().outputFormat('json_array:predictions')).toMatchObject({ format: { id: 'JSON-ARRAY' }, wrapper: 'predictions' });
  });

  it('serves the JSON aliases with their fixed wrappers', () => {
    const plugins = registry();
    const encode = (name: string): unknown => JSON.parse(plugins.inputFormat(name)!.format.encode([['hi']], context()).body as string);
    expect(encode('TF_SERVING_COL')).toEqual({ inputs: { text: 'hi' } });
    expect(encode('MLFLOW-TENSOR')).toEqual({ inputs: { text: 'hi' } });
    expect(encode('AZUREML-TENSOR')).toEqual({ input_data: { text: 'hi' } });
    const wrapped = plugins.inputFormat('json:foo')!;
    expect(JSON.parse(wrapped.format.encode([['hi']], context({ wrapper: wrapped.wrapper })).body as string)).toEqual({ foo: { text: 'hi' } });
  });

  it('does not know input-only names as outputs, or unknown names', () => {
    const plugins = registry();
    expect(plugins.outputFormat('VERTEXAI-PYTORCH')).toBeUndefined();
    expect(plugins.outputFormat('PANDAS-DATAFRAME')).toBeUndefined();
    expect(plugins.inputFormat('JSON_ARRAY_OF_OBJECTS')).toBeUndefined();
    expect(plugins.inputFormat('NOPE')).toBeUndefined();
  });

  it.each([
    ['PANDAS-DATAFRAME', 'JSON-ARRAY', undefined],
    ['AZUREML-PANDAS-DATAFRAME', 'JSON-ARRAY', undefined],
    ['VERTEXAI-PYTORCH', 'TF-SERVING', undefined],
    ['TF-SERVING-COLUMN', 'JSON', 'outputs'],
    ['MLFLOW-TENSOR', 'JSON', 'outputs'],
    ['AZUREML-TENSOR', 'JSON', 'outputs'],
    ['OPENAI-CHAT', 'OPENAI-CHAT', undefined],
    ['CSV', 'CSV', undefined],
    ['TF-SERVING', 'TF-SERVING', undefined],
    ['TRITON', 'TRITON', undefined],
  ])('the default output of %s is %s (wrapper %s)', (name, outputId, wrapper) => {
    const plugins = registry();
    const resolved = plugins.outputFormat(plugins.inputFormat(name)!.format.defaultOutputFormat);
    expect(resolved?.format.id).toBe(outputId);
    expect(resolved?.wrapper).toBe(wrapper);
  });

  it('every input format has a registered default output format', () => {
    const plugins = registry();
    for (const id of plugins.inputFormatIds()) {
      const format = plugins.inputFormat(id)!.format;
      expect(plugins.outputFormat(format.defaultOutputFormat), id).toBeDefined();
    }
  });
});

describe('formats through prepareInvocation and invokeOnce', () => {
  function model(partial: Partial<ResolvedModel>): ResolvedModel {
    return {
      name: 'm',
      version: 1,
      providerId: 'memory',
      task: 'embedding',
      input: [{ name: 'text', dataType: STRING }],
      output: [{ name: 'embedding', dataType: VECTOR }],
      inputFormat: { id: 'OPENAI-EMBED' },
      outputFormat: { id: 'OPENAI-EMBED' },
      params: {},
      providerOptions: {},
      ...partial,
    };
  }

  function setup(replyBody: unknown): { plugins: PluginRegistry; sent: TransportRequest[] } {
    const sent: TransportRequest[] = [];
    const provider: ProviderV1 = {
      specificationVersion: 'v1',
      id: 'memory',
      connectionTypes: [],
      requiresConnection: false,
      connectionSchemas: [],
      modelOptions: [],
      capabilities: { maxRowsPerRequest: 10 },
      defaultInputFormat: () => 'OPENAI-EMBED',
      createTransport: () => ({
        async send(request) {
          sent.push(request);
          return { status: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(replyBody)) };
        },
      }),
    };
    const plugins = registry();
    plugins.registerProvider(provider);
    return { plugins, sent };
  }

  it('encodes a batch, sends it with the format content types and maps the vectors back', async () => {
    const { plugins, sent } = setup({
      data: [
        { index: 1, embedding: [2] },
        { index: 0, embedding: [1] },
      ],
      usage: { prompt_tokens: 4 },
    });
    const invocation = prepareInvocation(plugins, model({}), {});
    expect(invocation.maxRowsPerRequest).toBe(10);
    const result = await invokeOnce(invocation, [['a'], ['b']]);
    expect(result.decoded).toEqual({ rows: [[[1]], [[2]]], usage: { inputTokens: 4 } });
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/json', accept: 'application/json' });
    expect(JSON.parse(sent[0]!.body as string)).toEqual({ input: ['a', 'b'], encoding_format: 'float' });
  });

  it('passes the output wrapper to decode (TF-SERVING-COLUMN answered as JSON:outputs)', async () => {
    const { plugins, sent } = setup({ outputs: { label: 'spam' } });
    const resolved = model({
      task: 'classification',
      output: [{ name: 'label', dataType: STRING }],
      inputFormat: { id: 'TF-SERVING-COLUMN' },
      outputFormat: { id: 'JSON', wrapper: 'outputs' },
    });
    const result = await invokeOnce(prepareInvocation(plugins, resolved, {}), [['buy now']]);
    expect(JSON.parse(sent[0]!.body as string)).toEqual({ inputs: { text: 'buy now' } });
    expect(result.decoded.rows).toEqual([['spam']]);
  });

  it('fails an undecodable answer with a response error that is not retryable', async () => {
    const { plugins } = setup({ data: [] });
    const failure = invokeOnce(prepareInvocation(plugins, model({}), {}), [['secret prompt']]);
    await expect(failure).rejects.toMatchObject({
      code: 'LATERAL_ERR_PROVIDER_RESPONSE',
      message: expect.stringContaining('Unexpected number of results from ML Predict. Expected 1 but got 0'),
    });
    const error = await failure.catch((caught: unknown) => caught);
    expect(error instanceof ProviderCallError ? error.retryable : false).toBe(false);
  });
});

describe('which formats batch', () => {
  // Numeric scalar INPUT and OUTPUT with each format's default output: the widest batching case.
  const numeric: FormatContext = {
    providerId: 'test',
    task: 'regression',
    input: [{ name: 'a', dataType: { kind: 'DOUBLE', nullable: true } }],
    output: [{ name: 'b', dataType: { kind: 'DOUBLE', nullable: true } }],
    params: {},
    modelVersion: 'text-embedding-005',
  };

  it('batches by contract only where the wire body is a batch, and custom-model raw bodies only on request', () => {
    const plugins = registry();
    const batching = plugins
      .inputFormatIds()
      .map((id) => plugins.inputFormat(id)!.format)
      .filter((format) => format.maxRowsPerRequest(numeric) > 1)
      .map((format) => [format.id, format.batching ?? 'by-contract']);
    expect(Object.fromEntries(batching)).toEqual({
      'AZUREML-PANDAS-DATAFRAME': 'by-contract',
      'COHERE-EMBED': 'by-contract',
      CSV: 'on-request',
      'OPENAI-EMBED': 'by-contract',
      'PANDAS-DATAFRAME': 'by-contract',
      'TF-SERVING': 'by-contract',
      TRITON: 'on-request',
      'VERTEX-EMBED': 'by-contract',
      'VERTEXAI-PYTORCH': 'by-contract',
    });
  });
});
