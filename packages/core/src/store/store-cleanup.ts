import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDatabase } from './data-store.js';
import { isWriterDead, LOCAL_HOST, parseWriter } from './writer-identity.js';

/** `writeFileAtomic`'s temporary files of earlier versions: `.<file>.<pid>.<hex>.tmp`. */
const LEGACY_TEMPORARY = /^\.(?:catalog|secrets)\.json\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * Removes what killed writers left: the chunks of their uncommitted memory-table INSERTs (never
 * visible to readers, but taking space), chunks of INSERTs whose table was dropped, and the
 * temporary catalog files of earlier versions. Only writers known to be dead: a live process's
 * INSERT in progress is kept.
 */
export function removeDeadWriterLeftovers(db: StoreDatabase, dataDir: string): void {
  const pending = db.prepare('SELECT id, writer FROM memory_inserts WHERE committed_seq IS NULL').all() as Array<{ id: number; writer: string }>;
  const dead = pending.filter((insert) => isWriterDead(parseWriter(insert.writer))).map((insert) => insert.id);
  const orphans = db
    .prepare('SELECT 1 FROM memory_chunks c WHERE NOT EXISTS (SELECT 1 FROM memory_inserts i WHERE i.id = c.insert_id) LIMIT 1')
    .get();
  if (dead.length > 0 || orphans !== undefined) {
    db.transaction(() => {
      const deleteChunks = db.prepare('DELETE FROM memory_chunks WHERE insert_id = ?');
      const deleteInsert = db.prepare('DELETE FROM memory_inserts WHERE id = ? AND committed_seq IS NULL');
      for (const id of dead) {
        deleteChunks.run(id);
        deleteInsert.run(id);
      }
      db.prepare('DELETE FROM memory_chunks WHERE insert_id NOT IN (SELECT id FROM memory_inserts)').run();
    }).immediate();
  }
  removeLegacyTemporaries(dataDir);
}

function removeLegacyTemporaries(dataDir: string): void {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = LEGACY_TEMPORARY.exec(name)?.[1];
    if (pid !== undefined && isWriterDead({ host: LOCAL_HOST, pid: Number(pid) })) {
      try {
        unlinkSync(join(dataDir, name));
      } catch {
        // another process removed it first
      }
    }
  }
}
