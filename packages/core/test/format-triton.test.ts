import { describe, expect, it } from 'vitest';
import { sagemakerProvider } from '@lateral/provider-sagemaker';
import type { FormatContext } from '@lateral/spec';
import { tritonInputFormat, tritonOutputFormat } from '../src/formats/triton-formats.js';
import { responseBody } from '@lateral/spec';
import type { Column, DataType } from '@lateral/spec';

const t = {
  string: { kind: 'STRING', nullable: true },
  int: { kind: 'INT', nullable: true },
  float: { kind: 'FLOAT', nullable: true },
  double: { kind: 'DOUBLE', nullable: true },
  bytes: { kind: 'BYTES', nullable: true },
  array: (element: DataType): DataType => ({ kind: 'ARRAY', element, nullable: true }),
} satisfies Record<string, DataType | ((element: DataType) => DataType)>;
const col = (name: string, dataType: DataType): Column => ({ name, dataType });

function context(partial: Partial<FormatContext> = {}): FormatContext {
  return { providerId: 'sagemaker', task: 'regression', input: [col('x', t.float)], output: [col('score', t.double)], params: {}, ...partial };
}
function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
function u32(value: number): Uint8Array {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return new Uint8Array(bytes);
}

describe('TRITON (KServe V2) requests', () => {
  it('sends one tensor per input column', () => {
    const encoded = tritonInputFormat.encode([[1.5, 'hi']], context({ providerId: 'vertexai', input: [col('x', t.float), col('name', t.string)] }));
    expect(JSON.parse(new TextDecoder().decode(encoded.body as Uint8Array))).toEqual({
      inputs: [
        { name: 'x', datatype: 'FP32', shape: [1], data: [1.5] },
        { name: 'name', datatype: 'BYTES', shape: [1], data: ['hi'] },
      ],
    });
    expect(encoded.headers).toBeUndefined();
  });

  it('gives array inputs their shape and does not batch them', () => {
    const arrayContext = context({ input: [col('m', t.array(t.array(t.float)))] });
    const encoded = tritonInputFormat.encode([[[[1, 2], [3, 4], [5, 6]]]], arrayContext);
    expect(JSON.parse(new TextDecoder().decode(encoded.body as Uint8Array)).inputs).toEqual([
      { name: 'm', datatype: 'FP32', shape: [3, 2], data: [[1, 2], [3, 4], [5, 6]] },
    ]);
    expect(tritonInputFormat.maxRowsPerRequest(arrayContext)).toBe(1);
  });

  it('batches scalar inputs along the first dimension', () => {
    const scalar = context({ input: [col('x', t.float), col('n', t.int)] });
    expect(tritonInputFormat.maxRowsPerRequest(scalar)).toBe(64);
    expect(tritonInputFormat.maxRowsPerRequest({ ...scalar, outputFormatId: 'JSON' })).toBe(1);
    const encoded = tritonInputFormat.encode([[1, 10], [2, 20], [3, 30]], scalar);
    expect(JSON.parse(new TextDecoder().decode(encoded.body as Uint8Array)).inputs).toEqual([
      { name: 'x', datatype: 'FP32', shape: [3], data: [1, 2, 3] },
      { name: 'n', datatype: 'INT32', shape: [3], data: [10, 20, 30] },
    ]);
  });

  it('asks for binary outputs when an output is binary', () => {
    const encoded = tritonInputFormat.encode([[1]], context({ output: [col('blob', t.bytes)] }));
    expect(JSON.parse(new TextDecoder().decode(encoded.body as Uint8Array)).parameters).toEqual({ binary_data_output: true });
  });

  it('sends binary inputs after the JSON header with Inference-Header-Content-Length', () => {
    const binaryContext = context({ providerId: 'vertexai', input: [col('img', t.bytes)] });
    const encoded = tritonInputFormat.encode([[new Uint8Array([7, 8, 9])]], binaryContext);
    const json = JSON.stringify({ inputs: [{ name: 'img', datatype: 'BYTES', shape: [1], parameters: { binary_data_size: 7 } }] });
    expect(encoded.headers).toEqual({ 'Inference-Header-Content-Length': String(utf8(json).byteLength) });
    expect(encoded.contentType).toBe('application/octet-stream');
    expect([...(encoded.body as Uint8Array)]).toEqual([...concat(utf8(json), u32(3), new Uint8Array([7, 8, 9]))]);
    const sagemaker = tritonInputFormat.encode([[new Uint8Array([7, 8, 9])]], { ...binaryContext, providerId: 'sagemaker', defaults: sagemakerProvider.formatDefaults?.TRITON });
    expect(sagemaker.contentType).toBe(`application/vnd.sagemaker-triton.binary+json;json-header-size=${utf8(json).byteLength}`);
  });

  it('rejects types Triton has no tensor type for', () => {
    expect(tritonInputFormat.validate(context({ input: [col('d', { kind: 'DECIMAL', precision: 10, scale: 2, nullable: true })] }))).toEqual([
      {
        code: 'LATERAL_ERR_FORMAT_SCHEMA',
        message: 'Invalid Schema for model input: Unsupported data type for Triton input tensor in ML Predict: d DECIMAL(10, 2)',
      },
    ]);
    const rowOutput = context({ output: [col('r', { kind: 'ROW', fields: [{ name: 'a', dataType: t.int }], nullable: true })] });
    expect(tritonOutputFormat.validate(rowOutput)).toEqual([
      { code: 'LATERAL_ERR_FORMAT_SCHEMA', message: 'Invalid Schema for model output: For Triton output, the ROW type is not supported.' },
    ]);
    expect(tritonInputFormat.validate(context())).toEqual([]);
  });
});

describe('TRITON responses', () => {
  function decode(body: unknown, outputs: Column[], rowCount = 1, contentType = 'application/json'): unknown[][] {
    const bytes = body instanceof Uint8Array ? body : utf8(JSON.stringify(body));
    return tritonOutputFormat.decode(responseBody(bytes, contentType), context({ output: outputs }), rowCount).rows;
  }

  it('reads JSON tensors by name and skips the others', () => {
    const body = {
      model_name: 'm',
      model_version: '1',
      outputs: [
        { name: 'extra', datatype: 'FP32', shape: [1], data: [5] },
        { name: 'score', datatype: 'FP32', shape: [1, 1], data: [0.25] },
      ],
    };
    expect(decode(body, [col('score', t.double)])).toEqual([[0.25]]);
  });

  it('reshapes a flat tensor for a nested ARRAY column', () => {
    const body = { outputs: [{ name: 'm', datatype: 'FP32', shape: [1, 2, 3], data: [1, 2, 3, 4, 5, 6] }] };
    expect(decode(body, [col('m', t.array(t.array(t.float)))])).toEqual([[[[1, 2, 3], [4, 5, 6]]]]);
  });

  it('splits a batch on the first dimension', () => {
    const body = { outputs: [{ name: 'v', datatype: 'FP32', shape: [3, 2], data: [1, 2, 3, 4, 5, 6] }] };
    expect(decode(body, [col('v', t.array(t.float))], 3)).toEqual([[[1, 2]], [[3, 4]], [[5, 6]]]);
    const scalars = { outputs: [{ name: 'score', datatype: 'INT64', shape: [2], data: [7, 8] }] };
    expect(decode(scalars, [col('score', t.double)], 2)).toEqual([[7], [8]]);
    expect(() => decode(body, [col('v', t.array(t.float))], 2)).toThrow('Unexpected number of results from ML Predict. Expected 2 but got 3');
  });

  it('reads binary tensors that follow the JSON header', () => {
    const header = utf8(
      JSON.stringify({
        outputs: [
          { name: 'skipped', datatype: 'INT8', shape: [2], parameters: { binary_data_size: 2 } },
          { name: 'v', datatype: 'FP32', shape: [2], parameters: { binary_data_size: 8 } },
          { name: 'label', datatype: 'BYTES', shape: [1], parameters: { binary_data_size: 7 } },
        ],
      }),
    );
    const floats = new Uint8Array(new Float32Array([0.5, 1.5]).buffer);
    const body = concat(header, new Uint8Array([1, 2]), floats, u32(3), utf8('cat'));
    expect(decode(body, [col('v', t.array(t.float)), col('label', t.string)], 1, 'application/octet-stream')).toEqual([[[0.5, 1.5], 'cat']]);
    const declared = `application/vnd.sagemaker-triton.binary+json;json-header-size=${header.byteLength}`;
    expect(decode(body, [col('v', t.array(t.float))], 1, declared)).toEqual([[[0.5, 1.5]]]);
  });

  it.each<[string, unknown, Column[], string]>([
    ['an error body', { error: 'model not found' }, [col('score', t.double)], 'Remote ML Predict error: model not found'],
    ['no outputs', { model_name: 'm' }, [col('score', t.double)], "No 'outputs' or 'error' fields found in ML Predict response."],
    [
      'an incompatible datatype',
      { outputs: [{ name: 'score', datatype: 'BYTES', shape: [1], data: ['x'] }] },
      [col('score', t.int)],
      'ML Predict found incompatible datatype for output score: BYTES (expected INT32)',
    ],
    ['a missing output', { outputs: [] }, [col('score', t.double)], 'Field score not found in response.'],
    ['a missing shape', { outputs: [{ name: 'score', datatype: 'FP32', data: [1] }] }, [col('score', t.double)], 'Invalid or missing shape'],
  ])('fails on %s', (_name, body, outputs, message) => {
    expect(() => decode(body, outputs)).toThrow(message);
  });
});
