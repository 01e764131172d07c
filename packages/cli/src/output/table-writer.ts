import type { RowsResult } from '@lateral/core';
import { singleLine } from './display-width.js';
import { OutputClosedError, write } from './output-closed.js';
import type { WriterOptions } from './output-format.js';
import { renderValueForTable } from './render-value.js';
import { borderLine, fitToTerminal, measureColumns, rightAligned, rowLine } from './table-layout.js';

export function rowCountLine(count: number): string {
  return `${count} row${count === 1 ? '' : 's'} in set\n`;
}

/**
 * The human table, streamed: each batch of rows is printed as it arrives, so the first rows show
 * while later ones are still computed and memory holds one batch. Column widths come from the
 * rows seen so far; when a later batch needs wider columns the table is closed and a new one
 * (same header, wider columns) continues, rather than holding every row back to measure them.
 */
export async function writeTable(result: RowsResult, out: NodeJS.WritableStream, options: WriterOptions): Promise<number> {
  const headers = result.columns.map((column) => singleLine(column.name));
  const alignRight = rightAligned(result.columns);
  const headerAlign = headers.map(() => false);
  let widths: number[] | undefined;
  let count = 0;
  const header = (w: number[]) => `${borderLine(w, '┌', '┬', '┐')}${rowLine(headers, w, headerAlign)}${borderLine(w, '├', '┼', '┤')}`;
  try {
    for await (const batch of result.rows) {
      if (batch.length === 0) continue;
      const cells = batch.map((row) => result.columns.map((column, index) => singleLine(renderValueForTable(row[index], column.dataType))));
      const wanted = fitToTerminal(measureColumns(headers, cells, options.maxColumnWidth), options.terminalWidth);
      let text = '';
      if (widths === undefined) {
        widths = wanted;
        text += header(widths);
      } else if (wanted.some((width, index) => width > widths![index]!)) {
        const previous = widths;
        widths = fitToTerminal(previous.map((width, index) => Math.max(width, wanted[index]!)), options.terminalWidth);
        if (widths.some((width, index) => width !== previous[index])) text += `${borderLine(previous, '└', '┴', '┘')}${header(widths)}`;
      }
      for (const row of cells) text += rowLine(row, widths, alignRight);
      count += batch.length;
      await write(out, text);
    }
  } catch (error) {
    // A failing statement still leaves a closed table behind its rows (the error goes to stderr).
    if (widths !== undefined && !OutputClosedError.isInstance(error)) await write(out, borderLine(widths, '└', '┴', '┘')).catch(() => undefined);
    throw error;
  }
  widths ??= fitToTerminal(measureColumns(headers, [], options.maxColumnWidth), options.terminalWidth);
  const opening = count === 0 ? header(widths) : '';
  await write(out, `${opening}${borderLine(widths, '└', '┴', '┘')}${rowCountLine(count)}`);
  return count;
}
