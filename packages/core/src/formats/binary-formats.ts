import type { Diagnostic } from '@lateral/spec';
import type { InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { Column } from '@lateral/spec';
import { fixedSize, isBinaryPackable, packValue, readFixed } from './binary-values.js';
import { assertBatchSize } from './format-batching.js';
import { countMismatch, inputSchemaDiagnostic, outputSchemaDiagnostic, responseError } from './format-errors.js';
import { checkAtLeastOneInput, isBinaryType, typeText } from './schema-checks.js';

function concat(parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** BINARY input: every input value packed in column order, little-endian (reference §9.6). */
export const binaryInputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: 'BINARY',
  aliases: [],
  kind: 'predictive',
  contentType: 'application/octet-stream',
  defaultOutputFormat: 'BINARY',
  maxRowsPerRequest: () => 1,
  validate: (context) => [
    ...checkAtLeastOneInput('BINARY', context.input),
    ...context.input
      .filter((column) => !isBinaryPackable(column.dataType))
      .map((column) => inputSchemaDiagnostic(`BINARY input format does not support ${column.name} ${typeText(column.dataType)}.`)),
  ],
  encode(rows, context) {
    assertBatchSize('BINARY', 1, rows.length);
    const row = rows[0]!;
    return { body: concat(context.input.flatMap((column, index) => packValue(row[index], column.dataType))) };
  },
};

function validateBinaryOutput(output: readonly Column[]): Diagnostic[] {
  if (output.length !== 1) {
    return [outputSchemaDiagnostic(`BINARY output format only supports a single column but got ${output.length} columns.`)];
  }
  const type = output[0]!.dataType;
  if (type.kind === 'ARRAY' && type.element.kind === 'ARRAY') {
    return [outputSchemaDiagnostic('Nested arrays are not supported for binary output.')];
  }
  if (type.kind === 'ROW') return [outputSchemaDiagnostic('The ROW type is not supported for binary output.')];
  if (type.kind === 'ARRAY' && fixedSize(type.element) === undefined) {
    return [outputSchemaDiagnostic('For binary output, array types are only supported if they contain fixed length numeric types or booleans.')];
  }
  return isBinaryPackable(type) ? [] : [outputSchemaDiagnostic(`BINARY output format does not support ${typeText(type)}.`)];
}

/** BINARY output: the whole body is the single output value, little-endian. */
export const binaryOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'BINARY',
  aliases: [],
  accept: 'application/octet-stream',
  validate: (context) => validateBinaryOutput(context.output),
  decode(response, context, rowCount) {
    if (rowCount !== 1) throw countMismatch(rowCount, 1);
    const bytes = response.bytes;
    const type = context.output[0]!.dataType;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (type.kind === 'ARRAY') {
      const size = fixedSize(type.element)!;
      const values: unknown[] = [];
      for (let offset = 0; offset + size <= bytes.byteLength; offset += size) values.push(readFixed(view, offset, type.element.kind));
      return { rows: [[values]] };
    }
    if (isBinaryType(type)) return { rows: [[Uint8Array.from(bytes)]] };
    const size = fixedSize(type);
    if (size === undefined) return { rows: [[new TextDecoder().decode(bytes)]] };
    if (bytes.byteLength < size) {
      throw responseError('Error parsing ML Predict response: Response data is too short to contain the expected output');
    }
    return { rows: [[readFixed(view, 0, type.kind)]] };
  },
};
