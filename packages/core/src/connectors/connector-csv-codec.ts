import { formatDecimal } from '../expressions/expr-exact.js';
import { hasExactNumbers, jsonValueText } from '../expressions/expr-json-text.js';
import { toJsonValue } from '../expressions/expr-value-coerce.js';
import type { Column, DataType, Row } from '@lateral/spec';

export interface CsvDialect {
  delimiter: string;
  quote: string;
  /** Text that stands for NULL; by default NULL is an empty unquoted field. */
  nullLiteral?: string;
}

/**
 * Writes RFC 4180 fields: a field is quoted when it contains the delimiter, the quote, CR or LF,
 * and an empty string is written as `""` so that it reads back as '' rather than NULL.
 */
export function encodeCsvLines(dialect: CsvDialect, rows: readonly Row[], columns: readonly Column[] = []): string {
  const types = columns.map((c) => c.dataType);
  let text = '';
  for (const row of rows) text += `${row.map((value, i) => encodeField(value, dialect, types[i])).join(dialect.delimiter)}\n`;
  return text;
}

/** A field's text; a DECIMAL is written with its scale and every digit (2.00), nested exact numbers as JSON numbers. */
function fieldText(value: unknown, type: DataType | undefined): string {
  if (type?.kind === 'DECIMAL') return formatDecimal(value, type.scale);
  if (type && type.kind !== 'BIGINT' && hasExactNumbers(type)) return jsonValueText(value, type, toJsonValue);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const json = toJsonValue(value);
  return typeof json === 'string' ? json : JSON.stringify(json);
}

function encodeField(value: unknown, dialect: CsvDialect, type: DataType | undefined): string {
  if (value === null || value === undefined) return dialect.nullLiteral ?? '';
  const text = fieldText(value, type);
  const { quote, delimiter } = dialect;
  const needsQuotes = text === '' || text === dialect.nullLiteral || text.includes(delimiter) || text.includes(quote) || /[\r\n]/.test(text);
  return needsQuotes ? `${quote}${text.split(quote).join(quote + quote)}${quote}` : text;
}
