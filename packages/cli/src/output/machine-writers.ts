import type { Row, RowsResult } from '@lateral/core';
import { write } from './output-closed.js';
import { quoteCsv, renderValueForCsv, rowJsonWriter } from './render-value.js';

async function streamLines(result: RowsResult, out: NodeJS.WritableStream, line: (row: Row) => string): Promise<number> {
  let count = 0;
  for await (const batch of result.rows) {
    let chunk = '';
    for (const row of batch) chunk += line(row);
    count += batch.length;
    if (chunk !== '') await write(out, chunk);
  }
  return count;
}

/** One JSON object per row and line; several result sets simply follow each other. */
export function writeNdjson(result: RowsResult, out: NodeJS.WritableStream): Promise<number> {
  const rowJson = rowJsonWriter(result.columns);
  return streamLines(result, out, (row) => `${rowJson(row)}\n`);
}

/**
 * One CSV table per result set: a header, then the rows. A further result set in the same run
 * starts after a blank line with its own header, so a reader can split the stream at blank lines.
 */
export async function writeCsv(result: RowsResult, out: NodeJS.WritableStream, resultIndex: number): Promise<number> {
  await write(out, `${resultIndex > 0 ? '\n' : ''}${result.columns.map((column) => quoteCsv(column.name)).join(',')}\n`);
  const types = result.columns.map((column) => column.dataType);
  return streamLines(result, out, (row) => `${row.map((value, index) => renderValueForCsv(value, types[index])).join(',')}\n`);
}

/**
 * One JSON array per result set, one row per line, streamed. Each array is a whole JSON document
 * and starts on a new line, so several result sets form a JSON stream (`jq` reads it as is). The
 * array is closed even when the statement fails part-way, so what was written still parses.
 */
export async function writeJsonArray(result: RowsResult, out: NodeJS.WritableStream): Promise<number> {
  let count = 0;
  const rowJson = rowJsonWriter(result.columns);
  await write(out, '[');
  try {
    for await (const batch of result.rows) {
      let chunk = '';
      for (const row of batch) {
        chunk += `${count === 0 ? '\n' : ',\n'}  ${rowJson(row)}`;
        count += 1;
      }
      if (chunk !== '') await write(out, chunk);
    }
  } finally {
    await write(out, count === 0 ? ']\n' : '\n]\n').catch(() => undefined);
  }
  return count;
}
