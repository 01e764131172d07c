import type { TableDefinition } from '@lateral/spec';
import { LateralError } from '@lateral/spec';
import type { Row } from '@lateral/spec';
import { readLineBatches } from './connector-line-reader.js';
import { readError, rowReader, storedJsonParser } from './connector-row-codec.js';

export interface JsonReadOptions {
  /** Read only the first `end` bytes (a snapshot of a file being appended to). */
  end?: number;
  ignoreParseErrors: boolean;
  failOnMissingField: boolean;
  batchSize: number;
}

/** Reads one JSON object per line (keys = column names; a missing key is NULL unless told otherwise). */
export async function* readJsonLines(table: TableDefinition, file: string, options: JsonReadOptions): AsyncGenerator<Row[]> {
  const decode = jsonLinesDecoder(table, options);
  for await (const { lines, firstLine } of readLineBatches(file, options)) {
    const rows = decode(lines, file, firstLine);
    if (rows.length > 0) yield rows;
  }
}

/** Decodes lines of JSON objects into rows (blank lines skipped); also used for rows not kept in a file. */
export function jsonLinesDecoder(
  table: TableDefinition,
  options: Pick<JsonReadOptions, 'ignoreParseErrors' | 'failOnMissingField'>,
): (lines: readonly string[], file: string, firstLine: number) => Row[] {
  const read = rowReader(table);
  const names = table.columns.map((c) => c.name);
  const parseLine = storedJsonParser(table);
  return (lines, file, firstLine) => {
    const rows: Row[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const origin = { file, line: firstLine + i };
      try {
        rows.push(read(fieldsOf(parseLine, line, names, options.failOnMissingField), origin));
      } catch (error) {
        if (options.ignoreParseErrors) return;
        if (LateralError.isInstance(error)) throw error;
        throw readError(table, origin, error instanceof Error ? error.message : String(error), error);
      }
    });
    return rows;
  };
}

function fieldsOf(parseLine: (text: string) => unknown, line: string, names: readonly string[], failOnMissingField: boolean): unknown[] {
  let parsed: unknown;
  try {
    parsed = parseLine(line);
  } catch {
    throw new Error('the line is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the line is not a JSON object');
  const record = parsed as Record<string, unknown>;
  return names.map((name) => {
    if (failOnMissingField && !(name in record)) throw new Error(`field '${name}' is missing`);
    return record[name];
  });
}
