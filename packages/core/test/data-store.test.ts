import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataStore } from '../src/store/data-store.js';
import { MemoryRows } from '../src/store/memory-rows.js';
import { LOCAL_HOST } from '../src/store/writer-identity.js';
import { tempDir } from './query-fixtures.js';
import { storedChunkCount } from './store-test-kit.js';

let dir: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(() => dir.cleanup());

/** A pid that certainly belongs to no live process: one of a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;
}

/** Rewrites the writer of every pending INSERT, as if another process had begun it. */
function pretendWriter(writer: string): void {
  const db = new Database(join(dir.path, 'lateral.db'));
  try {
    db.prepare('UPDATE memory_inserts SET writer = ? WHERE committed_seq IS NULL').run(writer);
  } finally {
    db.close();
  }
}

describe('the data directory store', () => {
  it('removes on open the uncommitted rows of a killed writer, and keeps a live writer\'s', async () => {
    const first = new DataStore(dir.path);
    const rows = new MemoryRows(first);
    const killed = rows.begin('t');
    rows.append(killed, 't', '{"id":1}\n');
    rows.append(killed, 't', '{"id":2}\n');
    first.close();
    pretendWriter(`${LOCAL_HOST}:${deadPid()}`);

    const live = new DataStore(dir.path);
    const liveRows = new MemoryRows(live);
    live.read(() => undefined);
    expect(storedChunkCount(dir.path, 't')).toBe(0);
    const running = liveRows.begin('t');
    liveRows.append(running, 't', '{"id":3}\n');
    // Another process opening the store meanwhile must not touch the live INSERT.
    const other = new DataStore(dir.path);
    other.read(() => undefined);
    expect(storedChunkCount(dir.path, 't')).toBe(1);
    liveRows.commit(running, 't');
    expect(liveRows.chunks('t', liveRows.snapshot('t'), 0, 10).map((chunk) => chunk.text)).toEqual(['{"id":3}\n']);
    other.close();
    live.close();
  });

  it('removes temporary catalog files of earlier versions whose writer is dead', async () => {
    await mkdir(dir.path, { recursive: true });
    const dead = `.catalog.json.${deadPid()}.a1b2c3d4e5f6.tmp`;
    const live = `.secrets.json.${process.pid}.a1b2c3d4e5f6.tmp`;
    await writeFile(join(dir.path, dead), '{}');
    await writeFile(join(dir.path, live), '{}');
    const store = new DataStore(dir.path);
    store.read(() => undefined);
    store.close();
    expect((await readdir(dir.path)).filter((name) => name.endsWith('.tmp'))).toEqual([live]);
  });

  it('refuses a commit of an INSERT whose table was dropped meanwhile', async () => {
    const store = new DataStore(dir.path);
    const rows = new MemoryRows(store);
    const insert = rows.begin('t');
    rows.append(insert, 't', '{"id":1}\n');
    store.write((db) => db.prepare("DELETE FROM memory_inserts WHERE table_name = 't'").run());
    expect(() => rows.commit(insert, 't')).toThrow(/was dropped by another statement/);
    store.close();
  });
});
