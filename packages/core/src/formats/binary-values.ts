import { canonicalInteger } from '../expressions/expr-exact.js';
import type { DataType } from '@lateral/spec';
import { ValueDecodeError } from './value-decode.js';

/**
 * Little-endian packing of values for the BINARY format (the byte order ONNX and TensorFlow
 * expect): fixed-size numbers and booleans, DATE as int32 days since 1970-01-01, TIME as int32
 * milliseconds of the day, strings as UTF-8, bytes as they are.
 */

const FIXED_SIZES: Partial<Record<DataType['kind'], number>> = {
  BOOLEAN: 1,
  TINYINT: 1,
  SMALLINT: 2,
  INT: 4,
  DATE: 4,
  TIME: 4,
  BIGINT: 8,
  FLOAT: 4,
  DOUBLE: 8,
};

/** Bytes per value of a fixed-size type, undefined for strings and bytes. */
export function fixedSize(dataType: DataType): number | undefined {
  return FIXED_SIZES[dataType.kind];
}

/** Types the BINARY format can carry (leaves of arrays included). */
export function isBinaryPackable(dataType: DataType): boolean {
  if (dataType.kind === 'ARRAY') return isBinaryPackable(dataType.element);
  return fixedSize(dataType) !== undefined || ['STRING', 'VARCHAR', 'CHAR', 'BYTES', 'BINARY', 'VARBINARY'].includes(dataType.kind);
}

const DAY_MS = 86_400_000;

function dateToDays(text: string): number {
  return Math.floor(Date.parse(`${text}T00:00:00Z`) / DAY_MS);
}

function daysToDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function timeToMillis(text: string): number {
  const [hours = '0', minutes = '0', seconds = '0'] = text.split(':');
  return Math.round(((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000);
}

function millisToTime(millis: number): string {
  const date = new Date(millis);
  const text = date.toISOString().slice(11, 23);
  return text.endsWith('.000') ? text.slice(0, 8) : text;
}

function writeFixed(view: DataView, offset: number, value: unknown, kind: DataType['kind']): void {
  switch (kind) {
    case 'BOOLEAN':
      view.setUint8(offset, value ? 1 : 0);
      return;
    case 'TINYINT':
      view.setInt8(offset, Number(value));
      return;
    case 'SMALLINT':
      view.setInt16(offset, Number(value), true);
      return;
    case 'INT':
      view.setInt32(offset, Number(value), true);
      return;
    case 'DATE':
      view.setInt32(offset, dateToDays(String(value)), true);
      return;
    case 'TIME':
      view.setInt32(offset, timeToMillis(String(value)), true);
      return;
    case 'BIGINT':
      view.setBigInt64(offset, typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value))), true);
      return;
    case 'FLOAT':
      view.setFloat32(offset, Number(value), true);
      return;
    case 'DOUBLE':
      view.setFloat64(offset, Number(value), true);
      return;
  }
}

/** The bytes of one value; NULL packs to nothing, as in the 2024 implementation. */
export function packValue(value: unknown, dataType: DataType): Uint8Array[] {
  if (value === null || value === undefined) return [];
  if (dataType.kind === 'ARRAY') return (value as unknown[]).flatMap((element) => packValue(element, dataType.element));
  if (value instanceof Uint8Array) return [value];
  const size = fixedSize(dataType);
  if (size === undefined) return [new TextEncoder().encode(String(value))];
  const bytes = new Uint8Array(size);
  writeFixed(new DataView(bytes.buffer), 0, value, dataType.kind);
  return [bytes];
}

/** Reads one fixed-size value at `offset`. */
export function readFixed(view: DataView, offset: number, kind: DataType['kind']): unknown {
  switch (kind) {
    case 'BOOLEAN':
      return view.getUint8(offset) !== 0;
    case 'TINYINT':
      return view.getInt8(offset);
    case 'SMALLINT':
      return view.getInt16(offset, true);
    case 'INT':
      return view.getInt32(offset, true);
    case 'DATE':
      return daysToDate(view.getInt32(offset, true));
    case 'TIME':
      return millisToTime(view.getInt32(offset, true));
    case 'BIGINT':
      return canonicalInteger(view.getBigInt64(offset, true));
    case 'FLOAT':
      return view.getFloat32(offset, true);
    case 'DOUBLE':
      return view.getFloat64(offset, true);
    default:
      throw new ValueDecodeError(`${kind} has no fixed binary size`);
  }
}
