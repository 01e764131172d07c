import { canonicalDecimal, canonicalInteger, fitsPrecision, parseDecimalText, rescale, toScaled, truncate, type Scaled } from '../expressions/expr-exact.js';
import { keptNumberText, parsedJsonText } from '../expressions/expr-json-text.js';
import { INTEGER_RANGE } from '../expressions/expr-types.js';
import type { DataType } from '@lateral/spec';
import { arrayDepth } from './schema-checks.js';

/** A value of the response that does not fit its OUTPUT column type. Callers add the column name. */
export class ValueDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueDecodeError';
  }
}

const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function describe(node: unknown): string {
  if (Array.isArray(node)) return 'an array';
  if (node === null) return 'null';
  const kept = keptNumberText(node);
  if (kept !== undefined) return `number ${kept}`;
  if (typeof node === 'bigint') return `number ${node}`;
  return typeof node === 'object' ? 'an object' : `${typeof node} ${JSON.stringify(node)}`;
}

function toNumber(node: unknown, kind: string): number {
  if (typeof node === 'number' && Number.isFinite(node)) return node;
  if (typeof node === 'string' && NUMBER_TEXT.test(node)) return Number(node);
  if (typeof node === 'bigint') return Number(node);
  const kept = keptNumberText(node);
  if (kept !== undefined) return Number(kept);
  throw new ValueDecodeError(`cannot convert ${describe(node)} to ${kind}`);
}

/** A number of the response exactly: kept number text and bigints keep every digit. */
function toExact(node: unknown, kind: string): Scaled {
  if (typeof node === 'number' && Number.isFinite(node)) return toScaled(node);
  if (typeof node === 'bigint') return { unscaled: node, scale: 0 };
  const text = keptNumberText(node) ?? (typeof node === 'string' && NUMBER_TEXT.test(node) ? node.trim() : undefined);
  const parsed = text === undefined ? undefined : parseDecimalText(text);
  if (!parsed) throw new ValueDecodeError(`cannot convert ${describe(node)} to ${kind}`);
  return parsed;
}

function toInteger(node: unknown, kind: string): number | bigint {
  // like the 2024 parser (Jackson intValue), a fractional number is truncated toward zero
  if (typeof node === 'number' && Number.isSafeInteger(node) && kind !== 'BIGINT') {
    const [min, max] = INTEGER_RANGE[kind]!;
    if (node < min || node > max) throw new ValueDecodeError(`${node} does not fit ${kind}, possible overflow`);
    return node === 0 ? 0 : node;
  }
  const n = truncate(toExact(node, kind));
  const [min, max] = INTEGER_RANGE[kind]!;
  if (n < min || n > max) throw new ValueDecodeError(`${n} does not fit ${kind}, possible overflow`);
  return canonicalInteger(n);
}

/** DECIMAL(p, s): the exact value rounded HALF_UP to the scale; more digits than p is an error. */
function toDecimal(node: unknown, precision: number, scale: number): number | string {
  const unscaled = rescale(toExact(node, 'DECIMAL'), scale);
  if (!fitsPrecision(unscaled, precision)) {
    throw new ValueDecodeError(`${describe(node).replace(/^number /, '')} does not fit DECIMAL(${precision}, ${scale}), possible overflow`);
  }
  return canonicalDecimal(unscaled, scale);
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
      // kept number text (an exact parse) is the number's own digits; objects may hold such numbers
      return keptNumberText(node) ?? (typeof node === 'object' ? parsedJsonText(node) : String(node));
    case 'BOOLEAN':
      return toBoolean(node);
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
      return toInteger(node, dataType.kind);
    case 'FLOAT':
    case 'DOUBLE':
      return toNumber(node, dataType.kind);
    case 'DECIMAL':
      return toDecimal(node, dataType.precision, dataType.scale);
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
      if (typeof node !== 'object' || Array.isArray(node) || keptNumberText(node) !== undefined) throw new ValueDecodeError(`cannot convert ${describe(node)} to MAP`);
      return Object.fromEntries(
        Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, decodeValue(value, dataType.value)]),
      );
    case 'ROW':
      return toRow(node, dataType);
  }
}
