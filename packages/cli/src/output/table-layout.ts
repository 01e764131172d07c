import type { Column } from '@lateral/core';
import { clipToWidth, displayWidth, padToWidth } from './display-width.js';

const NUMERIC_KINDS = new Set(['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);
/** A column is never squeezed below this many characters to fit the terminal. */
const MIN_FITTED_WIDTH = 6;

/** Numbers are right-aligned, as in psql and DuckDB, so their digits line up. */
export function rightAligned(columns: Column[]): boolean[] {
  return columns.map((column) => NUMERIC_KINDS.has(column.dataType.kind));
}

/** The width each column wants for these cells, at most `maxColumnWidth`. */
export function measureColumns(headers: string[], rows: string[][], maxColumnWidth: number | undefined): number[] {
  const widths = headers.map((header) => displayWidth(header));
  for (const row of rows) {
    row.forEach((cell, index) => {
      const width = displayWidth(cell);
      if (width > widths[index]!) widths[index] = width;
    });
  }
  return maxColumnWidth === undefined ? widths : widths.map((width) => Math.min(width, Math.max(1, maxColumnWidth)));
}

/** Narrows the widest columns until the whole table (borders included) fits the terminal. */
export function fitToTerminal(widths: number[], terminalWidth: number | undefined): number[] {
  if (terminalWidth === undefined) return widths;
  // No column is wider than the terminal, so the loop below runs at most columns × width times.
  const fitted = widths.map((width) => Math.min(width, Math.max(1, terminalWidth - 4)));
  let excess = fitted.reduce((sum, width) => sum + width, 0) + 3 * fitted.length + 1 - terminalWidth;
  while (excess > 0) {
    let widest = 0;
    fitted.forEach((width, index) => {
      if (width > fitted[widest]!) widest = index;
    });
    if (fitted[widest]! <= MIN_FITTED_WIDTH) break;
    fitted[widest] = fitted[widest]! - 1;
    excess -= 1;
  }
  return fitted;
}

export function borderLine(widths: number[], left: string, middle: string, right: string): string {
  return `${left}${widths.map((width) => '─'.repeat(width + 2)).join(middle)}${right}\n`;
}

export function rowLine(cells: string[], widths: number[], alignRight: boolean[]): string {
  const shown = cells.map((cell, index) => padToWidth(clipToWidth(cell, widths[index]!), widths[index]!, alignRight[index]!));
  return `│ ${shown.join(' │ ')} │\n`;
}
