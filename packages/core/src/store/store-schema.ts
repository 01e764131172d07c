/**
 * The tables of `lateral.db`. Bump STORE_SCHEMA_VERSION (and migrate in data-store.ts) when a
 * change is incompatible.
 *
 * - `catalog_document`: the one row holding the catalog (connections, models, tables) as JSON,
 *   the same document `catalog.json` held; `secrets_document` the one row of secret values. One
 *   DDL statement changes both in one transaction. `table_secrets_document` the one row of tables'
 *   secret option values (table name → key → value as written), apart from connections' so the two
 *   namespaces never meet; CREATE/DROP TABLE change it in the catalog's transaction. Added without
 *   a version bump: `CREATE TABLE IF NOT EXISTS` runs at every open, and a store without the row
 *   has no table secrets.
 * - `memory_inserts` / `memory_chunks`: a memory table's rows, in chunks of NDJSON text (the row
 *   codec's encoding) tagged with the INSERT that wrote them. An INSERT's chunks are visible only
 *   once its `committed_seq` is set, in the transaction that commits it; readers take the highest
 *   committed_seq when they start, so they see exactly the INSERTs committed before that.
 */
export const STORE_SCHEMA_VERSION = 1;

export const STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS catalog_document (id INTEGER PRIMARY KEY CHECK (id = 1), document TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS secrets_document (id INTEGER PRIMARY KEY CHECK (id = 1), document TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS table_secrets_document (id INTEGER PRIMARY KEY CHECK (id = 1), document TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memory_inserts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  table_name TEXT NOT NULL,
  writer TEXT NOT NULL,
  committed_seq INTEGER
);
CREATE INDEX IF NOT EXISTS memory_inserts_by_table ON memory_inserts (table_name, committed_seq);
CREATE TABLE IF NOT EXISTS memory_chunks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  insert_id INTEGER NOT NULL,
  table_name TEXT NOT NULL,
  rows_text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memory_chunks_by_table ON memory_chunks (table_name, id);
CREATE INDEX IF NOT EXISTS memory_chunks_by_insert ON memory_chunks (insert_id);
`;
