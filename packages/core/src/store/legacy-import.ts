import { chmodSync, closeSync, existsSync, openSync, readSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FILE, CatalogFiles, SECRETS_FILE } from '../catalog/catalog-files.js';
import type { StoreDatabase } from './data-store.js';
import { writeCatalogDocument, writeSecretsDocument } from './store-documents.js';
import { formatWriter, currentWriter } from './writer-identity.js';

/** Where earlier versions kept memory tables' rows: `tables/<uri-encoded name>.ndjson`. */
const LEGACY_TABLES_DIR = 'tables';
/** What an imported file is renamed to: kept (owner-only) until its owner deletes it. */
const IMPORTED_SUFFIX = '.imported';
const READ_CHUNK_BYTES = 1 << 20;

export function hasLegacyFiles(dataDir: string): boolean {
  return existsSync(join(dataDir, CATALOG_FILE)) || existsSync(join(dataDir, SECRETS_FILE));
}

/**
 * Imports a data directory of an earlier version (catalog.json, secrets.json, tables/*.ndjson)
 * into the new store, inside the transaction that creates the store: all of it or none. Row
 * files of memory tables the catalog does not name are not imported (a later table of the same
 * name must not adopt them). Returns whether anything was imported.
 */
export function importLegacyFiles(db: StoreDatabase, dataDir: string, storePath: string): boolean {
  if (!hasLegacyFiles(dataDir)) return false;
  const files = new CatalogFiles(dataDir);
  const catalog = files.readCatalog();
  writeCatalogDocument(db, catalog, storePath);
  writeSecretsDocument(db, files.readSecrets());
  const addInsert = db.prepare('INSERT INTO memory_inserts (table_name, writer, committed_seq) VALUES (?, ?, ?)');
  const addChunk = db.prepare('INSERT INTO memory_chunks (insert_id, table_name, rows_text) VALUES (?, ?, ?)');
  let sequence = 0;
  for (const table of catalog.tables) {
    if ((table.options.connector ?? 'memory').trim().toLowerCase() !== 'memory') continue;
    const file = join(dataDir, LEGACY_TABLES_DIR, `${encodeURIComponent(table.name)}.ndjson`);
    if (!existsSync(file)) continue;
    sequence += 1;
    const insertId = Number(addInsert.run(table.name, formatWriter(currentWriter()), sequence).lastInsertRowid);
    for (const text of wholeLineChunks(file)) addChunk.run(insertId, table.name, text);
  }
  return true;
}

/** After the import committed: the old files are renamed `*.imported` (owner-only), never read again. */
export function retireLegacyFiles(dataDir: string): void {
  for (const name of [CATALOG_FILE, SECRETS_FILE, LEGACY_TABLES_DIR]) {
    const path = join(dataDir, name);
    if (!existsSync(path)) continue;
    renameSync(path, `${path}${IMPORTED_SUFFIX}`);
    chmodSync(`${path}${IMPORTED_SUFFIX}`, name === LEGACY_TABLES_DIR ? 0o700 : 0o600);
  }
}

/** The file's text in pieces of about READ_CHUNK_BYTES that end at a line end (a last line without its line end is kept, as the old reader kept it). */
function* wholeLineChunks(file: string): Generator<string> {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(READ_CHUNK_BYTES);
    let carry = Buffer.alloc(0);
    for (;;) {
      const read = readSync(descriptor, buffer, 0, buffer.length, null);
      if (read === 0) break;
      const data = Buffer.concat([carry, buffer.subarray(0, read)]);
      const end = data.lastIndexOf(0x0a);
      if (end < 0) {
        carry = data;
        continue;
      }
      yield data.subarray(0, end + 1).toString('utf8');
      carry = Buffer.from(data.subarray(end + 1));
    }
    if (carry.length > 0 && carry.toString('utf8').trim() !== '') yield `${carry.toString('utf8')}\n`;
  } finally {
    closeSync(descriptor);
  }
}
