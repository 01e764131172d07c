import type { ConnectorContext, ConnectorV2, SourceBatch, TableDefinition, TableSinkV2 } from '@lateral/spec';
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
 * Its reads are bounded; a batch's position is the number of rows read so far (`{ rows: n }`).
 */
export const memoryConnector: ConnectorV2 = {
  specificationVersion: 'v2',
  id: 'memory',
  bounded: true,
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
  source(table, context) {
    return { bounded: true, read: () => readMemoryTable(table, context) };
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

async function* readMemoryTable(table: TableDefinition, context: ConnectorContext): AsyncGenerator<SourceBatch> {
  const rows = rowsOf(context);
  const decode = jsonLinesDecoder(table, { ignoreParseErrors: false, failOnMissingField: false });
  const origin = `memory table ${table.name}`;
  const snapshot = rows.snapshot(table.name);
  let after = 0;
  let line = 1;
  let batch: Row[] = [];
  let read = 0;
  const full = (): SourceBatch => {
    read += batch.length;
    const done = { rows: batch, positions: { rows: read } };
    batch = [];
    return done;
  };
  for (;;) {
    const chunks = rows.chunks(table.name, snapshot, after, CHUNKS_PER_READ);
    if (chunks.length === 0) break;
    for (const chunk of chunks) {
      const lines = chunk.text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const row of decode(lines, origin, line)) {
        batch.push(row);
        if (batch.length >= BATCH_SIZE) yield full();
      }
      line += lines.length;
      after = chunk.id;
    }
  }
  if (batch.length > 0) yield full();
}

/**
 * One INSERT transaction of the store at a time: `flush` stores the pending chunk (durable: it
 * survives this process being killed, invisible until committed); `commit` makes every row since
 * the last commit visible at once (positions are not stored: a memory source is re-read whole);
 * writes after a commit open the next transaction; `abort` drops the rows since the last commit.
 */
function openMemorySink(rows: MemoryRows, table: TableDefinition): TableSinkV2 {
  let insertId: number | undefined = rows.begin(table.name);
  let pending = '';
  const current = (): number => (insertId ??= rows.begin(table.name));
  const store = () => {
    if (pending === '') return;
    rows.append(current(), table.name, pending);
    pending = '';
  };
  return {
    async write(batch) {
      if (batch.length === 0) return;
      pending += encodeJsonLines(table.columns, batch);
      if (pending.length >= CHUNK_CHARACTERS) store();
    },
    async flush() {
      store();
    },
    async commit() {
      if (insertId === undefined && pending === '') return;
      const id = current();
      try {
        store();
        rows.commit(id, table.name);
      } catch (error) {
        rows.abort(id);
        throw error;
      } finally {
        insertId = undefined;
      }
    },
    async abort() {
      pending = '';
      if (insertId === undefined) return;
      const id = insertId;
      insertId = undefined;
      rows.abort(id);
    },
  };
}
