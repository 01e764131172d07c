/** The result formats `--format` accepts. Machine formats (json, ndjson, csv) put only rows on stdout. */
export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv'];

export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * How a result writer shows rows. The shell's meta commands change these between statements by
 * creating a new writer with `createResultWriter(streams, options)`.
 */
export interface WriterOptions {
  format: OutputFormat;
  /** table only: one `column | value` block per row (psql's `\x`). */
  expanded?: boolean;
  /** table only: values wider than this many characters are cut with `…` (`sql-client.display.max-column-width`). */
  maxColumnWidth?: number;
  /** table only: the terminal's width; the table is fitted to it. Undefined when stdout is not a terminal. */
  terminalWidth?: number;
}
