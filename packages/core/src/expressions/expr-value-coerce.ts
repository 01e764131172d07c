import type { DataType } from '@lateral/spec';
import { castConverter } from './expr-cast.js';
import { ValueConversionError } from './expr-errors.js';
import { keptNumberText, parsedJsonText } from './expr-json-text.js';
import { formatType, isBinary, isCharacter, isExactInteger, isNumeric } from './expr-types.js';

/** Reads a JSON-ish value (a model's output, a stored row) as a value of one SQL type. */
export type ValueCoercer = (value: unknown) => unknown;

const TEXT: DataType = { kind: 'STRING', nullable: true };
const DOUBLE: DataType = { kind: 'DOUBLE', nullable: true };
const BIGINT: DataType = { kind: 'BIGINT', nullable: true };

/**
 * Builds a lenient reader for `type`: numbers may arrive as text ("3" into INT) and text as numbers
 * (3 into STRING), booleans as 'true'/'false', arrays, maps and rows as JSON values or JSON text,
 * bytes as base64 text. Unlike CAST it never loses information silently: 3.5 into INT fails.
 * Throws ValueConversionError naming the value and the type.
 */
export function valueCoercer(type: DataType): ValueCoercer {
  const fromText = castConverter(TEXT, type);
  const fromNumber = castConverter(DOUBLE, type);
  const fromBigint = castConverter(BIGINT, type);
  const structured = structuredCoercer(type);
  const fail = (value: unknown): never => {
    throw new ValueConversionError(`${preview(value)} is not a valid ${formatType(type)}`);
  };
  const convert = (converter: ((value: unknown) => unknown) | undefined, value: unknown): unknown => {
    if (!converter) return fail(value);
    try {
      return converter(value);
    } catch (error) {
      if (error instanceof ValueConversionError) return fail(value);
      throw error;
    }
  };
  return (value) => {
    if (value === null || value === undefined) return null;
    if (structured) return structured(value, fail);
    switch (typeof value) {
      case 'string':
        if (isBinary(type)) return decodeBase64(value);
        return convert(fromText, value);
      case 'number':
        if (isCharacter(type)) return String(value);
        if (isExactInteger(type) && !Number.isInteger(value)) return fail(value);
        return convert(fromNumber, value);
      case 'bigint':
        if (isCharacter(type)) return String(value);
        return isNumeric(type) ? convert(fromBigint, value) : fail(value);
      case 'boolean':
        if (isCharacter(type)) return String(value);
        if (type.kind === 'BOOLEAN') return value;
        return isNumeric(type) ? Number(value) : fail(value);
      default: {
        // a number whose text was kept by an exact JSON parse (expr-json-text.ts)
        const kept = keptNumberText(value);
        if (kept !== undefined) return isCharacter(type) ? kept : isNumeric(type) ? convert(fromText, kept) : fail(kept);
        if (value instanceof Uint8Array && isBinary(type)) return value;
        if (isCharacter(type)) return parsedJsonText(value);
        return fail(value);
      }
    }
  };
}

type Fail = (value: unknown) => never;

function structuredCoercer(type: DataType): ((value: unknown, fail: Fail) => unknown) | undefined {
  switch (type.kind) {
    case 'ARRAY': {
      const element = valueCoercer(type.element);
      return (value, fail) => {
        const parsed = typeof value === 'string' ? parseJson(value, fail) : value;
        return Array.isArray(parsed) ? parsed.map(element) : fail(value);
      };
    }
    case 'MAP': {
      const item = valueCoercer(type.value);
      return (value, fail) => {
        const parsed = typeof value === 'string' ? parseJson(value, fail) : value;
        if (!isPlainObject(parsed)) return fail(value);
        return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, item(v)]));
      };
    }
    case 'ROW': {
      const fields = type.fields.map((f) => ({ name: f.name, read: valueCoercer(f.dataType) }));
      return (value, fail) => {
        const parsed = typeof value === 'string' ? parseJson(value, fail) : value;
        if (Array.isArray(parsed) && parsed.length === fields.length) {
          return Object.fromEntries(fields.map((f, i) => [f.name, f.read(parsed[i])]));
        }
        if (!isPlainObject(parsed)) return fail(value);
        return Object.fromEntries(fields.map((f) => [f.name, f.read(parsed[f.name])]));
      };
    }
    default:
      return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function parseJson(text: string, fail: Fail): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail(text);
  }
}

function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text.trim())) throw new ValueConversionError(`${preview(text)} is not base64`);
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** A short, quoted rendering of a value for messages (outputs can be long). */
function preview(value: unknown): string {
  const kept = keptNumberText(value);
  const text =
    typeof value === 'string' ? `'${value}'` : kept ?? (typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value)));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The JSON form of a value for storage: bytes become base64 text, everything else stays. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  return value;
}
