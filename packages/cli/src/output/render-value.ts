import { formatDecimal, hasExactNumbers, jsonValueText, type Column, type DataType, type Row } from '@lateral/core';

/** How one SQL value is shown in the human table: arrays of numbers are shortened, bytes are base64. */
const MAX_ARRAY_ITEMS_SHOWN = 6;

/**
 * The type, when known, lets BIGINT and DECIMAL print exactly: a DECIMAL with its scale (2.00),
 * a BIGINT with every digit (core/src/expressions/expr-exact.ts says how they are held).
 */
export function renderValueForTable(value: unknown, type?: DataType): string {
  if (value === null || value === undefined) return 'NULL';
  if (type?.kind === 'DECIMAL') return formatDecimal(value, type.scale);
  if (typeof value === 'bigint') return String(value);
  if (type && hasExactNumbers(type) && type.kind !== 'ARRAY') return jsonValueText(value, type, toJsonValue);
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Uint8Array) return `x'${Buffer.from(value).toString('hex')}'`;
  if (Array.isArray(value)) {
    const element = type?.kind === 'ARRAY' ? type.element : undefined;
    const shown = value.slice(0, MAX_ARRAY_ITEMS_SHOWN).map((item) => renderValueForTable(item, element));
    const more = value.length > MAX_ARRAY_ITEMS_SHOWN ? `, … (${value.length} items)` : '';
    return `[${shown.join(', ')}${more}]`;
  }
  return JSON.stringify(toJsonValue(value));
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const rounded = Number(value.toPrecision(6));
  return String(rounded);
}

/** The JSON form of a value in the machine formats: bytes become base64 strings; everything else as is. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJsonValue(inner)]));
  }
  return value;
}

/**
 * The CSV cell of a value: nested values as JSON text, DECIMAL with its scale. NULL is an empty
 * unquoted field and the empty string is `""`, as PostgreSQL and Flink write them, so the two read
 * back apart.
 */
export function renderValueForCsv(value: unknown, type?: DataType): string {
  if (value === null || value === undefined) return '';
  if (value === '') return '""';
  if (type?.kind === 'DECIMAL') return formatDecimal(value, type.scale);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return quoteCsv(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (type && hasExactNumbers(type)) return quoteCsv(jsonValueText(value, type, toJsonValue));
  return quoteCsv(JSON.stringify(toJsonValue(value)));
}

/**
 * One row as a JSON object (keys = column names; a repeated name keeps its first place and last
 * value, as an object would). BIGINT and DECIMAL are JSON numbers with every digit, a DECIMAL with
 * its scale (`9223372036854775807`, `2.00`): exact text, though a JS reader's JSON.parse rounds
 * numbers above 2^53. Results without such columns take the plain JSON.stringify path.
 */
export function rowJsonWriter(columns: readonly Column[]): (row: Row) => string {
  if (!columns.some((c) => hasExactNumbers(c.dataType))) {
    return (row) => {
      const object: Record<string, unknown> = {};
      columns.forEach((column, index) => {
        object[column.name] = toJsonValue(row[index] ?? null);
      });
      return JSON.stringify(object);
    };
  }
  const lastIndex = new Map<string, number>();
  columns.forEach((column, index) => lastIndex.set(column.name, index));
  const fields = [...lastIndex].map(([name, index]) => ({ key: `${JSON.stringify(name)}:`, index, type: columns[index]!.dataType }));
  return (row) => `{${fields.map((f) => f.key + jsonValueText(row[f.index] ?? null, f.type, toJsonValue)).join(',')}}`;
}

export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
