import { canonicalInteger } from '../expressions/expr-exact.js';
import type { DataType } from '@lateral/spec';
import { responseError } from './format-errors.js';

/**
 * KServe V2 / Triton tensor helpers: datatypes, binary tensor elements (little-endian, BYTES
 * elements prefixed by a 4-byte length), and reshaping a flat tensor to nested arrays.
 */

const DATATYPE_BY_KIND: Partial<Record<DataType['kind'], string>> = {
  BOOLEAN: 'BOOL',
  TINYINT: 'INT8',
  SMALLINT: 'INT16',
  INT: 'INT32',
  BIGINT: 'INT64',
  FLOAT: 'FP32',
  DOUBLE: 'FP64',
  STRING: 'BYTES',
  VARCHAR: 'BYTES',
  CHAR: 'BYTES',
  BYTES: 'BYTES',
  BINARY: 'BYTES',
  VARBINARY: 'BYTES',
};

/** The tensor datatype for a leaf type, undefined when Triton has none (DECIMAL, DATE, ROW, …). */
export function tritonDatatype(leaf: DataType): string | undefined {
  return DATATYPE_BY_KIND[leaf.kind];
}

const INTEGER_DATATYPES = ['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64'];
const FLOAT_DATATYPES = ['FP16', 'BF16', 'FP32', 'FP64'];

/** Whether a response tensor's datatype can fill a column whose leaf type is `leaf`. */
export function acceptsDatatype(leaf: DataType, datatype: string): boolean {
  const wanted = tritonDatatype(leaf);
  if (wanted === undefined) return false;
  if (wanted === 'BOOL' || wanted === 'BYTES') return datatype === wanted;
  if (wanted === 'FP32' || wanted === 'FP64') return FLOAT_DATATYPES.includes(datatype) || INTEGER_DATATYPES.includes(datatype);
  return INTEGER_DATATYPES.includes(datatype);
}

const ELEMENT_SIZES: Record<string, number> = {
  BOOL: 1,
  INT8: 1,
  UINT8: 1,
  INT16: 2,
  UINT16: 2,
  FP16: 2,
  BF16: 2,
  INT32: 4,
  UINT32: 4,
  FP32: 4,
  INT64: 8,
  UINT64: 8,
  FP64: 8,
};

function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

function readElement(view: DataView, offset: number, datatype: string): unknown {
  switch (datatype) {
    case 'BOOL':
      return view.getUint8(offset) !== 0;
    case 'INT8':
      return view.getInt8(offset);
    case 'UINT8':
      return view.getUint8(offset);
    case 'INT16':
      return view.getInt16(offset, true);
    case 'UINT16':
      return view.getUint16(offset, true);
    case 'FP16':
      return halfToNumber(view.getUint16(offset, true));
    case 'BF16':
      return new Float32Array(new Uint32Array([view.getUint16(offset, true) << 16]).buffer)[0];
    case 'INT32':
      return view.getInt32(offset, true);
    case 'UINT32':
      return view.getUint32(offset, true);
    case 'FP32':
      return view.getFloat32(offset, true);
    case 'INT64':
      return canonicalInteger(view.getBigInt64(offset, true));
    case 'UINT64':
      return canonicalInteger(view.getBigUint64(offset, true));
    case 'FP64':
      return view.getFloat64(offset, true);
    default:
      throw responseError(`Error parsing ML Predict response: unsupported tensor datatype ${datatype}`);
  }
}

/** The elements of a binary tensor; BYTES elements come back as byte arrays. */
export function readBinaryTensor(bytes: Uint8Array, datatype: string): unknown[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elements: unknown[] = [];
  if (datatype === 'BYTES') {
    let offset = 0;
    while (offset + 4 <= bytes.byteLength) {
      const length = view.getUint32(offset, true);
      offset += 4;
      if (offset + length > bytes.byteLength) throw responseError('Error parsing ML Predict response: truncated BYTES tensor element');
      elements.push(bytes.slice(offset, offset + length));
      offset += length;
    }
    return elements;
  }
  const size = ELEMENT_SIZES[datatype];
  if (size === undefined) throw responseError(`Error parsing ML Predict response: unsupported tensor datatype ${datatype}`);
  for (let offset = 0; offset + size <= bytes.byteLength; offset += size) elements.push(readElement(view, offset, datatype));
  return elements;
}

/** BYTES elements for binary input: each prefixed by its length as a 4-byte little-endian integer. */
export function writeBytesElements(elements: Uint8Array[]): Uint8Array {
  const total = elements.reduce((sum, element) => sum + 4 + element.byteLength, 0);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const element of elements) {
    view.setUint32(offset, element.byteLength, true);
    bytes.set(element, offset + 4);
    offset += 4 + element.byteLength;
  }
  return bytes;
}

export function flattenDeep(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flattenDeep) : [value];
}

export function product(dims: readonly number[]): number {
  return dims.reduce((total, dim) => total * dim, 1);
}

/** Nests a flat row-major tensor into `dims`. */
export function reshape(flat: readonly unknown[], dims: readonly number[]): unknown {
  if (dims.length <= 1) return [...flat];
  const [first = 0, ...rest] = dims;
  const size = product(rest);
  return Array.from({ length: first }, (_unused, index) => reshape(flat.slice(index * size, (index + 1) * size), rest));
}

/**
 * Where the JSON header of a mixed JSON + binary body ends. SageMaker says it in the content type
 * (`json-header-size=<n>`); Triton says it in `Inference-Header-Content-Length`, which the output
 * format does not see, so otherwise the end of the top-level JSON object is found by scanning.
 */
export function jsonHeaderLength(bytes: Uint8Array, contentType: string | undefined): number {
  const declared = contentType?.match(/json-header-size=(\d+)/i);
  if (declared) return Math.min(Number(declared[1]), bytes.byteLength);
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.byteLength; index++) {
    const byte = bytes[index]!;
    if (inString) {
      if (byte === 0x5c) index++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      depth++;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
      if (depth === 0) return index + 1;
    }
  }
  return bytes.byteLength;
}
