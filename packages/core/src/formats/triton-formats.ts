import type { Diagnostic } from '@lateral/spec';
import type { FormatContext, InputFormatV1, OutputFormatV1 } from '@lateral/spec';
import type { Column, DataType, Row } from '@lateral/spec';
import { assertBatchSize, batchLimit } from './format-batching.js';
import { countMismatch, inputSchemaDiagnostic, outputSchemaDiagnostic, responseError } from './format-errors.js';
import { convertField } from './output-lookup.js';
import { arrayDepth, checkAtLeastOneInput, checkAtLeastOneOutput, isBinaryType, leafType, typeText } from './schema-checks.js';
import {
  acceptsDatatype,
  flattenDeep,
  jsonHeaderLength,
  product,
  readBinaryTensor,
  reshape,
  tritonDatatype,
  writeBytesElements,
} from './triton-tensor.js';
import { jsonBody, toJsonValue } from './value-encode.js';
import { jsonParserFor } from './response-json.js';

/**
 * Rows per request when every input is a scalar and batching is asked for (`max_batch_size`):
 * the rows become the batch dimension.
 */
export const TRITON_MAX_ROWS = 64;

function maxRows(context: FormatContext): number {
  // array inputs already use the first dimension for the array, so only scalar inputs batch
  const scalarInputs = context.input.every((column) => column.dataType.kind !== 'ARRAY');
  return scalarInputs ? batchLimit(context, TRITON_MAX_ROWS, ['TRITON']) : 1;
}

function validateTritonInput(input: readonly Column[]): Diagnostic[] {
  return [
    ...checkAtLeastOneInput('TRITON', input),
    ...input
      .filter((column) => tritonDatatype(leafType(column.dataType)) === undefined)
      .map((column) =>
        inputSchemaDiagnostic(`Unsupported data type for Triton input tensor in ML Predict: ${column.name} ${typeText(column.dataType)}`),
      ),
  ];
}

/** Shape of one value: a scalar is [1], an array [length, …inner], like the 2024 formatter. */
function shapeOf(value: unknown, dataType: DataType): number[] {
  if (dataType.kind !== 'ARRAY') return [];
  const array = (value as unknown[] | null) ?? [];
  if (array.length === 0 || array[0] === null || array[0] === undefined) return [array.length];
  return [array.length, ...shapeOf(array[0], dataType.element)];
}

function asBytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : new TextEncoder().encode(String(value ?? ''));
}

function inputTensor(column: Column, values: unknown[], binary: Uint8Array[]): Record<string, unknown> {
  const leaf = leafType(column.dataType);
  const batched = values.length > 1;
  const shape = batched ? [values.length] : shapeOf(values[0], column.dataType);
  const tensor: Record<string, unknown> = { name: column.name, datatype: tritonDatatype(leaf), shape: shape.length === 0 ? [1] : shape };
  if (isBinaryType(leaf)) {
    // binary tensors travel after the JSON header, each element length-prefixed
    const chunk = writeBytesElements(flattenDeep(values).map(asBytes));
    tensor.parameters = { binary_data_size: chunk.byteLength };
    binary.push(chunk);
  } else if (batched || column.dataType.kind !== 'ARRAY') {
    tensor.data = values.map((value) => toJsonValue(value, column.dataType));
  } else {
    tensor.data = toJsonValue(values[0], column.dataType);
  }
  return tensor;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/**
 * Triton / KServe V2 inference request: one tensor per INPUT column. Binary columns are sent as
 * binary tensors after the JSON, with `Inference-Header-Content-Length` (for SageMaker, the length
 * goes in the content type instead, reference §9.6).
 */
export const tritonInputFormat: InputFormatV1 = {
  specificationVersion: 'v1',
  id: 'TRITON',
  aliases: ['KSERVE_V2'],
  kind: 'predictive',
  contentType: 'application/json',
  defaultOutputFormat: 'TRITON',
  maxRowsPerRequest: maxRows,
  // A Triton model takes a batch dimension only when its config sets max_batch_size > 0.
  batching: 'on-request',
  validate: (context) => validateTritonInput(context.input),
  encode(rows, context) {
    assertBatchSize('TRITON', maxRows(context), rows.length);
    const binary: Uint8Array[] = [];
    const body: Record<string, unknown> = {};
    if (context.output.some((column) => isBinaryType(leafType(column.dataType)))) body.parameters = { binary_data_output: true };
    body.inputs = context.input.map((column, index) =>
      inputTensor(
        column,
        rows.map((row) => row[index]),
        binary,
      ),
    );
    const json = new TextEncoder().encode(jsonBody(body, context.input));
    if (binary.length === 0) return { body: json };
    const length = String(json.byteLength);
    return {
      body: concat([json, ...binary]),
      // a host with its own binary content type declares it (formatDefaults.binaryContentType)
      contentType: context.defaults?.binaryContentType?.split('{json-header-size}').join(length) ?? 'application/octet-stream',
      headers: { 'Inference-Header-Content-Length': length },
    };
  },
};

function validateTritonOutput(output: readonly Column[]): Diagnostic[] {
  const diagnostics = checkAtLeastOneOutput('TRITON', output);
  for (const column of output) {
    const leaf = leafType(column.dataType);
    if (leaf.kind === 'ROW') diagnostics.push(outputSchemaDiagnostic('For Triton output, the ROW type is not supported.'));
    else if (tritonDatatype(leaf) === undefined) {
      diagnostics.push(outputSchemaDiagnostic(`Unsupported data type for Triton output tensor: ${column.name} ${typeText(column.dataType)}`));
    }
  }
  return diagnostics;
}

/** One row's value of a tensor: extra leading 1-dimensions are dropped to fit the column's depth. */
function tensorValue(flat: unknown[], dims: number[], column: Column): unknown {
  const depth = arrayDepth(column.dataType);
  if (depth === 0) return convertField(flat.length === 1 ? flat[0] : flat, column);
  let shape = [...dims];
  while (shape.length > depth && shape[0] === 1) shape = shape.slice(1);
  while (shape.length < depth) shape = [1, ...shape];
  return convertField(depth === 1 || product(shape) !== flat.length ? flat : reshape(flat, shape), column);
}

interface OutputTensor {
  name?: unknown;
  datatype?: unknown;
  shape?: unknown;
  data?: unknown;
  parameters?: { binary_data_size?: unknown };
}

function findColumn(output: readonly Column[], name: string): number {
  const exact = output.findIndex((column) => column.name === name);
  return exact >= 0 ? exact : output.findIndex((column) => column.name.toLowerCase() === name.toLowerCase());
}

/**
 * Triton / KServe V2 inference response (JSON, or JSON followed by binary tensors). Output tensors
 * are matched to OUTPUT columns by name; a batch splits every tensor on its first dimension.
 */
export const tritonOutputFormat: OutputFormatV1 = {
  specificationVersion: 'v1',
  id: 'TRITON',
  aliases: ['KSERVE_V2'],
  accept: 'application/json,application/octet-stream,application/vnd.sagemaker-triton.binary+json',
  validate: (context) => validateTritonOutput(context.output),
  decode(response, context, rowCount) {
    const bytes = response.bytes;
    const headerLength = jsonHeaderLength(bytes, response.contentType);
    let document: { outputs?: unknown; error?: unknown };
    try {
      document = jsonParserFor(context.output)(new TextDecoder().decode(bytes.subarray(0, headerLength))) as typeof document;
    } catch (cause) {
      throw responseError('Error parsing ML Predict response: response was not valid json', cause);
    }
    if (document.outputs === undefined) {
      if (document.error !== undefined) throw responseError(`Remote ML Predict error: ${typeof document.error === 'string' ? document.error : JSON.stringify(document.error)}`);
      throw responseError("No 'outputs' or 'error' fields found in ML Predict response.");
    }
    if (!Array.isArray(document.outputs)) throw responseError("'outputs' node in ML Predict response was not an array.");
    const output = context.output;
    const rows: Row[] = Array.from({ length: rowCount }, () => new Array<unknown>(output.length));
    const filled = new Array<boolean>(output.length).fill(false);
    let binaryOffset = headerLength;
    for (const tensor of document.outputs as OutputTensor[]) {
      const name = String(tensor.name);
      const datatype = String(tensor.datatype);
      let flat: unknown[];
      if (tensor.data !== undefined) {
        flat = flattenDeep(tensor.data);
      } else {
        const size = Number(tensor.parameters?.binary_data_size);
        if (!Number.isInteger(size) || size < 0 || binaryOffset + size > bytes.byteLength) {
          throw responseError(`No data or valid binary_data_size found in ML Predict response for output ${name}`);
        }
        flat = readBinaryTensor(bytes.subarray(binaryOffset, binaryOffset + size), datatype);
        // binary data is consumed in tensor order, including tensors no column asks for
        binaryOffset += size;
      }
      const index = findColumn(output, name);
      if (index < 0) continue;
      const column = output[index]!;
      if (!acceptsDatatype(leafType(column.dataType), datatype)) {
        throw responseError(
          `ML Predict found incompatible datatype for output ${name}: ${datatype} (expected ${tritonDatatype(leafType(column.dataType))})`,
        );
      }
      const shape = Array.isArray(tensor.shape) ? tensor.shape.map(Number) : [];
      if (shape.length === 0) throw responseError(`Invalid or missing shape in ML Predict response for output ${name}`);
      if (rowCount === 1) {
        rows[0]![index] = tensorValue(flat, shape, column);
      } else {
        if (shape[0] !== rowCount) throw countMismatch(rowCount, shape[0]!);
        const size = product(shape.slice(1));
        for (let row = 0; row < rowCount; row++) {
          rows[row]![index] = tensorValue(flat.slice(row * size, (row + 1) * size), shape.slice(1), column);
        }
      }
      filled[index] = true;
    }
    const missing = filled.findIndex((done) => !done);
    if (missing >= 0) {
      throw responseError(`Error deserializing ML Prediction response: Field ${output[missing]!.name} not found in response.`);
    }
    return { rows };
  },
};
