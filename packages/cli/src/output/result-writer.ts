import type { RowsResult } from '@lateral/core';
import { writeExpanded } from './expanded-writer.js';
import { writeCsv, writeJsonArray, writeNdjson } from './machine-writers.js';
import type { OutputFormat, Streams, WriterOptions } from './output-format.js';
import { writeTable } from './table-writer.js';

export { OUTPUT_FORMATS, type OutputFormat, type Streams, type WriterOptions } from './output-format.js';
export { write } from './output-closed.js';

/** Writes the result sets of one run to stdout in one format; every writer streams its rows. */
export interface ResultWriter {
  readonly options: WriterOptions;
  /** Writes one result set; resolves with its row count. Rejects with OutputClosedError when stdout's reader left. */
  writeRows(result: RowsResult): Promise<number>;
}

/** The writer for a format and its display options (the shell's `\x`/format meta commands call this too). */
export function createResultWriter(streams: Streams, options: WriterOptions): ResultWriter {
  let resultSets = 0;
  return {
    options,
    async writeRows(result: RowsResult): Promise<number> {
      const index = resultSets;
      resultSets += 1;
      switch (options.format) {
        case 'ndjson':
          return writeNdjson(result, streams.stdout);
        case 'csv':
          return writeCsv(result, streams.stdout, index);
        case 'json':
          return writeJsonArray(result, streams.stdout);
        case 'table':
          return options.expanded ? writeExpanded(result, streams.stdout, options) : writeTable(result, streams.stdout, options);
      }
    },
  };
}

/** One result set with a fresh writer (kept for callers of the earlier API). */
export function writeRows(result: RowsResult, format: OutputFormat, streams: Streams): Promise<number> {
  return createResultWriter(streams, { format }).writeRows(result);
}
