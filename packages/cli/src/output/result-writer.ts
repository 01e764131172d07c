import type { Row, RowsResult } from '@lateral/core';
import Table from 'cli-table3';
import { quoteCsv, renderValueForCsv, renderValueForTable, rowJsonWriter } from './render-value.js';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Writes query results in the chosen format. Machine formats stream rows as they arrive, so a
 * large result never sits in memory; the table format has to see every row to size its columns.
 */
export async function writeRows(result: RowsResult, format: OutputFormat, streams: Streams): Promise<number> {
  switch (format) {
    case 'ndjson': {
      const rowJson = rowJsonWriter(result.columns);
      return streamRows(result, streams.stdout, (row) => `${rowJson(row)}\n`);
    }
    case 'csv': {
      await write(streams.stdout, `${result.columns.map((c) => quoteCsv(c.name)).join(',')}\n`);
      const types = result.columns.map((c) => c.dataType);
      return streamRows(result, streams.stdout, (row) => `${row.map((value, i) => renderValueForCsv(value, types[i])).join(',')}\n`);
    }
    case 'json':
      return writeJsonArray(result, streams.stdout);
    case 'table':
      return writeTable(result, streams.stdout);
  }
}

async function streamRows(result: RowsResult, out: NodeJS.WritableStream, line: (row: Row) => string): Promise<number> {
  let count = 0;
  for await (const batch of result.rows) {
    let chunk = '';
    for (const row of batch) chunk += line(row);
    count += batch.length;
    await write(out, chunk);
  }
  return count;
}

async function writeJsonArray(result: RowsResult, out: NodeJS.WritableStream): Promise<number> {
  let count = 0;
  const rowJson = rowJsonWriter(result.columns);
  await write(out, '[');
  for await (const batch of result.rows) {
    let chunk = '';
    for (const row of batch) {
      chunk += `${count === 0 ? '\n' : ',\n'}  ${rowJson(row)}`;
      count += 1;
    }
    await write(out, chunk);
  }
  await write(out, count === 0 ? ']\n' : '\n]\n');
  return count;
}

async function writeTable(result: RowsResult, out: NodeJS.WritableStream): Promise<number> {
  const table = new Table({
    head: result.columns.map((c) => c.name),
    style: { head: [], border: [] },
    // No rule between rows: long results stay readable.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  let count = 0;
  for await (const batch of result.rows) {
    for (const row of batch) table.push(result.columns.map((column, index) => renderValueForTable(row[index], column.dataType)));
    count += batch.length;
  }
  await write(out, `${table.toString()}\n${count} row${count === 1 ? '' : 's'} in set\n`);
  return count;
}

export function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const flushed = out.write(text, (error) => (error ? reject(error) : undefined));
    if (flushed) resolve();
    else out.once('drain', resolve);
  });
}
