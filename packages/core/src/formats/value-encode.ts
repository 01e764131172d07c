import { LosslessNumber, stringify as stringifyLossless } from 'lossless-json';
import { parseDecimalText } from '../expressions/expr-exact.js';
import { hasExactNumbers } from '../expressions/expr-json-text.js';
import type { Column, DataType } from '@lateral/spec';

/** Base64 of a byte array (BYTES columns travel as base64 strings in JSON and text bodies). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return new TextEncoder().encode(value);
  return new Uint8Array(0);
}

function rowFieldValue(value: unknown, name: string, index: number): unknown {
  if (Array.isArray(value)) return value[index];
  return (value as Record<string, unknown>)[name];
}

/**
 * A row value as JSON (row values follow types/schema.ts). Numbers stay numbers, BYTES become
 * base64 strings, DATE/TIME/TIMESTAMP stay in their SQL text form, ROW becomes an object keyed by
 * field name, MAP an object.
 */
export function toJsonValue(value: unknown, dataType: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (dataType.kind) {
    case 'STRING':
    case 'VARCHAR':
    case 'CHAR':
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
      return String(value);
    case 'BOOLEAN':
      return typeof value === 'string' ? value.toLowerCase() === 'true' : Boolean(value);
    case 'BIGINT':
    case 'DECIMAL':
      // every digit: a bigint or a LosslessNumber, written by jsonBody as a JSON number
      if (typeof value === 'bigint') return value;
      if (typeof value === 'string') return parseDecimalText(value.trim()) ? new LosslessNumber(value.trim()) : Number(value);
      return value;
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'FLOAT':
    case 'DOUBLE':
      return typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : value;
    case 'BYTES':
    case 'BINARY':
    case 'VARBINARY':
      return toBase64(asBytes(value));
    case 'ARRAY':
      return (value as unknown[]).map((element) => toJsonValue(element, dataType.element));
    case 'MAP':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, toJsonValue(entry, dataType.value)]),
      );
    case 'ROW':
      return Object.fromEntries(
        dataType.fields.map((field, index) => [field.name, toJsonValue(rowFieldValue(value, field.name, index), field.dataType)]),
      );
  }
}

/**
 * A row value as text, for prompts, CSV cells and text bodies: NULL is empty, BYTES base64, an
 * ARRAY its elements joined by commas, ROW and MAP their JSON.
 */
export function toTextValue(value: unknown, dataType: DataType): string {
  if (value === null || value === undefined) return '';
  switch (dataType.kind) {
    case 'BYTES':
    case 'BINARY':
    case 'VARBINARY':
      return toBase64(asBytes(value));
    case 'ARRAY':
      return (value as unknown[]).map((element) => toTextValue(element, dataType.element)).join(',');
    case 'MAP':
    case 'ROW':
      return hasExactNumbers(dataType) ? stringifyLossless(toJsonValue(value, dataType))! : JSON.stringify(toJsonValue(value, dataType));
    default:
      return String(toJsonValue(value, dataType));
  }
}

/**
 * A request body as JSON text. When an input column is (or holds) a BIGINT or DECIMAL, the body
 * is written by lossless-json so those values keep every digit as JSON numbers; other bodies take
 * JSON.stringify, which is faster.
 */
export function jsonBody(body: unknown, input: readonly Column[]): string {
  return input.some((column) => hasExactNumbers(column.dataType)) ? stringifyLossless(body)! : JSON.stringify(body);
}
