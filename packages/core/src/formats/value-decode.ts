import type { DataType } from '../types/schema.js';
import { arrayDepth } from './schema-checks.js';

/** A value of the response that does not fit its OUTPUT column type. Callers add the column name. */
export class ValueDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueDecodeError';
  }
}

const INTEGER_RANGES: Record<string, [number, number]> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
  BIGINT: [-(2 ** 63), 2 ** 63 - 1],
};

const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function describe(node: unknown): string {
  if (Array.isArray(node)) return 'an array';
  if (node === null) return 'null';
  return typeof node === 'object' ? 'an object' : `${typeof node} ${JSON.stringify(node)}`;
}

function toNumber(node: unknown, kind: string): number {
  if (typeof node === 'number' && Number.isFinite(node)) return node;
  if (typeof node === 'string' && NUMBER_TEXT.test(node)) return Number(node);
  throw new ValueDecodeError(`cannot convert ${describe(node)} to ${kind}`);
}

function toInteger(node: unknown, kind: string): number {
  // like the 2024 parser (Jackson intValue), a fractional number is truncated toward zero
  const number = Math.trunc(toNumber(node, kind));
  const [min, max] = INTEGER_RANGES[kind]!;
  if (number < min || number > max) throw new ValueDecodeError(`${number} does not fit ${kind}, possible overflow`);
  return number === 0 ? 0 : number;
}

function toBoolean(node: unknown): boolean {
  if (typeof node === 'boolean') return node;
  if (typeof node === 'number') return node !== 0;
  if (typeof node === 'string') {
    const lower = node.trim().toLowerCase();
    if (lower === 'true' || lower === '1') return true;
    if (lower === 'false' || lower === '0') return false;
  }
  throw new ValueDecodeError(`cannot convert ${describe(node)} to BOOLEAN`);
}

function toBytes(node: unknown): Uint8Array {
  if (node instanceof Uint8Array) return node;
  if (typeof node === 'string') return new Uint8Array(Buffer.from(node, 'base64'));
  // TF Serving wraps binary outputs as {"b64": "..."}
  if (typeof node === 'object' && node !== null && typeof (node as { b64?: unknown }).b64 === 'string') {
    return new Uint8Array(Buffer.from((node as { b64: string }).b64, 'base64'));
  }
  if (Array.isArray(node) && node.every((item) => typeof item === 'number')) return Uint8Array.from(node as number[]);
  throw new ValueDecodeError(`cannot convert ${describe(node)} to BYTES`);
}

function valueDepth(node: unknown): number {
  let depth = 0;
  let current = node;
  while (Array.isArray(current)) {
    depth++;
    current = current[0];
  }
  return depth;
}

function findKey(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

function toRow(node: unknown, dataType: Extract<DataType, { kind: 'ROW' }>): Record<string, unknown> {
  if (Array.isArray(node)) {
    if (node.length !== dataType.fields.length) {
      throw new ValueDecodeError(`expected ${dataType.fields.length} values for ROW but got ${node.length}`);
    }
    return Object.fromEntries(dataType.fields.map((field, index) => [field.name, decodeValue(node[index], field.dataType)]));
  }
  if (typeof node === 'object' && node !== null) {
    const object = node as Record<string, unknown>;
    return Object.fromEntries(
      dataType.fields.map((field) => {
        const key = findKey(object, field.name);
        return [field.name, key === undefined ? null : decodeValue(object[key], field.dataType)];
      }),
    );
  }
  throw new ValueDecodeError(`cannot convert ${describe(node)} to ROW`);
}

/**
 * Converts one JSON (or CSV text) value of a response to the OUTPUT column type, leniently: a
 * number becomes a STRING, "3" or 3.0 an INT, a one-element array its element for non-ARRAY
 * columns, and extra single-element array levels are unwrapped for ARRAY columns.
 */
export function decodeValue(node: unknown, dataType: DataType): unknown {
  if (node === null || node === undefined) return null;
  if (dataType.kind !== 'ARRAY' && Array.isArray(node) && node.length === 1) return decodeValue(node[0], dataType);
  switch (dataType.kind) {
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
      if (typeof node === 'string') return node;
      // binary tensor elements (Triton BYTES) arrive as bytes
      if (node instanceof Uint8Array) return new TextDecoder().decode(node);
      return typeof node === 'object' ? JSON.stringify(node) : String(node);
    case 'BOOLEAN':
      return toBoolean(node);
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
      return toInteger(node, dataType.kind);
    case 'FLOAT':
    case 'DOUBLE':
    case 'DECIMAL':
      return toNumber(node, dataType.kind);
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
      if (typeof node === 'string') return node;
      throw new ValueDecodeError(`cannot convert ${describe(node)} to ${dataType.kind}`);
    case 'BYTES':
    case 'BINARY':
    case 'VARBINARY':
      return toBytes(node);
    case 'ARRAY': {
      let current = node;
      const depth = arrayDepth(dataType);
      while (Array.isArray(current) && current.length === 1 && valueDepth(current) > depth) current = current[0];
      if (!Array.isArray(current)) throw new ValueDecodeError(`cannot convert ${describe(current)} to ARRAY`);
      return current.map((element) => decodeValue(element, dataType.element));
    }
    case 'MAP':
      if (typeof node !== 'object' || Array.isArray(node)) throw new ValueDecodeError(`cannot convert ${describe(node)} to MAP`);
      return Object.fromEntries(
        Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, decodeValue(value, dataType.value)]),
      );
    case 'ROW':
      return toRow(node, dataType);
  }
}
