import type { ConnectorContext, ConnectorV1, TableDefinition, TableSink } from '@lateral/spec';
import { dataStoreFor } from '../store/data-store.js';
import { MemoryRows } from '../store/memory-rows.js';
import type { Row } from '@lateral/spec';
import { jsonLinesDecoder } from './connector-json-reader.js';
import { encodeJsonLines } from './connector-row-codec.js';

const BATCH_SIZE = 1024;
/** Chunks read per store query while a table is read. */
const CHUNKS_PER_READ = 8;
/** Encoded rows are kept in chunks of about this size: one store write per chunk. */
const CHUNK_CHARACTERS = 64 * 1024;

function rowsOf(context: ConnectorContext): MemoryRows {
  return new MemoryRows(dataStoreFor(context.dataDir));
}

/**
 * The default connector for a table created without `'connector'`. Despite the name (kept from
 * the dialect's vocabulary of a table with no external system), rows persist between runs: they
 * are kept in the data directory's store (lateral.db), encoded by the row codec as NDJSON chunks.
 * An INSERT is one transaction: readers (in any process) see its rows only once it committed,
 * its abort removes only its own rows, and a killed INSERT leaves nothing visible. A read sees
 * the INSERTs committed when it started, so `INSERT INTO t SELECT ... FROM t` terminates.
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
    const rows = rowsOf(context);
    const decode = jsonLinesDecoder(table, { ignoreParseErrors: false, failOnMissingField: false });
    const origin = `memory table ${table.name}`;
    const snapshot = rows.snapshot(table.name);
    let after = 0;
    let line = 1;
    let batch: Row[] = [];
    for (;;) {
      const chunks = rows.chunks(table.name, snapshot, after, CHUNKS_PER_READ);
      if (chunks.length === 0) break;
      for (const chunk of chunks) {
        const lines = chunk.text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        for (const row of decode(lines, origin, line)) {
          batch.push(row);
          if (batch.length >= BATCH_SIZE) {
            yield batch;
            batch = [];
          }
        }
        line += lines.length;
        after = chunk.id;
      }
    }
    if (batch.length > 0) yield batch;
  },
  async openSink(table, context) {
    return openMemorySink(rowsOf(context), table);
  },
  /** One row per line of the committed chunks: newlines are counted by the store, without decoding rows. */
  async countRows(table, context) {
    const rows = rowsOf(context);
    return rows.count(table.name, rows.snapshot(table.name));
  },
  // DROP TABLE: the catalog deletes a memory table's rows in the transaction that drops it.
};

function openMemorySink(rows: MemoryRows, table: TableDefinition): TableSink {
  const insertId = rows.begin(table.name);
  let pending = '';
  let finished = false;
  const finish = (): boolean => !finished && (finished = true);
  const flush = () => {
    if (pending === '') return;
    rows.append(insertId, table.name, pending);
    pending = '';
  };
  return {
    async write(batch) {
      if (batch.length === 0) return;
      pending += encodeJsonLines(table.columns, batch);
      if (pending.length >= CHUNK_CHARACTERS) flush();
    },
    async close() {
      if (!finish()) return;
      try {
        flush();
        rows.commit(insertId, table.name);
      } catch (error) {
        rows.abort(insertId);
        throw error;
      }
    },
    async abort() {
      if (!finish()) return;
      pending = '';
      rows.abort(insertId);
    },
  };
}
