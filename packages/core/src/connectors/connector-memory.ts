import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorContext, ConnectorV1, TableDefinition } from '../contracts/connector.js';
import { openAppendSink } from './connector-append-sink.js';
import { readJsonLines } from './connector-json-reader.js';
import { encodeJsonLines } from './connector-row-codec.js';

const BATCH_SIZE = 1024;

/** `<dataDir>/tables/<table>.ndjson`; the name is URI-encoded so any identifier is a safe file name. */
function memoryTableFile(table: TableDefinition, dataDir: string): string {
  return join(dataDir, 'tables', `${encodeURIComponent(table.name)}.ndjson`);
}

async function fileLength(path: string): Promise<number> {
  return stat(path).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return 0;
      throw error;
    },
  );
}

/**
 * The default connector for a table created without `'connector'`. Despite the name (kept from
 * the dialect's vocabulary of a table with no external system), rows persist between runs: they
 * are appended to one NDJSON file per table under the data directory. A read sees the rows that
 * existed when it started, so `INSERT INTO t SELECT ... FROM t` terminates.
 */
export const memoryConnector: ConnectorV1 = {
  specificationVersion: 'v1',
  id: 'memory',
  validate(table) {
    return Object.keys(table.options)
      .filter((key) => key !== 'connector')
      .map((key) => ({
        code: 'LATERAL_ERR_OPTION_UNKNOWN' as const,
        message: `Unsupported option '${key}' for a memory table (it takes no options besides 'connector')`,
        option: key,
        expected: ['connector'],
      }));
  },
  async *read(table: TableDefinition, context: ConnectorContext) {
    const file = memoryTableFile(table, context.dataDir);
    const end = await fileLength(file);
    yield* readJsonLines(table, file, { end, ignoreParseErrors: false, failOnMissingField: false, batchSize: BATCH_SIZE });
  },
  async openSink(table, context) {
    return openAppendSink(memoryTableFile(table, context.dataDir), (rows) => encodeJsonLines(table.columns, rows));
  },
  /** One row per line of the file: newlines are counted without decoding rows. */
  async countRows(table, context) {
    const file = memoryTableFile(table, context.dataDir);
    const end = await fileLength(file);
    if (end === 0) return 0;
    let rows = 0;
    for await (const chunk of createReadStream(file, { end: end - 1 })) {
      const bytes = chunk as Buffer;
      for (let index = bytes.indexOf(10); index !== -1; index = bytes.indexOf(10, index + 1)) rows += 1;
    }
    return rows;
  },
  async drop(table, context) {
    await unlink(memoryTableFile(table, context.dataDir)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  },
};
