import type { RowsResult } from '@lateral/core';
import { clipToWidth, displayWidth, padToWidth, singleLine } from './display-width.js';
import { write } from './output-closed.js';
import type { WriterOptions } from './output-format.js';
import { renderValueForTable } from './render-value.js';
import { rowCountLine } from './table-writer.js';

/**
 * Expanded display (psql's `\x`): one block per row, one `column | value` line per column. Wide
 * rows stay readable on a narrow terminal; rows stream as they arrive.
 */
export async function writeExpanded(result: RowsResult, out: NodeJS.WritableStream, options: WriterOptions): Promise<number> {
  const names = result.columns.map((column) => singleLine(column.name));
  const nameWidth = Math.max(0, ...names.map(displayWidth));
  const valueLimit = Math.min(options.maxColumnWidth ?? Infinity, options.terminalWidth === undefined ? Infinity : Math.max(8, options.terminalWidth - nameWidth - 3));
  let count = 0;
  for await (const batch of result.rows) {
    let text = '';
    for (const row of batch) {
      count += 1;
      const title = `-[ RECORD ${count} ]`;
      const rule = options.terminalWidth === undefined ? nameWidth + 3 + 10 : Math.min(options.terminalWidth, nameWidth + 3 + 40);
      text += `${title}${'-'.repeat(Math.max(0, rule - title.length))}\n`;
      names.forEach((name, index) => {
        const value = singleLine(renderValueForTable(row[index], result.columns[index]?.dataType));
        text += `${padToWidth(name, nameWidth, false)} | ${Number.isFinite(valueLimit) ? clipToWidth(value, valueLimit) : value}\n`;
      });
    }
    if (text !== '') await write(out, text);
  }
  await write(out, rowCountLine(count));
  return count;
}
