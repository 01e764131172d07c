import { describe, expect, it } from 'vitest';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import { builtinInputFormats, builtinOutputFormats } from '../src/formats/index.js';
import { responseBody } from '@lateral/spec';
import type { Column, DataType } from '@lateral/spec';

const t = {
  string: { kind: 'STRING', nullable: true },
  int: { kind: 'INT', nullable: true },
  smallint: { kind: 'SMALLINT', nullable: true },
  bigint: { kind: 'BIGINT', nullable: true },
  double: { kind: 'DOUBLE', nullable: true },
  float: { kind: 'FLOAT', nullable: true },
  boolean: { kind: 'BOOLEAN', nullable: true },
  bytes: { kind: 'BYTES', nullable: true },
  date: { kind: 'DATE', nullable: true },
  array: (element: DataType): DataType => ({ kind: 'ARRAY', element, nullable: true }),
} satisfies Record<string, DataType | ((element: DataType) => DataType)>;
const ROW_TYPE: DataType = { kind: 'ROW', fields: [{ name: 'a', dataType: { kind: 'INT', nullable: true } }], nullable: true };

const col = (name: string, dataType: DataType): Column => ({ name, dataType });

function input(id: string): InputFormatV1 {
  return builtinInputFormats.find((format) => format.id === id)!;
}
function output(id: string): OutputFormatV1 {
  return builtinOutputFormats.find((format) => format.id === id)!;
}
function context(partial: Partial<FormatContext> = {}): FormatContext {
  return { providerId: 'sagemaker', task: 'regression', input: [col('x', t.double)], output: [col('y', t.double)], params: {}, ...partial };
}
function reply(body: string | Uint8Array, contentType: string): ReturnType<typeof responseBody> {
  return responseBody(typeof body === 'string' ? new TextEncoder().encode(body) : body, contentType);
}
function messages(diagnostics: { message: string }[]): string[] {
  return diagnostics.map((diagnostic) => diagnostic.message);
}

describe('CSV', () => {
  const mixed = [col('n', t.int), col('s', t.string), col('d', t.double), col('missing', t.string), col('b', t.boolean)];

  it('writes one line per row, quoting only cells that need it', () => {
    const encoded = input('CSV').encode([[1, 'a,b "q"', 2.5, null, true]], context({ input: mixed }));
    expect(encoded.body).toBe('1,"a,b ""q""",2.5,,true');
    expect(input('CSV').contentType).toBe('text/csv');
  });

  it('writes a single ARRAY input as the cells of the line', () => {
    expect(input('CSV').encode([[[1, 2, 3]]], context({ input: [col('v', t.array(t.double))] })).body).toBe('1,2,3');
  });

  it('batches up to 100 rows, one line each, when the output is CSV', () => {
    const rows = [[1, 'x'], [2, 'y'], [3, 'z']];
    const two = context({ input: [col('n', t.int), col('s', t.string)] });
    expect(input('CSV').encode(rows, two).body).toBe('1,x\n2,y\n3,z');
    expect(input('CSV').maxRowsPerRequest(two)).toBe(100);
    expect(input('CSV').maxRowsPerRequest({ ...two, outputFormatId: 'CSV' })).toBe(100);
    expect(input('CSV').maxRowsPerRequest({ ...two, outputFormatId: 'JSON' })).toBe(1);
  });

  it('validates inputs like the 2024 formatter', () => {
    expect(input('CSV').validate(context({ input: mixed }))).toEqual([]);
    expect(messages(input('CSV').validate(context({ input: [col('v', t.array(t.array(t.int)))] })))).toEqual([
      'Invalid Schema for model input: Nested arrays are not supported for CSV input.',
    ]);
    expect(messages(input('CSV').validate(context({ input: [col('v', t.array(t.int)), col('n', t.int)] })))).toEqual([
      'Invalid Schema for model input: For CSV input, array types are only supported if it is the only input.',
    ]);
  });

  function decodeCsv(body: string, outputs: Column[], rowCount = 1): unknown[][] {
    return output('CSV').decode(reply(body, 'text/csv'), context({ output: outputs }), rowCount).rows;
  }

  it.each<[string, string, Column[], unknown[]]>([
    ['one number', '0.5\n', [col('y', t.double)], [0.5]],
    ['several columns', '1,yes', [col('n', t.int), col('s', t.string)], [1, 'yes']],
    ['quoted cells', '"a,b",2\r\n', [col('s', t.string), col('n', t.int)], ['a,b', 2]],
    ['a single ARRAY output from the whole line', '0.1,0.2,0.3', [col('v', t.array(t.float))], [[0.1, 0.2, 0.3]]],
    ['empty cells: NULL for numbers, empty for strings', ',', [col('n', t.int), col('s', t.string)], [null, '']],
    ['the first line of a one-row answer', '1\n2\n', [col('n', t.int)], [1]],
  ])('reads %s', (_name, body, outputs, expected) => {
    expect(decodeCsv(body, outputs)).toEqual([expected]);
  });

  it('reads one line per row of a batch', () => {
    expect(decodeCsv('1,a\n2,b\n3,c\n', [col('n', t.int), col('s', t.string)], 3)).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(() => decodeCsv('1\n2\n', [col('n', t.int)], 3)).toThrow('Unexpected number of results from ML Predict. Expected 3 but got 2');
  });

  it('fails on a wrong column count or an empty body', () => {
    expect(() => decodeCsv('1,2,3', [col('a', t.int), col('b', t.int)])).toThrow(
      'Error parsing ML Predict response: expected 2 columns, but found 3',
    );
    expect(() => decodeCsv('', [col('a', t.int)])).toThrow('Error parsing ML Predict response: no data found');
  });

  it('validates outputs like the 2024 parser', () => {
    expect(messages(output('CSV').validate(context({ output: [col('r', ROW_TYPE)] })))).toEqual([
      'Invalid Schema for model output: For CSV output, the ROW type is not supported.',
    ]);
    expect(messages(output('CSV').validate(context({ output: [col('v', t.array(t.int)), col('n', t.int)] })))).toEqual([
      'Invalid Schema for model output: For CSV output, array types are only supported if the output is a single array.',
    ]);
    expect(messages(output('CSV').validate(context({ output: [col('v', t.array(t.array(t.int)))] })))).toEqual([
      'Invalid Schema for model output: Nested arrays are not supported for CSV output.',
    ]);
  });
});

describe('TEXT (alias TXT)', () => {
  it('joins the string inputs with newlines', () => {
    const encoded = input('TEXT').encode([['first', 'second\nline', null]], context({ input: [col('a', t.string), col('b', t.string), col('c', t.string)] }));
    expect(encoded.body).toBe('first\nsecond\nline\n');
    expect(input('TEXT').contentType).toBe('text/plain');
  });

  it('accepts only string inputs and a single string output', () => {
    expect(messages(input('TEXT').validate(context({ input: [col('n', t.int)] })))).toEqual([
      'Invalid Schema for model input: TEXT input format only accepts STRING, CHAR, or VARCHAR types, but got n INT',
    ]);
    expect(messages(output('TEXT').validate(context({ output: [col('a', t.string), col('b', t.string)] })))).toEqual([
      'Invalid Schema for model output: TEXT output format only supports a single STRING, CHAR, or VARCHAR column.',
    ]);
    expect(output('TEXT').validate(context({ output: [col('a', t.string)] }))).toEqual([]);
  });

  it('reads the whole body, or one line per row of a batch', () => {
    const one = context({ output: [col('a', t.string)] });
    expect(output('TEXT').decode(reply('line 1\nline 2', 'text/plain'), one, 1).rows).toEqual([['line 1\nline 2']]);
    expect(output('TEXT').decode(reply('a\nb\n', 'text/plain'), one, 2).rows).toEqual([['a'], ['b']]);
    expect(() => output('TEXT').decode(reply('a', 'text/plain'), one, 2)).toThrow('Expected 2 but got 1');
  });
});

describe('BINARY', () => {
  function bytesOf(body: string | Uint8Array): number[] {
    return [...(body as Uint8Array)];
  }

  it('packs values little-endian in column order', () => {
    const inputs = [col('s', t.smallint), col('f', t.float), col('b', t.boolean), col('text', t.string), col('day', t.date)];
    const encoded = input('BINARY').encode([[258, 1.5, true, 'hi', '1970-01-03']], context({ input: inputs }));
    expect(bytesOf(encoded.body)).toEqual([2, 1, 0, 0, 0xc0, 0x3f, 1, 0x68, 0x69, 2, 0, 0, 0]);
    expect(input('BINARY').contentType).toBe('application/octet-stream');
  });

  it('packs arrays, bigints and raw bytes', () => {
    const inputs = [col('v', t.array(t.int)), col('big', t.bigint), col('raw', t.bytes)];
    const encoded = input('BINARY').encode([[[1, -1], 2, new Uint8Array([9, 8])]], context({ input: inputs }));
    expect(bytesOf(encoded.body)).toEqual([1, 0, 0, 0, 255, 255, 255, 255, 2, 0, 0, 0, 0, 0, 0, 0, 9, 8]);
  });

  it('reads the body as the single output', () => {
    const floats = new Uint8Array(new Float32Array([0.5, -2]).buffer);
    expect(output('BINARY').decode(reply(floats, 'application/octet-stream'), context({ output: [col('v', t.array(t.float))] }), 1).rows).toEqual([
      [[0.5, -2]],
    ]);
    const int = new Uint8Array([7, 0, 0, 0]);
    expect(output('BINARY').decode(reply(int, 'application/octet-stream'), context({ output: [col('n', t.int)] }), 1).rows).toEqual([[7]]);
    expect(output('BINARY').decode(reply('héllo', 'application/octet-stream'), context({ output: [col('s', t.string)] }), 1).rows).toEqual([['héllo']]);
    expect(output('BINARY').decode(reply(new Uint8Array([1, 2]), 'application/octet-stream'), context({ output: [col('b', t.bytes)] }), 1).rows).toEqual([
      [new Uint8Array([1, 2])],
    ]);
    expect(() => output('BINARY').decode(reply(new Uint8Array([1]), 'x'), context({ output: [col('n', t.int)] }), 1)).toThrow(
      'Response data is too short to contain the expected output',
    );
  });

  it('validates like the 2024 binary parser', () => {
    expect(messages(output('BINARY').validate(context({ output: [col('a', t.int), col('b', t.int)] })))).toEqual([
      'Invalid Schema for model output: BINARY output format only supports a single column but got 2 columns.',
    ]);
    expect(messages(output('BINARY').validate(context({ output: [col('v', t.array(t.string))] })))).toEqual([
      'Invalid Schema for model output: For binary output, array types are only supported if they contain fixed length numeric types or booleans.',
    ]);
    expect(messages(output('BINARY').validate(context({ output: [col('r', ROW_TYPE)] })))).toEqual([
      'Invalid Schema for model output: The ROW type is not supported for binary output.',
    ]);
    expect(messages(input('BINARY').validate(context({ input: [col('r', ROW_TYPE)] })))).toEqual([
      expect.stringMatching(/^Invalid Schema for model input: BINARY input format does not support r ROW<.*INT>\.$/),
    ]);
  });
});
