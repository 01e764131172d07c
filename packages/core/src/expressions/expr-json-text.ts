import { isLosslessNumber, LosslessNumber, parse, stringify as stringifyLossless } from 'lossless-json';
import type { DataType } from '@lateral/spec';
import { formatDecimal } from './expr-exact.js';

/**
 * JSON that keeps BIGINT and DECIMAL digits. Writing: a BIGINT is a JSON number with all its
 * digits (9223372036854775807) and a DECIMAL(p, s) a JSON number with its scale (2.00), as
 * Flink's JSON format writes them. Reading: number text longer than a double holds exactly is
 * kept as text (a LosslessNumber) so the column's reader can take every digit. Both cost more
 * than JSON.stringify/JSON.parse, so callers use them only when a type has BIGINT or DECIMAL in it.
 */

/** Whether a type is, or holds, a BIGINT or DECIMAL (the types whose JSON needs exact digits). */
export function hasExactNumbers(type: DataType): boolean {
  switch (type.kind) {
    case 'BIGINT':
    case 'DECIMAL':
      return true;
    case 'ARRAY':
      return hasExactNumbers(type.element);
    case 'MAP':
      return hasExactNumbers(type.value);
    case 'ROW':
      return type.fields.some((f) => hasExactNumbers(f.dataType));
    default:
      return false;
  }
}

/**
 * The JSON text of a value of `type`; `plain` is how a value without BIGINT/DECIMAL in it becomes
 * JSON (callers differ on bytes and the like).
 */
export function jsonValueText(value: unknown, type: DataType, plain: (value: unknown) => unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (type.kind) {
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
      return typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(plain(value));
    case 'DECIMAL':
      return formatDecimal(value, type.scale);
    case 'ARRAY':
      if (!hasExactNumbers(type)) break;
      return `[${(value as unknown[]).map((v) => jsonValueText(v, type.element, plain)).join(',')}]`;
    case 'MAP':
      if (!hasExactNumbers(type)) break;
      return `{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${JSON.stringify(k)}:${jsonValueText(v, type.value, plain)}`)
        .join(',')}}`;
    case 'ROW': {
      if (!hasExactNumbers(type)) break;
      const record = value as Record<string, unknown>;
      return `{${type.fields.map((f) => `${JSON.stringify(f.name)}:${jsonValueText(record[f.name] ?? null, f.dataType, plain)}`).join(',')}}`;
    }
    default:
      break;
  }
  return JSON.stringify(plain(value)) ?? 'null';
}

/** Doubles hold any number text of up to 15 characters exactly; longer text is kept as text. */
function parseNumber(text: string): number | LosslessNumber {
  return text.length <= 15 ? Number(text) : new LosslessNumber(text);
}

/**
 * 16 number characters from a digit or point on: a number with more significant digits than a
 * double holds has such a run, so text without one parses the same with JSON.parse. (Starting at
 * a digit or point keeps the scan fast over text full of e's.)
 */
const LONG_NUMBER = /[\d.][\d.eE+-]{15}/;

/** JSON.parse that keeps long number text (a LosslessNumber) instead of rounding it to a double. */
export function parseJsonExact(text: string): unknown {
  // Most lines hold no long number: the native parser gives the same values, four times faster.
  if (!LONG_NUMBER.test(text)) return JSON.parse(text);
  return parse(text, null, parseNumber);
}

/** The exact text of a number kept by parseJsonExact, or undefined for any other value. */
export function keptNumberText(value: unknown): string | undefined {
  return isLosslessNumber(value) ? value.value : undefined;
}

/**
 * The JSON text of a parsed JSON value (an object going into a STRING column): one that holds kept
 * number text from parseJsonExact is written by lossless-json, so the digits come out as numbers.
 */
export function parsedJsonText(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return text.includes('"isLosslessNumber":true') ? stringifyLossless(value)! : text;
}
