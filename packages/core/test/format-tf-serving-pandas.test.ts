import { describe, expect, it } from 'vitest';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { builtinInputFormats, builtinOutputFormats } from '../src/formats/index.js';
import { responseBody } from '@lateral/spec';
import { parseParams } from '../src/options/params.js';
import type { Column, DataType } from '@lateral/spec';

const t = {
  string: { kind: 'STRING', nullable: true },
  int: { kind: 'INT', nullable: true },
  double: { kind: 'DOUBLE', nullable: true },
  bytes: { kind: 'BYTES', nullable: true },
  array: (element: DataType): DataType => ({ kind: 'ARRAY', element, nullable: true }),
} satisfies Record<string, DataType | ((element: DataType) => DataType)>;
const col = (name: string, dataType: DataType): Column => ({ name, dataType });

function input(id: string): InputFormatV1 {
  return builtinInputFormats.find((format) => format.id === id)!;
}
function output(id: string): OutputFormatV1 {
  return builtinOutputFormats.find((format) => format.id === id)!;
}
function context(partial: Partial<FormatContext> = {}): FormatContext {
  return { providerId: 'vertexai', task: 'classification', input: [col('x', t.double)], output: [col('y', t.double)], params: {}, ...partial };
}
function encode(id: string, rows: unknown[][], partial: Partial<FormatContext>): unknown {
  return JSON.parse(input(id).encode(rows, context(partial)).body as string);
}
function reply(body: unknown): ReturnType<typeof responseBody> {
  return responseBody(new TextEncoder().encode(JSON.stringify(body)), 'application/json');
}

const TABLE = [col('age', t.int), col('income', t.int)];

describe('TF-SERVING (KServe V1) and VERTEXAI-PYTORCH requests', () => {
  it.each<[string, string, Partial<FormatContext>, unknown[][], unknown]>([
    ['TF-SERVING', 'one input is the instance itself', {}, [[1.5]], { instances: [1.5] }],
    ['TF-SERVING', 'several inputs are named', { input: TABLE }, [[35, 52000]], { instances: [{ age: 35, income: 52000 }] }],
    [
      'TF-SERVING',
      'binary inputs get _bytes and b64',
      { input: [col('age', t.int), col('img', t.bytes), col('photo_bytes', t.bytes)] },
      [[35, new Uint8Array([1, 2]), new Uint8Array([3])]],
      { instances: [{ age: 35, img_bytes: { b64: 'AQI=' }, photo_bytes: { b64: 'Aw==' } }] },
    ],
    ['TF-SERVING', 'a batch is one instance per row', { input: TABLE }, [[35, 1], [41, 2]], { instances: [{ age: 35, income: 1 }, { age: 41, income: 2 }] }],
    ['TF-SERVING', 'TF-SERVING:inputs wraps each instance', { wrapper: 'inputs' }, [[1.5]], { instances: [{ inputs: 1.5 }] }],
    [
      'TF-SERVING',
      'params become Vertex parameters',
      { params: parseParams({ confidenceThreshold: '0.5' }).params },
      [[1.5]],
      { instances: [1.5], parameters: { confidencethreshold: 0.5 } },
    ],
    ['VERTEXAI-PYTORCH', 'each instance under data', {}, [[1.5], [2.5]], { instances: [{ data: 1.5 }, { data: 2.5 }] }],
    ['VERTEXAI-PYTORCH', 'several inputs under data', { input: TABLE }, [[35, 1]], { instances: [{ data: { age: 35, income: 1 } }] }],
  ])('%s: %s', (id, _name, partial, rows, expected) => {
    expect(encode(id, rows, partial)).toEqual(expected);
  });

  it('batches 100 instances when the output is TF-SERVING', () => {
    for (const id of ['TF-SERVING', 'VERTEXAI-PYTORCH']) {
      expect(input(id).maxRowsPerRequest(context())).toBe(100);
      expect(input(id).maxRowsPerRequest(context({ outputFormatId: 'TF-SERVING' }))).toBe(100);
      expect(input(id).maxRowsPerRequest(context({ outputFormatId: 'JSON' }))).toBe(1);
      expect(input(id).defaultOutputFormat).toBe('TF-SERVING');
    }
  });
});

describe('TF-SERVING responses', () => {
  function decode(body: unknown, outputs: Column[], rowCount = 1, wrapper?: string): unknown[][] {
    return output('TF-SERVING').decode(reply(body), context({ output: outputs, wrapper }), rowCount).rows;
  }

  it('reads a Vertex prediction object by column name', () => {
    const body = {
      predictions: [{ label: 'yes', score: 0.91 }],
      deployedModelId: '123',
      model: 'projects/1/locations/us-central1/models/456',
      modelDisplayName: 'm',
      modelVersionId: '1',
    };
    expect(decode(body, [col('label', t.string), col('score', t.double)])).toEqual([['yes', 0.91]]);
  });

  it('maps a batch of predictions back to the rows', () => {
    expect(decode({ predictions: [0.1, [0.9]] }, [col('p', t.double)], 2)).toEqual([[0.1], [0.9]]);
    expect(decode({ predictions: [[0.1, 0.2], [0.3, 0.4]] }, [col('v', t.array(t.double))], 2)).toEqual([[[0.1, 0.2]], [[0.3, 0.4]]]);
    expect(() => decode({ predictions: [1, 2, 3] }, [col('p', t.double)], 2)).toThrow('Unexpected number of results from ML Predict. Expected 2 but got 3');
  });

  it('reads under another top-level node given as the wrapper', () => {
    expect(decode({ outputs: [{ y: 2 }] }, [col('y', t.double)], 1, 'outputs')).toEqual([[2]]);
  });

  it.each<[string, unknown, Column[], string]>([
    ['an error body', { error: 'Input tensor alias not found' }, [col('y', t.double)], 'Remote ML Predict error: Input tensor alias not found'],
    ['no predictions', { result: 1 }, [col('y', t.double)], "No '/predictions' field found in ML Predict response."],
    [
      'a scalar for several outputs',
      { predictions: [1] },
      [col('a', t.double), col('b', t.double)],
      'Remote ML Predict prediction returned a single prediction column when multiple columns were expected',
    ],
    ['a missing field', { predictions: [{ other: 1 }] }, [col('y', t.double)], 'Field y not found in response.'],
  ])('fails on %s', (_name, body, outputs, message) => {
    expect(() => decode(body, outputs)).toThrow(message);
  });
});

describe('PANDAS-DATAFRAME and AZUREML-PANDAS-DATAFRAME', () => {
  it('sends many rows as one split-oriented frame', () => {
    expect(encode('PANDAS-DATAFRAME', [[35, 52000], [41, 61000]], { input: TABLE })).toEqual({
      dataframe_split: { index: [0, 1], columns: ['age', 'income'], data: [[35, 52000], [41, 61000]] },
    });
    expect(encode('PANDAS-DATAFRAME', [[35, 52000]], { input: TABLE, wrapper: 'frame' })).toEqual({
      frame: { index: [0], columns: ['age', 'income'], data: [[35, 52000]] },
    });
  });

  it('AZUREML-PANDAS-DATAFRAME is the frame under input_data (Azure ML MLflow)', () => {
    expect(encode('AZUREML-PANDAS-DATAFRAME', [[35, 52000], [41, 61000]], { providerId: 'azureml', input: TABLE, wrapper: 'ignored' })).toEqual({
      input_data: { columns: ['age', 'income'], index: [0, 1], data: [[35, 52000], [41, 61000]] },
    });
  });

  it('batches 100 rows into JSON-ARRAY and maps the predictions back', () => {
    for (const id of ['PANDAS-DATAFRAME', 'AZUREML-PANDAS-DATAFRAME']) {
      expect(input(id).defaultOutputFormat).toBe('JSON-ARRAY');
      expect(input(id).maxRowsPerRequest(context())).toBe(100);
      expect(input(id).maxRowsPerRequest(context({ outputFormatId: 'JSON-ARRAY' }))).toBe(100);
      expect(input(id).maxRowsPerRequest(context({ outputFormatId: 'CSV' }))).toBe(1);
    }
    const decoded = output('JSON-ARRAY').decode(reply([0, 1, 1]), context({ output: [col('cluster', t.int)] }), 3);
    expect(decoded.rows).toEqual([[0], [1], [1]]);
  });
});
