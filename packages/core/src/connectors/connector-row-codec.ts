import type { TableDefinition } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import { valueCoercer } from '../expressions/expr-value-coerce.js';
import { toJsonValue } from '../expressions/expr-value-coerce.js';
import { hasExactNumbers, jsonValueText, parseJsonExact } from '../expressions/expr-json-text.js';
import type { Column, Row } from '@lateral/spec';

/** Where a stored value came from, for messages: `data/docs.json:12`. */
export interface RowOrigin {
  file: string;
  line: number;
}

export function readError(table: TableDefinition, origin: RowOrigin, message: string, cause?: unknown): LateralError {
  return new LateralError({
    code: 'LATERAL_ERR_CONNECTOR_IO',
    message: `Table '${table.name}' (${origin.file}:${origin.line}): ${message}`,
    details: { table: table.name, file: origin.file, line: origin.line },
    cause,
  });
}

/**
 * Reads stored values into a row of the table's column types (the lenient reader: "3" into INT,
 * JSON arrays into ARRAY, base64 into BYTES). A value that does not fit names its column.
 */
export function rowReader(table: TableDefinition): (values: readonly unknown[], origin: RowOrigin) => Row {
  const coercers = table.columns.map((c) => valueCoercer(c.dataType));
  return (values, origin) =>
    coercers.map((coerce, i) => {
      try {
        return coerce(values[i] ?? null);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw readError(table, origin, `column '${table.columns[i]!.name}': ${message}`, error);
      }
    });
}

/**
 * One JSON object per line, keys = column names; BYTES as base64, ARRAY as JSON arrays, BIGINT
 * and DECIMAL as JSON numbers with every digit (read back by `parseStoredJson`).
 */
export function encodeJsonLines(columns: readonly Column[], rows: readonly Row[]): string {
  if (columns.some((c) => hasExactNumbers(c.dataType))) return encodeExactJsonLines(columns, rows);
  let text = '';
  for (const row of rows) {
    const record: Record<string, unknown> = {};
    columns.forEach((column, i) => (record[column.name] = toJsonValue(row[i] ?? null)));
    text += `${JSON.stringify(record)}\n`;
  }
  return text;
}

function encodeExactJsonLines(columns: readonly Column[], rows: readonly Row[]): string {
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  let text = '';
  for (const row of rows) {
    text += `{${columns.map((column, i) => keys[i] + jsonValueText(row[i] ?? null, column.dataType, toJsonValue)).join(',')}}\n`;
  }
  return text;
}

/** The JSON parse for a table's stored lines: exact (slower) only when a column needs it. */
export function storedJsonParser(table: TableDefinition): (text: string) => unknown {
  return table.columns.some((c) => hasExactNumbers(c.dataType)) ? parseJsonExact : JSON.parse;
}
