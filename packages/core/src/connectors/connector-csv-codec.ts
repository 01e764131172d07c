import { toJsonValue } from '../expressions/expr-value-coerce.js';
import type { Row } from '../types/schema.js';

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
export function encodeCsvLines(dialect: CsvDialect, rows: readonly Row[]): string {
  let text = '';
  for (const row of rows) text += `${row.map((value) => encodeField(value, dialect)).join(dialect.delimiter)}\n`;
  return text;
}

function encodeField(value: unknown, dialect: CsvDialect): string {
  if (value === null || value === undefined) return dialect.nullLiteral ?? '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : (() => {
            const json = toJsonValue(value);
            return typeof json === 'string' ? json : JSON.stringify(json);
          })();
  const { quote, delimiter } = dialect;
  const needsQuotes = text === '' || text === dialect.nullLiteral || text.includes(delimiter) || text.includes(quote) || /[\r\n]/.test(text);
  return needsQuotes ? `${quote}${text.split(quote).join(quote + quote)}${quote}` : text;
}
