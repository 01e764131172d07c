import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type ConnectorV2, LateralError, type Row, type SourceBatch, type TableDefinition } from '@lateral/spec';
import { encodeCsvLines, encodeJsonLines, readJsonLines, withDataDirWriteLock } from '@lateral/core';
import { openCommitSink, type CommitTarget } from './filesystem-commit-sink.js';
import { removeDeadInProgressFiles } from './filesystem-inprogress-files.js';
import { readCsv } from './filesystem-csv-reader.js';
import { filesystemOptions, validateFilesystemOptions, type FilesystemOptions } from './filesystem-options.js';

const BATCH_SIZE = 1024;

/** Flink skips hidden and in-progress files (names starting with `.` or `_`) in a directory. */
const isDataFile = (name: string): boolean => !name.startsWith('.') && !name.startsWith('_');

async function pathKind(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

async function filesToRead(table: TableDefinition, path: string): Promise<string[]> {
  const kind = await pathKind(path);
  if (kind === 'missing') {
    throw new LateralError({ code: 'LATERAL_ERR_CONNECTOR_IO', message: `Table '${table.name}': path '${path}' does not exist` });
  }
  if (kind === 'file') return [path];
  const entries = await readdir(path, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && isDataFile(e.name)).map((e) => join(path, e.name)).sort();
}

function readFile(table: TableDefinition, file: string, options: FilesystemOptions): AsyncGenerator<Row[]> {
  return options.format === 'csv'
    ? readCsv(table, file, options.csv, BATCH_SIZE)
    : readJsonLines(table, file, { ...options.json, batchSize: BATCH_SIZE });
}

/** Whether the table's path is a directory (declared as one, or found to be one). */
async function isDirectoryTable(options: FilesystemOptions): Promise<boolean> {
  return options.pathIsDirectory || (await pathKind(options.path)) === 'directory';
}

/** The directory where a table's in-progress files are written: the table's directory, or its file's. */
function inProgressDirectory(options: FilesystemOptions, isDirectory: boolean): string {
  return isDirectory ? options.path : dirname(options.path);
}

/**
 * Flink's filesystem connector (`'connector' = 'filesystem'`, `'path'`, `'format' = 'json' | 'csv'`).
 * `path` is a file (relative paths resolve against the working directory) or a directory, whose
 * data files are read in name order (hidden files, such as in-progress ones, are skipped). An
 * INSERT writes a hidden in-progress file and commits by a rename, as Flink's file sink does:
 * into a directory, a new `part-<uuid>.<format>` file; into a file, the file's content followed
 * by the new rows replaces it. Reads and writes stream with bounded memory. Opening a table
 * removes in-progress files whose writer was killed. Reads are bounded; a batch's position is
 * the number of rows read so far (`{ rows: n }`).
 */
export const filesystemConnector: ConnectorV2 = {
  specificationVersion: 'v2',
  id: 'filesystem',
  bounded: true,
  validate: validateFilesystemOptions,
  source(table) {
    return { bounded: true, read: () => readTable(table) };
  },
  async openSink(table, context) {
    const options = filesystemOptions(table);
    const intoDirectory = await isDirectoryTable(options);
    await removeDeadInProgressFiles(inProgressDirectory(options, intoDirectory));
    const nextTarget = async (): Promise<CommitTarget> => {
      const path = intoDirectory ? join(options.path, `part-${randomUUID()}.${options.format}`) : options.path;
      let encode =
        options.format === 'csv' ? (rows: Row[]) => encodeCsvLines(options.csv, rows, table.columns) : (rows: Row[]) => encodeJsonLines(table.columns, rows);
      if (options.format === 'csv' && options.csv.header && (await isEmptyOrMissing(path))) encode = withCsvHeader(encode, table, options);
      return { path, encode };
    };
    if (intoDirectory) return openCommitSink(nextTarget, { mode: 'new-file', exclusively: (work) => work() });
    return openCommitSink(nextTarget, { mode: 'append', exclusively: (work) => withDataDirWriteLock(context.dataDir, work) });
  },
};

async function* readTable(table: TableDefinition): AsyncGenerator<SourceBatch> {
  const options = filesystemOptions(table);
  await removeDeadInProgressFiles(inProgressDirectory(options, await isDirectoryTable(options)));
  let read = 0;
  for (const file of await filesToRead(table, options.path)) {
    for await (const rows of readFile(table, file, options)) {
      read += rows.length;
      yield { rows, positions: { rows: read } };
    }
  }
}

async function isEmptyOrMissing(path: string): Promise<boolean> {
  return stat(path).then(
    (found) => found.size === 0,
    () => true,
  );
}

/** A new file of a 'csv.header' table starts with the header line, so it reads back. */
function withCsvHeader(encode: (rows: Row[]) => string, table: TableDefinition, options: FilesystemOptions): (rows: Row[]) => string {
  let first = true;
  return (rows) => {
    if (!first) return encode(rows);
    first = false;
    return encodeCsvLines(options.csv, [table.columns.map((column) => column.name)]) + encode(rows);
  };
}
