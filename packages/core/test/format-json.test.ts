import { describe, expect, it } from 'vitest';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { builtinInputFormats, builtinOutputFormats } from '../src/formats/index.js';
import { responseBody } from '@lateral/spec';
import { parseParams } from '../src/options/params.js';
import type { Column, DataType } from '@lateral/spec';

const t = {
  string: { kind: 'STRING', nullable: true },
  int: { kind: 'INT', nullable: true },
  tinyint: { kind: 'TINYINT', nullable: true },
  double: { kind: 'DOUBLE', nullable: true },
  float: { kind: 'FLOAT', nullable: true },
  boolean: { kind: 'BOOLEAN', nullable: true },
  bytes: { kind: 'BYTES', nullable: true },
  date: { kind: 'DATE', nullable: true },
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
  return {
    providerId: 'sagemaker',
    task: 'classification',
    input: [col('text', t.string)],
    output: [col('label', t.string)],
    params: {},
    ...partial,
  };
}
function reply(body: unknown): ReturnType<typeof responseBody> {
  return responseBody(new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)), 'application/json');
}
function decodeJson(body: unknown, outputs: Column[], wrapper?: string, rowCount = 1): unknown[][] {
  return output('JSON').decode(reply(body), context({ output: outputs, wrapper }), rowCount).rows;
}

const MIXED_INPUT = [
  col('id', t.int),
  col('name', t.string),
  col('score', t.double),
  col('tags', t.array(t.string)),
  col('img', t.bytes),
  col('info', { kind: 'ROW', fields: [{ name: 'a', dataType: t.int }], nullable: true }),
  col('day', t.date),
];
const MIXED_ROW = [1, 'x', 0.5, ['a', 'b'], new Uint8Array([1, 2, 3]), { a: 7 }, '2024-01-02'];
const MIXED_JSON = { id: 1, name: 'x', score: 0.5, tags: ['a', 'b'], img: 'AQID', info: { a: 7 }, day: '2024-01-02' };

describe('JSON input formats', () => {
  it('writes one field per INPUT column', () => {
    expect(JSON.parse(input('JSON').encode([MIXED_ROW], context({ input: MIXED_INPUT })).body as string)).toEqual(MIXED_JSON);
  });

  it('merges every param at the top level (nested by dots)', () => {
    const params = parseParams({ threshold: '0.5', 'options.top': '3' }).params;
    const body = JSON.parse(input('JSON').encode([['hi']], context({ params })).body as string);
    expect(body).toEqual({ threshold: 0.5, options: { top: 3 }, text: 'hi' });
  });

  it.each([
    ['JSON', 'instances', { instances: { text: 'hi' }, threshold: 0.5 }],
    ['TF-SERVING-COLUMN', undefined, { inputs: { text: 'hi' }, threshold: 0.5 }],
    ['TF-SERVING-COLUMN', 'ignored', { inputs: { text: 'hi' }, threshold: 0.5 }],
    ['AZUREML-TENSOR', undefined, { input_data: { text: 'hi' }, threshold: 0.5 }],
  ])('%s with wrapper %s nests the columns', (id, wrapper, expected) => {
    const params = parseParams({ threshold: '0.5' }).params;
    expect(JSON.parse(input(id).encode([['hi']], context({ wrapper, params })).body as string)).toEqual(expected);
  });

  it('declares the default output formats of §9.3', () => {
    expect(input('JSON').defaultOutputFormat).toBe('JSON');
    expect(input('TF-SERVING-COLUMN').defaultOutputFormat).toBe('JSON:outputs');
    expect(input('AZUREML-TENSOR').defaultOutputFormat).toBe('JSON:outputs');
    expect(input('JSON').maxRowsPerRequest(context())).toBe(1);
  });

  it('rejects MAP and TIMESTAMP inputs', () => {
    const inputs = [
      col('m', { kind: 'MAP', key: t.string, value: t.int, nullable: true }),
      col('ts', { kind: 'TIMESTAMP', precision: 3, withLocalTimeZone: false, nullable: true }),
    ];
    expect(input('JSON').validate(context({ input: inputs }))).toEqual([
      { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: 'Invalid Schema for model input: Unsupported type for model input: m MAP<STRING, INT>' },
      { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: 'Invalid Schema for model input: Unsupported type for model input: ts TIMESTAMP(3)' },
    ]);
    expect(input('JSON').validate(context({ input: MIXED_INPUT }))).toEqual([]);
  });
});

describe('JSON output: the JSON-object parsing rules of §9.6', () => {
  const labelScore = [col('label', t.string), col('score', t.double)];

  it.each<[string, unknown, Column[], unknown[]]>([
    ['by name', { label: 'yes', score: 0.91 }, labelScore, ['yes', 0.91]],
    ['by name, ignoring case', { Label: 'yes', SCORE: 1 }, labelScore, ['yes', 1]],
    ['inside nested objects', { result: { detail: { label: 'no' } }, score: 0.2 }, labelScore, ['no', 0.2]],
    ['positionally from an array', ['yes', 0.5], labelScore, ['yes', 0.5]],
    ['a bare scalar for one output', 42, [col('n', t.int)], [42]],
    ['a 1-element array for a non-ARRAY column', { label: ['yes'] }, [col('label', t.string)], ['yes']],
    ['a whole array for a single ARRAY output', [0.1, 0.2], [col('v', t.array(t.float))], [[0.1, 0.2]]],
    ['a number as STRING', { label: 5 }, [col('label', t.string)], ['5']],
    ['an object as STRING (its JSON)', { label: { a: 1 } }, [col('label', t.string)], ['{"a":1}']],
    ['"3" and 3.0 as INT', { a: '3', b: 3.0 }, [col('a', t.int), col('b', t.int)], [3, 3]],
    ['a fraction as INT, truncated like the 2024 parser', { a: 2.7 }, [col('a', t.int)], [2]],
    ['"true" and 0 as BOOLEAN', { a: 'true', b: 0 }, [col('a', t.boolean), col('b', t.boolean)], [true, false]],
    ['base64 and {b64} as BYTES', { a: 'AQI=', b: { b64: 'Aw==' } }, [col('a', t.bytes), col('b', t.bytes)], [new Uint8Array([1, 2]), new Uint8Array([3])]],
    [
      'ROW from an object by field name',
      { r: { B: 'x', a: 1 } },
      [col('r', { kind: 'ROW', fields: [{ name: 'a', dataType: t.int }, { name: 'b', dataType: t.string }], nullable: true })],
      [{ a: 1, b: 'x' }],
    ],
    [
      'ROW from an array positionally',
      { r: [1, 'x'] },
      [col('r', { kind: 'ROW', fields: [{ name: 'a', dataType: t.int }, { name: 'b', dataType: t.string }], nullable: true })],
      [{ a: 1, b: 'x' }],
    ],
    ['null as NULL', { label: null }, [col('label', t.string)], [null]],
    ['a numeric string array as ARRAY<DOUBLE>', { v: ['1.5', 2] }, [col('v', t.array(t.double))], [[1.5, 2]]],
  ])('reads %s', (_name, body, outputs, expected) => {
    expect(decodeJson(body, outputs)).toEqual([expected]);
  });

  it('reads under a wrapper (field name or pointer) and unwraps a batch dimension of 1', () => {
    expect(decodeJson({ outputs: [[0.1, 0.2]] }, [col('v', t.array(t.float))], 'outputs')).toEqual([[[0.1, 0.2]]]);
    expect(decodeJson({ a: { b: { label: 'z' } } }, [col('label', t.string)], '/a/b')).toEqual([['z']]);
  });

  it.each<[string, unknown, Column[], string | undefined, string]>([
    ['a missing field', { label: 'yes' }, labelScore, undefined, 'Error deserializing ML Prediction response: Field score not found in response.'],
    [
      'an array of the wrong size',
      ['a', 'b', 'c'],
      labelScore,
      undefined,
      "Error deserializing ML Prediction response: Expected object field 'label' in response was an array whose size did not match the number of model output columns.",
    ],
    ['a missing wrapper', { x: 1 }, [col('v', t.int)], 'outputs', 'Error parsing ML Predict response: Expected object field /outputs not found in json response.'],
    ['a value of the wrong type', { n: 'abc' }, [col('n', t.int)], undefined, 'Error deserializing ML Prediction response field: n: cannot convert string "abc" to INT'],
    ['an overflow', { n: 300 }, [col('n', t.tinyint)], undefined, 'Error deserializing ML Prediction response field: n: 300 does not fit TINYINT, possible overflow'],
    ['a scalar for several outputs', 1, labelScore, undefined, 'Field label not found in response.'],
  ])('fails on %s', (_name, body, outputs, wrapper, message) => {
    expect(() => decodeJson(body, outputs, wrapper)).toThrow(expect.objectContaining({ code: 'LATERAL_ERR_PROVIDER_RESPONSE', message: expect.stringContaining(message) }));
  });

  it('reads a batch answer as one element per row', () => {
    expect(decodeJson([{ label: 'a' }, { label: 'b' }], [col('label', t.string)], undefined, 2)).toEqual([['a'], ['b']]);
    expect(() => decodeJson([{ label: 'a' }], [col('label', t.string)], undefined, 2)).toThrow('Expected 2 but got 1');
  });

  it('rejects MAP and TIMESTAMP outputs', () => {
    const outputs = [col('ts', { kind: 'TIMESTAMP', precision: 3, withLocalTimeZone: false, nullable: true })];
    expect(output('JSON').validate(context({ output: outputs }))).toEqual([
      { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: 'Invalid Schema for model output: Unsupported type for model output: ts TIMESTAMP(3)' },
    ]);
  });
});

describe('JSON-ARRAY', () => {
  it('writes the values without names, or a single ARRAY input as itself', () => {
    const two = context({ input: [col('a', t.int), col('b', t.string)] });
    expect(JSON.parse(input('JSON-ARRAY').encode([[1, 'x']], two).body as string)).toEqual([1, 'x']);
    const single = context({ input: [col('v', t.array(t.double))] });
    expect(JSON.parse(input('JSON-ARRAY').encode([[[1.5, 2]]], single).body as string)).toEqual([1.5, 2]);
  });

  function decodeArray(body: unknown, outputs: Column[], rowCount = 1, wrapper?: string): unknown[][] {
    return output('JSON-ARRAY').decode(reply(body), context({ output: outputs, wrapper }), rowCount).rows;
  }

  it.each<[string, unknown, Column[], unknown[]]>([
    ['positionally', [1, 'x'], [col('a', t.int), col('b', t.string)], [1, 'x']],
    ['one prediction row of a table model', [[1, 'x']], [col('a', t.int), col('b', t.string)], [1, 'x']],
    ['a single ARRAY output from the whole array', [0.1, 0.2], [col('v', t.array(t.float))], [[0.1, 0.2]]],
    ['a single prediction of a one-row table', [1], [col('n', t.int)], [1]],
  ])('reads %s', (_name, body, outputs, expected) => {
    expect(decodeArray(body, outputs)).toEqual([expected]);
  });

  it('reads a batch with one element per row', () => {
    expect(decodeArray([0, 1, 1], [col('n', t.int)], 3)).toEqual([[0], [1], [1]]);
    expect(decodeArray([[1, 'a'], [2, 'b']], [col('n', t.int), col('s', t.string)], 2)).toEqual([[1, 'a'], [2, 'b']]);
    expect(decodeArray({ predictions: [[0.5], [0.7]] }, [col('p', t.array(t.double))], 2, 'predictions')).toEqual([[[0.5]], [[0.7]]]);
  });

  it('fails on the wrong count or a non-array body', () => {
    expect(() => decodeArray([1, 2, 3], [col('a', t.int), col('b', t.int)])).toThrow(
      'Unexpected number of results from ML Predict. Expected 2 but got 3',
    );
    expect(() => decodeArray([0, 1], [col('n', t.int)], 3)).toThrow('Unexpected number of results from ML Predict. Expected 3 but got 2');
    expect(() => decodeArray({ a: 1 }, [col('n', t.int)])).toThrow('ML prediction response was not a JSON array');
  });
});
