import { LateralError } from '@lateral/spec';
import type { DataStore, StoreDatabase } from './data-store.js';
import { currentWriter, formatWriter } from './writer-identity.js';

/**
 * A memory table's rows in the data directory's store. An INSERT is begun (a pending row in
 * `memory_inserts`), appends chunks of encoded rows in short transactions of their own (so a long
 * INSERT never holds the write lock between chunks: other processes' DDL and INSERTs go on), and
 * is committed by setting its `committed_seq` in one transaction, or aborted by deleting its own
 * chunks. Readers see only committed INSERTs; a killed writer's chunks stay invisible and are
 * removed when the store is next opened (store-cleanup.ts).
 */
export class MemoryRows {
  constructor(private readonly store: DataStore) {}

  begin(table: string): number {
    return this.store.write(
      (db) => Number(db.prepare('INSERT INTO memory_inserts (table_name, writer) VALUES (?, ?)').run(table, formatWriter(currentWriter())).lastInsertRowid),
      { durable: false },
    );
  }

  append(insertId: number, table: string, rowsText: string): void {
    this.store.write((db) => db.prepare('INSERT INTO memory_chunks (insert_id, table_name, rows_text) VALUES (?, ?, ?)').run(insertId, table, rowsText), {
      durable: false,
    });
  }

  /** Makes the INSERT's rows visible, all at once. Fails when the table was dropped meanwhile. */
  commit(insertId: number, table: string): void {
    this.store.write((db) => {
      const pending = db.prepare('SELECT 1 FROM memory_inserts WHERE id = ? AND committed_seq IS NULL').get(insertId);
      if (pending === undefined) {
        throw new LateralError({
          code: 'LATERAL_ERR_CONNECTOR_IO',
          message: `Table '${table}' was dropped by another statement while the INSERT ran; its rows were not kept.`,
          details: { table },
        });
      }
      const last = db.prepare('SELECT coalesce(max(committed_seq), 0) FROM memory_inserts').pluck().get() as number;
      db.prepare('UPDATE memory_inserts SET committed_seq = ? WHERE id = ?').run(last + 1, insertId);
    });
  }

  /** Removes this INSERT's chunks only: rows other statements committed meanwhile stay. */
  abort(insertId: number): void {
    this.store.write(
      (db) => {
        db.prepare('DELETE FROM memory_chunks WHERE insert_id = ?').run(insertId);
        db.prepare('DELETE FROM memory_inserts WHERE id = ? AND committed_seq IS NULL').run(insertId);
      },
      { durable: false },
    );
  }

  /** The snapshot a read starts from: INSERTs committed up to now. */
  snapshot(table: string): number {
    if (!this.store.exists()) return 0;
    return this.store.read(
      (db) => db.prepare('SELECT coalesce(max(committed_seq), 0) FROM memory_inserts WHERE table_name = ?').pluck().get(table) as number,
    );
  }

  /** How many rows the INSERTs committed within `snapshot` hold (one row per line of a chunk). */
  count(table: string, snapshot: number): number {
    if (snapshot === 0) return 0;
    return this.store.read(
      (db) =>
        db
          .prepare(
            `SELECT coalesce(sum(length(c.rows_text) - length(replace(c.rows_text, char(10), ''))), 0) FROM memory_chunks c
             JOIN memory_inserts i ON i.id = c.insert_id
             WHERE c.table_name = ? AND i.committed_seq IS NOT NULL AND i.committed_seq <= ?`,
          )
          .pluck()
          .get(table, snapshot) as number,
    );
  }

  /** The next chunks (after chunk id `after`) of INSERTs committed within `snapshot`, in write order. */
  chunks(table: string, snapshot: number, after: number, limit: number): Array<{ id: number; text: string }> {
    if (snapshot === 0) return [];
    return this.store.read(
      (db) =>
        db
          .prepare(
            `SELECT c.id AS id, c.rows_text AS text FROM memory_chunks c JOIN memory_inserts i ON i.id = c.insert_id
             WHERE c.table_name = ? AND c.id > ? AND i.committed_seq IS NOT NULL AND i.committed_seq <= ?
             ORDER BY c.id LIMIT ?`,
          )
          .all(table, after, snapshot, limit) as Array<{ id: number; text: string }>,
    );
  }
}

/** Deletes every row of a memory table, committed or pending (DROP TABLE; inside its transaction). */
export function deleteMemoryRows(db: StoreDatabase, table: string): void {
  db.prepare('DELETE FROM memory_chunks WHERE table_name = ?').run(table);
  db.prepare('DELETE FROM memory_inserts WHERE table_name = ?').run(table);
}
