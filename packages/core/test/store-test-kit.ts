import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The documents committed in a data directory's store, read with a separate read-only connection (as another process would). */
export function storedDocuments(dataDir: string): { catalog: string | undefined; secrets: string | undefined } {
  const path = join(dataDir, 'lateral.db');
  if (!existsSync(path)) return { catalog: undefined, secrets: undefined };
  const db = new Database(path, { readonly: true });
  try {
    const catalog = db.prepare('SELECT document FROM catalog_document WHERE id = 1').pluck().get() as string | undefined;
    const secrets = db.prepare('SELECT document FROM secrets_document WHERE id = 1').pluck().get() as string | undefined;
    return { catalog, secrets };
  } finally {
    db.close();
  }
}

/** Number of memory-table chunks stored for `table`, committed or not (what a killed or aborted INSERT would leave). */
export function storedChunkCount(dataDir: string, table: string): number {
  const db = new Database(join(dataDir, 'lateral.db'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM memory_chunks WHERE table_name = ?').pluck().get(table) as number;
  } finally {
    db.close();
  }
}

/** The tables' secrets document committed in a data directory's store (undefined when none was written). */
export function storedTableSecrets(dataDir: string): string | undefined {
  const path = join(dataDir, 'lateral.db');
  if (!existsSync(path)) return undefined;
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT document FROM table_secrets_document WHERE id = 1').pluck().get() as string | undefined;
  } finally {
    db.close();
  }
}
