import { createReadStream } from 'node:fs';
import { parse, type CastingContext } from 'csv-parse';
import { LateralError, type Row, type TableDefinition } from '@lateral/spec';
import { readError, rowReader } from '@lateral/core';
import type { FilesystemOptions } from './filesystem-options.js';

/**
 * Reads RFC 4180 CSV without a header (as Flink's csv format): fields in column order, an empty
 * unquoted field (or the null literal) is NULL, a quoted empty field is ''. The file is parsed as
 * a stream pulled record by record, so memory holds one batch.
 */
export async function* readCsv(table: TableDefinition, file: string, options: FilesystemOptions['csv'], batchSize: number): AsyncGenerator<Row[]> {
  const read = rowReader(table);
  const width = table.columns.length;
  const source = createReadStream(file);
  const parser = parse({
    delimiter: options.delimiter,
    quote: options.quote,
    comment: options.allowComments ? '#' : undefined,
    // Files mix line endings in practice; csv-parse would otherwise keep the first one it sees.
    record_delimiter: ['\r\n', '\n'],
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
    cast: (value: string, context: CastingContext) => {
      if (context.quoting) return value;
      return value === '' || value === options.nullLiteral ? null : value;
    },
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let rows: Row[] = [];
  // With 'csv.header', the first record names the fields: columns are taken by name, in any order.
  let order: number[] | undefined;
  let expectHeader = options.header;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Array<string | null>; info: { lines: number } }>) {
      const origin = { file, line: info.lines };
      if (expectHeader) {
        expectHeader = false;
        order = headerOrder(table, record, (message) => readError(table, origin, message));
        continue;
      }
      try {
        if (record.length !== width) throw readError(table, origin, `expected ${width} fields, found ${record.length}`);
        rows.push(read(order ? order.map((index) => record[index] ?? null) : record, origin));
      } catch (error) {
        if (!options.ignoreParseErrors) throw error;
        continue;
      }
      if (rows.length >= batchSize) {
        yield rows;
        rows = [];
      }
    }
    if (rows.length > 0) yield rows;
  } catch (error) {
    if (LateralError.isInstance(error)) throw error;
    throw new LateralError({
      code: 'LATERAL_ERR_CONNECTOR_IO',
      message: `Table '${table.name}' (${file}): ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  } finally {
    source.destroy();
    parser.destroy();
  }
}

/** Where each of the table's columns is in a header record (names compared case-insensitively). */
function headerOrder(table: TableDefinition, header: Array<string | null>, fail: (message: string) => Error): number[] {
  const names = header.map((name) => (name ?? '').trim().toLowerCase());
  return table.columns.map((column) => {
    const index = names.indexOf(column.name.toLowerCase());
    if (index < 0) throw fail(`the header (${header.join(', ')}) has no column '${column.name}'`);
    return index;
  });
}
