import { describe, expect, it } from 'vitest';
import { openaiProvider } from '@lateral/provider-openai';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { builtinInputFormats, builtinOutputFormats } from '../src/formats/index.js';
import { responseBody } from '@lateral/spec';
import { parseParams } from '../src/options/params.js';
import type { DataType } from '@lateral/spec';

const STRING: DataType = { kind: 'STRING', nullable: true };
const FLOAT: DataType = { kind: 'FLOAT', nullable: true };
const array = (element: DataType): DataType => ({ kind: 'ARRAY', element, nullable: true });
const VECTOR = array(FLOAT);

function input(id: string): InputFormatV1 {
  return builtinInputFormats.find((format) => format.id === id)!;
}
function output(id: string): OutputFormatV1 {
  return builtinOutputFormats.find((format) => format.id === id)!;
}
function context(partial: Partial<FormatContext> = {}): FormatContext {
  return {
    providerId: 'openai',
    task: 'embedding',
    input: [{ name: 'text', dataType: STRING }],
    output: [{ name: 'embedding', dataType: VECTOR }],
    params: {},
    ...partial,
  };
}
function encode(id: string, rows: unknown[][], partial: Partial<FormatContext> = {}): unknown {
  return JSON.parse(input(id).encode(rows, context(partial)).body as string);
}
function reply(body: unknown): ReturnType<typeof responseBody> {
  return responseBody(new TextEncoder().encode(JSON.stringify(body)), 'application/json');
}
function base64Floats(values: number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

describe('OPENAI-EMBED (alias AZURE-EMBED)', () => {
  it('sends every row of a batch as one input array, with the OpenAI default model', () => {
    expect(encode('OPENAI-EMBED', [['a'], ['b'], ['c']], { defaults: openaiProvider.formatDefaults?.['OPENAI-EMBED'] })).toEqual({
      input: ['a', 'b', 'c'],
      model: 'text-embedding-3-small',
      encoding_format: 'float',
    });
  });

  it('sends no model for other providers unless one is set, and passes params through', () => {
    expect(encode('OPENAI-EMBED', [['a']], { providerId: 'azureopenai' })).toEqual({ input: ['a'], encoding_format: 'float' });
    expect(
      encode('OPENAI-EMBED', [['a']], { providerId: 'fireworksai', modelVersion: 'nomic-ai/nomic-embed-text-v1.5', params: parseParams({ dimensions: '256' }).params }),
    ).toEqual({ input: ['a'], model: 'nomic-ai/nomic-embed-text-v1.5', encoding_format: 'float', dimensions: 256 });
  });

  it('batches up to 2048 rows, only when the output format can split the answer', () => {
    expect(input('OPENAI-EMBED').maxRowsPerRequest(context())).toBe(2048);
    expect(input('OPENAI-EMBED').maxRowsPerRequest(context({ outputFormatId: 'OPENAI-EMBED' }))).toBe(2048);
    expect(input('OPENAI-EMBED').maxRowsPerRequest(context({ outputFormatId: 'JSON' }))).toBe(1);
  });

  it('maps results back to rows by data[i].index', () => {
    const decoded = output('OPENAI-EMBED').decode(
      reply({
        object: 'list',
        model: 'text-embedding-3-small',
        data: [
          { object: 'embedding', index: 1, embedding: [0.03, 0.04] },
          { object: 'embedding', index: 0, embedding: [0.01, -0.02] },
        ],
        usage: { prompt_tokens: 2, total_tokens: 2 },
      }),
      context(),
      2,
    );
    expect(decoded.rows).toEqual([[[0.01, -0.02]], [[0.03, 0.04]]]);
    expect(decoded.usage).toEqual({ inputTokens: 2 });
  });

  it('reads base64 (little-endian float32) embeddings', () => {
    const decoded = output('OPENAI-EMBED').decode(reply({ data: [{ index: 0, embedding: base64Floats([0.5, -1]) }] }), context(), 1);
    expect(decoded.rows).toEqual([[[0.5, -1]]]);
  });

  it('fails when the number of results differs from the rows sent', () => {
    expect(() => output('OPENAI-EMBED').decode(reply({ data: [{ index: 0, embedding: [1] }] }), context(), 3)).toThrow(
      'Unexpected number of results from ML Predict. Expected 3 but got 1',
    );
  });

  it('wraps a vector for an ARRAY<ARRAY<FLOAT>> column and accepts ARRAY<DOUBLE>', () => {
    const nested = context({ output: [{ name: 'e', dataType: array(VECTOR) }] });
    expect(output('OPENAI-EMBED').decode(reply({ data: [{ index: 0, embedding: [1, 2] }] }), nested, 1).rows).toEqual([[[[1, 2]]]]);
    const doubles = context({ output: [{ name: 'e', dataType: array({ kind: 'DOUBLE', nullable: true }) }] });
    expect(output('OPENAI-EMBED').validate(doubles)).toEqual([]);
  });
});

describe('COHERE-EMBED', () => {
  it('batches STRING rows into texts with the default input_type', () => {
    expect(encode('COHERE-EMBED', [['a'], ['b']], { providerId: 'bedrock' })).toEqual({ texts: ['a', 'b'], input_type: 'search_document' });
    expect(input('COHERE-EMBED').maxRowsPerRequest(context())).toBe(96);
  });

  it('takes input_type and other params from PARAMS', () => {
    const params = parseParams({ input_type: 'search_query', truncate: 'END' }).params;
    expect(encode('COHERE-EMBED', [['a']], { params })).toEqual({ texts: ['a'], input_type: 'search_query', truncate: 'END' });
  });

  it('reads embeddings_floats and embeddings_by_type answers per row', () => {
    const floats = { id: 'e1', response_type: 'embeddings_floats', embeddings: [[0.1, 0.2], [0.3, 0.4]], texts: ['a', 'b'] };
    expect(output('COHERE-EMBED').decode(reply(floats), context(), 2).rows).toEqual([[[0.1, 0.2]], [[0.3, 0.4]]]);
    const byType = { response_type: 'embeddings_by_type', embeddings: { float: [[0.5]] }, meta: { billed_units: { input_tokens: 1 } } };
    const decoded = output('COHERE-EMBED').decode(reply(byType), context(), 1);
    expect(decoded.rows).toEqual([[[0.5]]]);
    expect(decoded.usage).toEqual({ inputTokens: 1 });
    expect(() => output('COHERE-EMBED').decode(reply(floats), context(), 3)).toThrow('Expected 3 but got 2');
  });

  it('sends one ARRAY<STRING> row as the texts and reads all vectors into that row', () => {
    const arrayContext = context({ input: [{ name: 'texts', dataType: array(STRING) }], output: [{ name: 'e', dataType: array(VECTOR) }] });
    expect(input('COHERE-EMBED').validate(arrayContext)).toEqual([]);
    expect(input('COHERE-EMBED').maxRowsPerRequest(arrayContext)).toBe(1);
    expect(JSON.parse(input('COHERE-EMBED').encode([[['x', 'y']]], arrayContext).body as string)).toEqual({
      texts: ['x', 'y'],
      input_type: 'search_document',
    });
    const decoded = output('COHERE-EMBED').decode(reply({ embeddings: [[1, 2], [3, 4]] }), arrayContext, 1);
    expect(decoded.rows).toEqual([[[[1, 2], [3, 4]]]]);
  });

  it('rejects other input shapes', () => {
    const bad = context({ input: [{ name: 'n', dataType: array({ kind: 'INT', nullable: true }) }] });
    expect(input('COHERE-EMBED').validate(bad)).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: 'Invalid Schema for model input: COHERE-EMBED input format requires a single input column of type STRING, CHAR, or ARRAY<STRING>.',
      },
    ]);
  });
});

describe('AMAZON-TITAN-EMBED', () => {
  it('sends one text per request, with v2 knobs passed through', () => {
    expect(input('AMAZON-TITAN-EMBED').maxRowsPerRequest(context())).toBe(1);
    const params = parseParams({ dimensions: '256', normalize: 'true' }).params;
    expect(encode('AMAZON-TITAN-EMBED', [['hello world']], { providerId: 'bedrock', params })).toEqual({
      inputText: 'hello world',
      dimensions: 256,
      normalize: true,
    });
  });

  it('reads /embedding, or embeddingsByType.float', () => {
    const decoded = output('AMAZON-TITAN-EMBED').decode(
      reply({ embedding: [0.012, -0.034], inputTextTokenCount: 3, embeddingsByType: { float: [0.012, -0.034] } }),
      context(),
      1,
    );
    expect(decoded).toEqual({ rows: [[[0.012, -0.034]]], usage: { inputTokens: 3 } });
    expect(output('AMAZON-TITAN-EMBED').decode(reply({ embeddingsByType: { float: [1] } }), context(), 1).rows).toEqual([[[1]]]);
    expect(() => output('AMAZON-TITAN-EMBED').decode(reply({ message: 'x' }), context(), 1)).toThrow('/embedding not found');
  });
});

describe('VERTEX-EMBED', () => {
  it('sends instances, with instance fields and camelCase parameters from PARAMS', () => {
    expect(encode('VERTEX-EMBED', [['a'], ['b']], { providerId: 'vertexai' })).toEqual({ instances: [{ content: 'a' }, { content: 'b' }] });
    const params = parseParams({ task_type: 'RETRIEVAL_DOCUMENT', outputDimensionality: '256', autoTruncate: 'true' }).params;
    expect(encode('VERTEX-EMBED', [['a']], { providerId: 'vertexai', params })).toEqual({
      instances: [{ content: 'a', task_type: 'RETRIEVAL_DOCUMENT' }],
      parameters: { outputDimensionality: 256, autoTruncate: true },
    });
  });

  it('batches 250 instances, 1 for gemini-embedding models', () => {
    expect(input('VERTEX-EMBED').maxRowsPerRequest(context({ modelVersion: 'text-embedding-005' }))).toBe(250);
    expect(input('VERTEX-EMBED').maxRowsPerRequest(context({ modelVersion: 'gemini-embedding-001' }))).toBe(1);
  });

  it('reads /predictions/i/embeddings/values per row and sums token counts', () => {
    const body = {
      predictions: [
        { embeddings: { values: [0.1, 0.2], statistics: { truncated: false, token_count: 6 } } },
        { embeddings: { values: [0.3, 0.4], statistics: { truncated: false, token_count: 4 } } },
      ],
      metadata: { billableCharacterCount: 10 },
    };
    expect(output('VERTEX-EMBED').decode(reply(body), context(), 2)).toEqual({
      rows: [[[0.1, 0.2]], [[0.3, 0.4]]],
      usage: { inputTokens: 10 },
    });
    expect(() => output('VERTEX-EMBED').decode(reply(body), context(), 1)).toThrow('Expected 1 but got 2');
  });
});

describe('embedding formats: validation', () => {
  const ids = ['OPENAI-EMBED', 'COHERE-EMBED', 'AMAZON-TITAN-EMBED', 'VERTEX-EMBED'];

  it.each(ids)('%s output needs one ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>> column', (id) => {
    expect(output(id).validate(context())).toEqual([]);
    expect(output(id).validate(context({ output: [{ name: 'e', dataType: array(VECTOR) }] }))).toEqual([]);
    expect(output(id).validate(context({ output: [{ name: 'e', dataType: STRING }] }))).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: 'Invalid Schema for model output: Default Embedding output format requires an ARRAY<FLOAT> or ARRAY<ARRAY<FLOAT>> output column.',
      },
    ]);
    expect(output(id).validate(context({ output: [{ name: 'e', dataType: array({ kind: 'INT', nullable: true }) }] }))).toHaveLength(1);
    expect(output(id).validate(context({ output: [{ name: 'a', dataType: VECTOR }, { name: 'b', dataType: VECTOR }] }))).toEqual([
      { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: 'Invalid Schema for model output: Default Embedding output format requires a single output column.' },
    ]);
  });

  it.each(['OPENAI-EMBED', 'AMAZON-TITAN-EMBED', 'VERTEX-EMBED'])('%s input needs one string column', (id) => {
    expect(input(id).validate(context())).toEqual([]);
    expect(input(id).validate(context({ input: [{ name: 't', dataType: array(STRING) }] }))).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: `Invalid Schema for model input: ${id} input format requires a single input column of type STRING, CHAR, or VARCHAR.`,
      },
    ]);
  });
});
